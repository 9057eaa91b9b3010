/**
 * Writes imported content: the file row, and per trace its row, its spans in step order, their
 * payloads, the full-text index and the span table the timeline opens with. Callers wrap a whole file in one transaction (see
 * pipeline.ts); nothing here commits on its own.
 */
import type { Span, Trace, TraceReport, ImportReport, NormalisedTrace } from '../../../shared/model'
import type { Db } from './connection'
import { payloadSearchText } from '../../../shared/payload-search-text'
import { storeAttributes, storePayload } from './payload-text'
import {
  SPAN_TABLE_ENCODING,
  STORE_SPAN_TABLE_SQL,
  spanColumnsOf,
  spanTableFromColumns,
  storedSpanTable,
  type SpanColumns,
} from './span-table'

export interface FileRow {
  hash: string
  name: string
  path: string | null
  size: number
  format: string
  detectedBy: string | null
  report: ImportReport
}

/** Stored payload columns of one span, already serialised. */
export interface PayloadRow {
  input: string | null
  output: string | null
  error: string | null
  attributes: string
  events: string
  inputHash: string | null
  outputHash: string | null
  ftsInput: string
  ftsOutput: string
}

/** True when a payload row would hold nothing (no input, output, error, attributes or events). */
export function isEmptyPayload(p: PayloadRow): boolean {
  return (
    p.input === null &&
    p.output === null &&
    p.error === null &&
    p.attributes === '{}' &&
    p.events === '[]'
  )
}

/**
 * True when a span gets a full-text row: it has an input or an output. The spans of a trace
 * without one are exactly those whose `input_hash` and `output_hash` are both NULL.
 */
export function hasFullText(p: PayloadRow): boolean {
  return p.input !== null || p.output !== null
}

/** Serialises a span's payloads for storage and indexing. */
export function payloadRow(
  s: Partial<Pick<Span, 'input' | 'output' | 'error' | 'attributes' | 'events'>>,
): PayloadRow {
  const input = s.input === undefined ? null : storePayload(s.input)
  const output = s.output === undefined ? null : storePayload(s.output)
  return {
    input: input?.text ?? null,
    output: output?.text ?? null,
    error: s.error === undefined ? null : JSON.stringify(s.error),
    attributes: storeAttributes(s.attributes, s.input, s.output),
    events: s.events?.length ? JSON.stringify(s.events) : '[]',
    inputHash: input?.hash ?? null,
    outputHash: output?.hash ?? null,
    ftsInput: payloadSearchText(s.input),
    ftsOutput: payloadSearchText(s.output),
  }
}

/** Rows per multi-row INSERT: one statement step per this many rows instead of per row. */
const BATCH_ROWS = 64

/**
 * Rows of one table gathered into multi-row INSERTs (fewer, larger statements: each run costs a
 * bind, a step and a reset, however small the row). `flush` writes what is left.
 */
class BatchInsert {
  private readonly full
  private readonly one
  private readonly values: unknown[] = []
  private rows = 0

  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly width: number,
  ) {
    this.full = db.prepare(this.sql(BATCH_ROWS))
    this.one = db.prepare(this.sql(1))
  }

  private sql(rows: number): string {
    const row = `(${new Array<string>(this.width).fill('?').join(', ')})`
    return `${this.head} VALUES ${new Array<string>(rows).fill(row).join(', ')}`
  }

  add(...row: unknown[]): void {
    for (const v of row) this.values.push(v)
    if (++this.rows === BATCH_ROWS) {
      this.full.run(this.values)
      this.values.length = 0
      this.rows = 0
    }
  }

  flush(): void {
    for (let i = 0; i < this.rows; i++)
      this.one.run(this.values.slice(i * this.width, (i + 1) * this.width))
    this.values.length = 0
    this.rows = 0
  }
}

/**
 * Prepared statements for writing; create once per connection and import, inside the import's
 * transaction, and call `flush` before it commits (span, payload and full-text rows are written
 * in batches).
 */
export class TraceWriter {
  private readonly insFile
  private readonly insTrace
  private readonly insSpan
  private readonly insPayload
  private readonly insFts
  private readonly insSpanTable
  private nextPayloadRowid: number | undefined
  private readonly builtTables = new Map<string, Uint8Array>()

  constructor(private readonly db: Db) {
    this.insFile = db.prepare(
      `INSERT INTO files (hash, name, path, size, format, detected_by, imported_at, report)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.insTrace = db.prepare(
      `INSERT INTO traces (id, file_id, source_trace_id, name, format, file_name, session_id, user_id,
         tags, environment, project, start, duration, status, span_count, error_count, retry_count,
         input_tokens, output_tokens, cost, cost_estimated, models, attributes, report, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.insSpan = new BatchInsert(
      db,
      `INSERT INTO spans (trace_id, idx, span_id, parent_id, parent_idx, depth, name, kind, status,
         start, duration, service, model, provider, input_tokens, output_tokens, cost, cost_estimated,
         flags, input_hash, output_hash)`,
      21,
    )
    this.insPayload = new BatchInsert(
      db,
      'INSERT INTO span_payloads (rowid, trace_id, idx, input, output, error, attributes, events)',
      8,
    )
    this.insFts = new BatchInsert(db, 'INSERT INTO span_fts (rowid, name, input, output)', 4)
    this.insSpanTable = db.prepare(STORE_SPAN_TABLE_SQL)
  }

  /**
   * Starts another transaction with the same writer (the live receiver commits batch after
   * batch): payload rowids are numbered afresh from the table, which another connection may
   * have written to in between.
   */
  renumber(): void {
    this.nextPayloadRowid = undefined
  }

  /** Writes the rows still gathered in batches; call before the transaction commits. */
  flush(): void {
    this.insSpan.flush()
    this.insPayload.flush()
    this.insFts.flush()
  }

  /** The rowid the next payload row gets (rows are numbered here, so batches can be used). */
  private payloadRowid(): number {
    this.nextPayloadRowid ??=
      ((this.db.prepare('SELECT max(rowid) FROM span_payloads').pluck().get() as number | null) ??
        0) + 1
    return this.nextPayloadRowid++
  }

  /** Inserts the file row; returns its id. */
  insertFile(f: FileRow): number {
    const r = this.insFile.run(
      f.hash,
      f.name,
      f.path,
      f.size,
      f.format,
      f.detectedBy,
      Date.now() * 1000,
      JSON.stringify(f.report),
    )
    return Number(r.lastInsertRowid)
  }

  /** Rewrites a file row's report (the report is only complete once every trace is written). */
  updateFileReport(fileId: number, report: ImportReport): void {
    this.db.prepare('UPDATE files SET report = ? WHERE id = ?').run(JSON.stringify(report), fileId)
  }

  /** Inserts a trace row. */
  insertTrace(fileId: number, t: Trace, report: TraceReport): void {
    this.insTrace.run(
      t.id,
      fileId,
      t.sourceTraceId,
      t.name,
      t.source.format,
      t.source.file,
      t.sessionId ?? null,
      t.userId ?? null,
      JSON.stringify(t.tags),
      t.environment ?? null,
      t.project ?? null,
      t.start,
      t.duration,
      t.status,
      t.spanCount,
      t.errorCount,
      t.retryCount,
      t.inputTokens,
      t.outputTokens,
      t.cost,
      t.costEstimated ? 1 : 0,
      JSON.stringify(t.models),
      JSON.stringify(t.attributes),
      JSON.stringify(report),
      Date.now() * 1000,
    )
  }

  /** Stores a trace's span table, built from all its spans' columns (after insertTrace). */
  insertSpanTable(t: Pick<Trace, 'id' | 'start'>, columns: () => SpanColumns): void {
    const built = this.builtTables.get(t.id)
    const bytes = built ?? storedSpanTable(spanTableFromColumns(t.id, t.start, columns()))
    this.insSpanTable.run(t.id, SPAN_TABLE_ENCODING, bytes)
  }

  /** A trace's span table already built (for its preview): insertSpanTable stores it as is. */
  reuseSpanTable(traceId: string, bytes: Uint8Array): void {
    this.builtTables.set(traceId, bytes)
  }

  /** Inserts one span's structural row (payload hashes given separately). */
  insertSpanRow(
    traceId: string,
    s: Span,
    inputHash: string | null,
    outputHash: string | null,
  ): void {
    this.insSpan.add(
      traceId,
      s.index,
      s.id,
      s.parentId,
      s.parentIndex,
      s.depth,
      s.name,
      s.kind,
      s.status,
      s.start,
      s.duration,
      s.service ?? null,
      s.model ?? null,
      s.provider ?? null,
      s.inputTokens ?? null,
      s.outputTokens ?? null,
      s.cost ?? null,
      s.costEstimated ? 1 : 0,
      s.flags?.length ? JSON.stringify(s.flags) : null,
      inputHash,
      outputHash,
    )
  }

  /**
   * Inserts one span's structural row, its payload row and its full-text entry. A span with
   * nothing in its payloads gets no payload row (readers LEFT JOIN it: empty attributes and
   * events), and one without input or output gets no full-text row: its name is searched from
   * `spans` (see searchSpanIndices). Most spans of big traces (Chrome slices, Jaeger spans) are
   * such spans, and their two rows were most of the library's size and of the import's writes.
   */
  insertSpan(traceId: string, s: Span, p: PayloadRow): void {
    this.insertSpanRow(traceId, s, p.inputHash, p.outputHash)
    if (isEmptyPayload(p)) return
    const rowid = this.payloadRowid()
    this.insPayload.add(rowid, traceId, s.index, p.input, p.output, p.error, p.attributes, p.events)
    if (hasFullText(p)) this.insFts.add(rowid, s.name, p.ftsInput, p.ftsOutput)
  }

  /** Writes a whole in-memory normalised trace. */
  insertNormalised(fileId: number, nt: NormalisedTrace): void {
    this.insertTrace(fileId, nt.trace, nt.report)
    this.insertSpanTable(nt.trace, () => spanColumnsOf(nt.spans))
    for (const s of nt.spans) this.insertSpan(nt.trace.id, s, payloadRow(s))
  }
}
