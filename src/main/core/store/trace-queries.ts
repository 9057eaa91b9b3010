/**
 * Reading traces and spans: the detail of one trace, the columnar span table (stored per trace,
 * see span-table.ts), one span with its payloads, search within a trace, and deletion.
 */
import type { Span, TraceReport } from '../../../shared/model'
import type { SpanSearch, SpanTable, TraceDetail } from '../../../shared/api'
import type { Db } from './connection'
import { spanTableFromBinary } from '../../../shared/span-table-binary'
import { readSpanTableBytes } from './span-table'
import {
  SPAN_COLUMNS,
  TRACE_COLUMNS,
  spanFromRow,
  traceFromRow,
  type SpanRow,
  type TraceRow,
} from './trace-rows'

/** A trace with its import report, or undefined when the id is unknown. */
export function readTraceDetail(db: Db, id: string): TraceDetail | undefined {
  const row = db
    .prepare(
      `SELECT ${TRACE_COLUMNS}, t.attributes, t.report FROM traces t JOIN files f ON f.id = t.file_id WHERE t.id = ?`,
    )
    .get(id) as (TraceRow & { report: string }) | undefined
  if (!row) return undefined
  const report = JSON.parse(row.report) as TraceReport
  return {
    trace: traceFromRow(row),
    report: {
      traceId: id,
      repairs: report.repairs ?? [],
      warnings: report.warnings ?? [],
      ...(report.counts ? { counts: report.counts } : {}),
    },
  }
}

/**
 * All spans of a trace as columns in step order, or undefined when the trace is unknown: the
 * table stored at import (see span-table.ts), decoded.
 */
export function readSpanTable(db: Db, traceId: string): SpanTable | undefined {
  const bytes = readSpanTableBytes(db, traceId)
  return bytes === undefined ? undefined : spanTableFromBinary(bytes)
}

/** One span with its payloads, or undefined when trace or index is unknown. */
export function readSpan(db: Db, traceId: string, index: number): Span | undefined {
  const row = db
    .prepare(
      `SELECT ${SPAN_COLUMNS} FROM spans s LEFT JOIN span_payloads p ON p.trace_id = s.trace_id AND p.idx = s.idx
       WHERE s.trace_id = ? AND s.idx = ?`,
    )
    .get(traceId, index) as SpanRow | undefined
  return row ? spanFromRow(row) : undefined
}

/** A trace's spans in step order with their payloads, read in one query as they are consumed. */
export function iterateSpans(db: Db, traceId: string): IterableIterator<Span> {
  const rows = db
    .prepare(
      `SELECT ${SPAN_COLUMNS} FROM spans s LEFT JOIN span_payloads p ON p.trace_id = s.trace_id AND p.idx = s.idx
       WHERE s.trace_id = ? ORDER BY s.idx`,
    )
    .iterate(traceId) as IterableIterator<SpanRow>
  return (function* () {
    for (const row of rows) yield spanFromRow(row)
  })()
}

/** Turns free text into an FTS5 query: every word must appear (prefix match), no operators. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu)
  if (!words?.length) return null
  return words.map((w) => `"${w}"*`).join(' ')
}

/** Step indices of the spans of a trace matching text (name, input, output), kind and status. */
export function searchSpanIndices(db: Db, q: SpanSearch): number[] {
  const limit = q.limit ?? 100_000
  const filters: string[] = ['s.trace_id = @traceId']
  if (q.kind) filters.push('s.kind = @kind')
  if (q.status) filters.push('s.status = @status')
  const params: Record<string, unknown> = {
    traceId: q.traceId,
    kind: q.kind,
    status: q.status,
    limit,
  }
  const match = q.text ? ftsQuery(q.text) : null
  if (q.text && !match) return []
  if (!match) {
    for (const k of ['kind', 'status'] as const) if (!q[k]) delete params[k]
    const rows = db
      .prepare(
        `SELECT s.idx FROM spans s WHERE ${filters.join(' AND ')} ORDER BY s.idx LIMIT @limit`,
      )
      .pluck()
      .all(params) as number[]
    return rows
  }
  params.match = match
  for (const k of ['kind', 'status'] as const) if (!q[k]) delete params[k]
  const where = filters.join(' AND ')
  // Spans with an input or output: the full-text index (name, input, output). The trace's
  // payload rows are one rowid range (written together in one transaction), so the query is
  // bounded to that range instead of matching the whole library.
  const range = db
    .prepare('SELECT min(rowid) AS lo, max(rowid) AS hi FROM span_payloads WHERE trace_id = ?')
    .get(q.traceId) as { lo: number | null; hi: number | null }
  const hits = new Set<number>()
  if (range.lo !== null && range.hi !== null) {
    const rows = db
      .prepare(
        `SELECT s.idx FROM span_fts
         JOIN span_payloads p ON p.rowid = span_fts.rowid
         JOIN spans s ON s.trace_id = p.trace_id AND s.idx = p.idx
         WHERE span_fts MATCH @match AND span_fts.rowid BETWEEN @lo AND @hi AND ${where}
         ORDER BY s.idx LIMIT @limit`,
      )
      .pluck()
      .all({ ...params, lo: range.lo, hi: range.hi }) as number[]
    for (const i of rows) hits.add(i)
  }
  // Spans without either have no full-text row (see TraceWriter.insertSpan): their names are
  // matched by the same tokenizer, over the trace's distinct names.
  prepareNameIndex(db, q.traceId)
  const byName = db
    .prepare(
      `SELECT s.idx FROM spans s
       WHERE ${where} AND s.input_hash IS NULL AND s.output_hash IS NULL
         AND s.name IN (SELECT name FROM temp.span_name_fts WHERE span_name_fts MATCH @match)
       ORDER BY s.idx LIMIT @limit`,
    )
    .pluck()
    .all(params) as number[]
  for (const i of byName) hits.add(i)
  return [...hits].sort((a, b) => a - b).slice(0, limit)
}

/** The trace whose names the connection's temporary name index holds. */
const nameIndexOf = new WeakMap<Db, string>()

/**
 * Fills the connection's temporary full-text table (tokenized like span_fts) with the distinct
 * names of a trace's spans that have no full-text row. Kept until another trace is searched:
 * a stored trace's spans never change.
 */
function prepareNameIndex(db: Db, traceId: string): void {
  if (nameIndexOf.get(db) === traceId) return
  db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.span_name_fts USING fts5(name, tokenize='unicode61')",
  )
  db.prepare('DELETE FROM temp.span_name_fts').run()
  db.prepare(
    `INSERT INTO temp.span_name_fts (name) SELECT DISTINCT name FROM spans
     WHERE trace_id = ? AND input_hash IS NULL AND output_hash IS NULL`,
  ).run(traceId)
  nameIndexOf.set(db, traceId)
}

/**
 * Deletes traces (spans, payloads and span tables cascade; full-text rows are removed first because the index
 * has no foreign key). A file row goes when its last trace does, so re-importing it works again.
 * Call inside a transaction. Returns how many traces were deleted.
 */
export function deleteTraceRows(db: Db, ids: readonly string[]): number {
  const ftsDel = db.prepare(
    'DELETE FROM span_fts WHERE rowid IN (SELECT rowid FROM span_payloads WHERE trace_id = ?)',
  )
  const fileOf = db.prepare('SELECT file_id FROM traces WHERE id = ?').pluck()
  const del = db.prepare('DELETE FROM traces WHERE id = ?')
  const dropFile = db.prepare(
    'DELETE FROM files WHERE id = ? AND NOT EXISTS (SELECT 1 FROM traces WHERE file_id = ?)',
  )
  let n = 0
  const files = new Set<number>()
  for (const id of ids) {
    const fileId = fileOf.get(id) as number | undefined
    if (fileId === undefined) continue
    ftsDel.run(id)
    n += del.run(id).changes
    files.add(fileId)
  }
  for (const f of files) dropFile.run(f, f)
  return n
}
