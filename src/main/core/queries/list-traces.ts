/** listTraces: the library's trace list, filtered, newest first. */
import type Database from 'better-sqlite3'
import type { TraceFilter, TraceSummary } from '../../../shared/api'
import type { TraceStatus } from '../../../shared/model'
import { traceWhere } from './filter-sql'
import { addSearchMatches } from './search-match'
import { safeAmount, safeDuration, safeTime } from '../import/normalise/bounds'

/**
 * Columns of a trace row as listed (everything but attributes and report), read as raw arrays:
 * building row objects in better-sqlite3 costs more than the query itself on a big library.
 */
export const TRACE_COLUMNS = `t.id, t.source_trace_id, t.name, t.format, t.file_name, f.hash AS file_hash,
  t.session_id, t.user_id, t.tags, t.environment, t.project, t.start, t.duration, t.status,
  t.span_count, t.error_count, t.retry_count, t.input_tokens, t.output_tokens, t.cost,
  t.cost_estimated, t.models`

/** A row of TRACE_COLUMNS as `.raw()` returns it, in that column order. */
export type TraceRowArray = [
  id: string,
  sourceTraceId: string,
  name: string,
  format: string,
  fileName: string,
  fileHash: string | null,
  sessionId: string | null,
  userId: string | null,
  tags: string,
  environment: string | null,
  project: string | null,
  start: number,
  duration: number,
  status: TraceStatus,
  spanCount: number,
  errorCount: number,
  retryCount: number,
  inputTokens: number,
  outputTokens: number,
  cost: number,
  costEstimated: number,
  models: string,
]

/** Parses a JSON string array column; a damaged value lists as empty rather than failing the list. */
export function jsonList(text: string | null): string[] {
  if (!text || text === '[]') return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch (err) {
    if (err instanceof SyntaxError) return []
    throw err
  }
}

/**
 * Maps raw rows to TraceSummary objects. Tag and model lists repeat across a library, so each
 * distinct JSON text is parsed once per call (each summary still gets its own array).
 */
export function toSummaries(rows: TraceRowArray[]): TraceSummary[] {
  const parsed = new Map<string, string[]>()
  const list = (text: string) => {
    let value = parsed.get(text)
    if (!value) parsed.set(text, (value = jsonList(text)))
    return value.slice()
  }
  return rows.map((r) => {
    const summary: TraceSummary = {
      id: r[0],
      sourceTraceId: r[1],
      name: r[2],
      source: { format: r[3], file: r[4], fileHash: r[5] ?? '' },
      tags: list(r[8]),
      // Rows from before import bounds existed may hold anything; a list never fails on one.
      start: safeTime(r[11]),
      duration: safeDuration(r[12]),
      status: r[13],
      spanCount: r[14],
      errorCount: r[15],
      retryCount: r[16],
      inputTokens: safeAmount(r[17]),
      outputTokens: safeAmount(r[18]),
      cost: safeAmount(r[19]),
      costEstimated: r[20] !== 0,
      models: list(r[21]),
    }
    if (r[6] !== null) summary.sessionId = r[6]
    if (r[7] !== null) summary.userId = r[7]
    if (r[9] !== null) summary.environment = r[9]
    if (r[10] !== null) summary.project = r[10]
    return summary
  })
}

/** Lists traces matching the filter, newest first (session filters list in start order). */
export function listTraces(
  db: Database.Database,
  filter: TraceFilter,
  now = Date.now(),
): TraceSummary[] {
  const where = traceWhere(filter, now)
  const order = filter.sessionId !== undefined ? 't.start ASC, t.id ASC' : 't.start DESC, t.id ASC'
  const sql = `SELECT ${TRACE_COLUMNS} FROM traces t LEFT JOIN files f ON f.id = t.file_id
    ${where.clauses.length ? 'WHERE ' + where.clauses.join(' AND ') : ''}
    ORDER BY ${order} ${filter.limit ? 'LIMIT ' + filter.limit : ''}`
  const rows = db
    .prepare(sql)
    .raw()
    .all(...where.params) as TraceRowArray[]
  const summaries = toSummaries(rows)
  return filter.text?.trim() ? addSearchMatches(db, summaries, filter.text) : summaries
}
