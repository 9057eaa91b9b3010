/**
 * Reading traces and spans: the detail of one trace, the columnar span table (fast for a
 * million spans: raw row iteration, names and models interned), one span with its payloads,
 * search within a trace, and deletion.
 */
import { SPAN_KINDS, type Span, type TraceReport } from '../../../shared/model'
import type { SpanSearch, SpanTable, TraceDetail, TraceSummary } from '../../../shared/api'
import type { Db } from './connection'
import {
  SPAN_COLUMNS,
  TRACE_COLUMNS,
  spanFromRow,
  traceFromRow,
  type SpanRow,
  type TraceRow,
} from './trace-rows'

const KIND_INDEX = new Map(SPAN_KINDS.map((k, i) => [k as string, i]))
const STATUS_INDEX: Record<string, number> = { ok: 0, error: 1, retry: 2 }

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
    report: { traceId: id, repairs: report.repairs ?? [], warnings: report.warnings ?? [] },
  }
}

/** Every trace, newest first (the library list when no richer query module is present). */
export function readTraceSummaries(db: Db, limit = 100_000): TraceSummary[] {
  const rows = db
    .prepare(
      `SELECT ${TRACE_COLUMNS} FROM traces t JOIN files f ON f.id = t.file_id ORDER BY t.start DESC LIMIT ?`,
    )
    .all(limit) as TraceRow[]
  return rows.map((r) => {
    const { attributes: _a, ...summary } = traceFromRow(r)
    return summary
  })
}

/** Interns strings: each distinct value gets the next index in `list`. */
function interner(list: string[]): (v: string) => number {
  const seen = new Map<string, number>()
  return (v) => {
    let i = seen.get(v)
    if (i === undefined) {
      i = list.length
      seen.set(v, i)
      list.push(v)
    }
    return i
  }
}

/**
 * All spans of a trace as columns in step order, or undefined when the trace is unknown.
 * SQLite builds each column as one JSON array (one row out instead of a million: row-by-row
 * reads cost more than the data), and JS only interns names and models.
 */
export function readSpanTable(db: Db, traceId: string): SpanTable | undefined {
  const t = db.prepare('SELECT start FROM traces WHERE id = ?').get(traceId) as
    { start: number } | undefined
  if (!t) return undefined
  const cols = db
    .prepare(
      `SELECT json_group_array(start), json_group_array(duration), json_group_array(depth),
         json_group_array(parent_idx), json_group_array(kind), json_group_array(status),
         json_group_array(name), json_group_array(input_tokens), json_group_array(output_tokens),
         json_group_array(cost), json_group_array(model)
       FROM (SELECT start, duration, depth, parent_idx, kind, status, name, input_tokens, output_tokens,
               cost, model FROM spans WHERE trace_id = ? ORDER BY idx)`,
    )
    .raw()
    .get(traceId) as string[]
  const [
    start,
    duration,
    depth,
    parentIndex,
    kinds,
    statuses,
    names,
    inputTokens,
    outputTokens,
    cost,
    models,
  ] = cols.map((c) => JSON.parse(c) as unknown[])
  const n = start.length
  const table: SpanTable = {
    traceId,
    count: n,
    origin: t.start,
    start: start as number[],
    duration: duration as number[],
    depth: depth as number[],
    parentIndex: parentIndex as number[],
    kind: new Array(n),
    status: new Array(n),
    name: new Array(n),
    names: [],
    inputTokens: inputTokens as (number | null)[],
    outputTokens: outputTokens as (number | null)[],
    cost: cost as (number | null)[],
    model: new Array(n),
    models: [],
  }
  const spanKind = KIND_INDEX.get('span')!
  const name = interner(table.names)
  const model = interner(table.models)
  for (let i = 0; i < n; i++) {
    table.start[i] -= t.start
    table.kind[i] = KIND_INDEX.get(kinds[i] as string) ?? spanKind
    table.status[i] = STATUS_INDEX[statuses[i] as string] ?? 0
    table.name[i] = name(names[i] as string)
    table.model[i] = models[i] === null ? -1 : model(models[i] as string)
  }
  return table
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
  // The trace's payload rows are one rowid range (written together in one transaction), so the
  // full-text query is bounded to that range instead of matching the whole library.
  const range = db
    .prepare('SELECT min(rowid) AS lo, max(rowid) AS hi FROM span_payloads WHERE trace_id = ?')
    .get(q.traceId) as { lo: number | null; hi: number | null }
  if (range.lo === null || range.hi === null) return []
  params.match = match
  params.lo = range.lo
  params.hi = range.hi
  for (const k of ['kind', 'status'] as const) if (!q[k]) delete params[k]
  return db
    .prepare(
      `SELECT s.idx FROM span_fts
       JOIN span_payloads p ON p.rowid = span_fts.rowid
       JOIN spans s ON s.trace_id = p.trace_id AND s.idx = p.idx
       WHERE span_fts MATCH @match AND span_fts.rowid BETWEEN @lo AND @hi AND ${filters.join(' AND ')}
       ORDER BY s.idx LIMIT @limit`,
    )
    .pluck()
    .all(params) as number[]
}

/**
 * Deletes traces (spans and payloads cascade; full-text rows are removed first because the index
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
