/**
 * Staging for streamed imports. Payloads of a huge file arrive before the trace's step order is
 * known (that needs every span), so they are written to a staging database attached beside the
 * library (never into it, and not under the library's write lock), keyed by arrival number.
 * At commit, each trace's payloads are copied into span_payloads in step order inside the
 * import's one transaction. The staging file is deleted afterwards, whatever happened.
 */
import { rmSync } from 'node:fs'
import type { Db } from './connection'
import type { PayloadRow } from './trace-writer'

const BATCH = 2000
const HASH_BYTES = 20

let stageCounter = 0

export class PayloadStage {
  private readonly file: string
  private readonly insert
  private pending = 0
  private hashes = new Uint8Array(HASH_BYTES * 2 * 4096)
  private hashSet = new Uint8Array(4096)
  private closed = false

  constructor(
    private readonly db: Db,
    dbPath: string,
  ) {
    // '' asks SQLite for a private temporary file (used for ':memory:' libraries in tests).
    this.file = dbPath === ':memory:' || dbPath === '' ? '' : `${dbPath}-import-${process.pid}-${++stageCounter}.tmp`
    db.prepare('ATTACH DATABASE ? AS stage').run(this.file)
    try {
      db.exec(`
        PRAGMA stage.journal_mode = OFF;
        PRAGMA stage.synchronous = OFF;
        CREATE TABLE stage.payload (seq INTEGER PRIMARY KEY, input TEXT, output TEXT, error TEXT,
          attributes TEXT, events TEXT, fts_in TEXT, fts_out TEXT);
        CREATE TABLE stage.step (idx INTEGER PRIMARY KEY, seq INTEGER NOT NULL, name TEXT NOT NULL);
      `)
    } catch (err) {
      this.close()
      throw err
    }
    this.insert = db.prepare('INSERT INTO stage.payload VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  }

  /** Stages one span's payloads under its arrival number. */
  put(seq: number, p: PayloadRow): void {
    if (this.pending === 0) this.db.exec('BEGIN')
    this.insert.run(seq, p.input, p.output, p.error, p.attributes, p.events, p.ftsInput, p.ftsOutput)
    if (++this.pending >= BATCH) this.flush()
    this.setHash(seq, 0, p.inputHash)
    this.setHash(seq, 1, p.outputHash)
  }

  /** Commits staged rows written so far. */
  flush(): void {
    if (this.pending > 0) {
      this.db.exec('COMMIT')
      this.pending = 0
    }
  }

  private setHash(seq: number, which: 0 | 1, hex: string | null): void {
    if (hex === null) return
    const need = seq + 1
    if (need > this.hashSet.length) {
      let cap = this.hashSet.length
      while (cap < need) cap *= 2
      const h = new Uint8Array(cap * HASH_BYTES * 2)
      h.set(this.hashes)
      this.hashes = h
      const s = new Uint8Array(cap)
      s.set(this.hashSet)
      this.hashSet = s
    }
    this.hashes.set(Buffer.from(hex, 'hex'), (seq * 2 + which) * HASH_BYTES)
    this.hashSet[seq] |= 1 << which
  }

  /** The payload hash of a staged span (hex), or null when it had no such payload. */
  hash(seq: number, which: 0 | 1): string | null {
    if (seq >= this.hashSet.length || !(this.hashSet[seq] & (1 << which))) return null
    const off = (seq * 2 + which) * HASH_BYTES
    return Buffer.from(this.hashes.buffer, this.hashes.byteOffset + off, HASH_BYTES).toString('hex')
  }

  /**
   * Copies one trace's payloads into span_payloads (step order, so the trace's rows are one
   * rowid range) and the full-text index. Call inside the import transaction, after the trace's
   * span rows are written.
   */
  copyTrace(traceId: string, steps: { src: Int32Array; names: string[] }): void {
    this.flush()
    this.db.exec('DELETE FROM stage.step')
    const ins = this.db.prepare('INSERT INTO stage.step VALUES (?, ?, ?)')
    for (let i = 0; i < steps.src.length; i++) ins.run(i, steps.src[i], steps.names[i])
    this.db
      .prepare(
        `INSERT INTO span_payloads (trace_id, idx, input, output, error, attributes, events)
         SELECT ?, s.idx, p.input, p.output, p.error, coalesce(p.attributes, '{}'), coalesce(p.events, '[]')
         FROM stage.step s LEFT JOIN stage.payload p ON p.seq = s.seq ORDER BY s.idx`,
      )
      .run(traceId)
    this.db
      .prepare(
        `INSERT INTO span_fts (rowid, name, input, output)
         SELECT sp.rowid, s.name, coalesce(p.fts_in, ''), coalesce(p.fts_out, '')
         FROM span_payloads sp JOIN stage.step s ON s.idx = sp.idx LEFT JOIN stage.payload p ON p.seq = s.seq
         WHERE sp.trace_id = ?`,
      )
      .run(traceId)
  }

  /** Detaches and deletes the staging database (safe to call twice). */
  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.db.inTransaction && this.pending > 0) this.db.exec('ROLLBACK')
    this.pending = 0
    try {
      this.db.exec('DETACH DATABASE stage')
    } finally {
      if (this.file) {
        for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(this.file + suffix, { force: true })
      }
    }
  }
}
