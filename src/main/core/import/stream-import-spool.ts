/**
 * The payload spool of a streamed import. A span's step (and its trace's id) is only known once
 * the whole file has been read, so its payloads cannot be written when it arrives; rather than
 * parse and convert the file a second time, the first pass appends each span's serialised
 * payload row, in arrival order, to a temporary file beside the library, and the commit reads
 * them back in the same order. Memory stays bounded (one buffer each way); the file is deleted
 * by `dispose`, whatever happened.
 *
 * Record: u32 byte length of the rest, then per field of PayloadRow (FIELDS order) an i32 byte
 * length (-1 for null) and that many UTF-8 bytes.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import type { PayloadRow } from '../store/trace-writer'
import { ImportError } from './importer'

const FIELDS = [
  'input',
  'output',
  'error',
  'attributes',
  'events',
  'inputHash',
  'outputHash',
  'ftsInput',
  'ftsOutput',
] as const satisfies readonly (keyof PayloadRow)[]

const BUFFER_BYTES = 8 << 20

/** Where the spool of an import into `dbPath` goes: beside the library (or the temp folder). */
export function spoolPath(dbPath: string): string {
  // Unique across processes, worker threads and imports: the file is created exclusively.
  const name = `import-${process.pid}-${threadId}-${randomBytes(6).toString('hex')}.tmp`
  return dbPath === ':memory:' || dbPath === ''
    ? join(tmpdir(), `tracedeck-${name}`)
    : `${dbPath}-${name}`
}

export class PayloadSpool {
  private fd: number | null
  private readonly bufferBytes: number
  private buf: Buffer
  private used = 0
  /** Bytes written so far (the size of the file once `finish` has run). */
  bytes = 0
  /** Rows written so far. */
  count = 0

  /** `bufferBytes`: size of the write and read buffers (tests use tiny ones). */
  constructor(
    readonly path: string,
    bufferBytes = BUFFER_BYTES,
  ) {
    this.fd = openSync(path, 'wx+', 0o600)
    this.bufferBytes = bufferBytes
    this.buf = Buffer.allocUnsafe(bufferBytes)
  }

  /** Appends one span's payload row. */
  put(row: PayloadRow): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: reserve that much, write, then fill in sizes.
    let need = 4
    for (const f of FIELDS) need += 4 + (row[f]?.length ?? 0) * 3
    if (need > this.buf.length - this.used) {
      this.flush()
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need)
    }
    const b = this.buf
    const start = this.used
    let at = start + 4
    for (const f of FIELDS) {
      const v = row[f]
      if (v === null) {
        b.writeInt32LE(-1, at)
        at += 4
      } else {
        const n = b.write(v, at + 4, 'utf8')
        b.writeInt32LE(n, at)
        at += 4 + n
      }
    }
    b.writeUInt32LE(at - start - 4, start)
    this.used = at
    this.count++
  }

  private flush(): void {
    if (this.used === 0) return
    let off = 0
    try {
      while (off < this.used) off += writeSync(this.fd!, this.buf, off, this.used - off)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC') {
        throw new ImportError(
          `the disk is full: a big import needs room beside the library for a temporary file about the size of the trace data (${this.path})`,
        )
      }
      throw err
    }
    this.bytes += this.used
    this.used = 0
  }

  /** Writes out what is buffered; call once every row is in. */
  finish(): void {
    this.flush()
    if (this.buf.length > this.bufferBytes) this.buf = Buffer.allocUnsafe(this.bufferBytes)
  }

  /**
   * Reads every row back in order, synchronously (the commit runs in one transaction, which
   * never spans an await). `progress` gets the bytes read so far and may throw to stop.
   */
  replay(
    each: (row: PayloadRow, seq: number) => void,
    progress: (bytesDone: number) => void,
  ): void {
    const fd = this.fd!
    let b = this.buf
    let pos = 0 // file offset of b[0]
    let have = 0 // valid bytes in b
    let at = 0 // next record in b
    let seq = 0
    const fill = (need: number): void => {
      // Keep the unread tail, make room for `need` bytes, read until they are there.
      const tail = have - at
      if (need > b.length) {
        const bigger = Buffer.allocUnsafe(need)
        b.copy(bigger, 0, at, have)
        b = bigger
      } else {
        b.copy(b, 0, at, have)
      }
      pos += at
      have = tail
      at = 0
      while (have < need) {
        const n = readSync(fd, b, have, b.length - have, pos + have)
        if (n === 0) throw new Error(`the import spool ${this.path} ended early`)
        have += n
      }
      progress(pos)
    }
    while (seq < this.count) {
      if (have - at < 4) fill(4)
      const size = b.readUInt32LE(at)
      if (have - at < 4 + size) fill(4 + size)
      let p = at + 4
      const row = {} as Record<(typeof FIELDS)[number], string | null>
      for (const f of FIELDS) {
        const n = b.readInt32LE(p)
        p += 4
        if (n < 0) row[f] = null
        else {
          row[f] = b.toString('utf8', p, p + n)
          p += n
        }
      }
      at = p
      each(row as PayloadRow, seq++)
    }
    progress(this.bytes)
  }

  /** Closes and deletes the spool file (safe to call twice). */
  dispose(): void {
    if (this.fd === null) return
    try {
      closeSync(this.fd)
    } finally {
      this.fd = null
      rmSync(this.path, { force: true })
    }
  }
}
