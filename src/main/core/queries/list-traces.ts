/** listTraces: the library's trace list, filtered, newest first. */
import type Database from 'better-sqlite3'
import type { TraceFilter, TraceSummary } from '../../../shared/api'
import type { TraceStatus } from '../../../shared/model'
import { traceWhere } from './filter-sql'

/** Columns of a trace row as listed (everything but attributes and report). */
export const TRACE_COLUMNS = `t.id, t.source_trace_id, t.name, t.format, t.file_name, f.hash AS file_hash,
  t.session_id, t.user_id, t.tags, t.environment, t.project, t.start, t.duration, t.status,
  t.span_count, t.error_count, t.retry_count, t.input_tokens, t.output_tokens, t.cost,
  t.cost_estimated, t.models`

export interface TraceRow {
  id: string
  source_trace_id: string
  name: string
  format: string
  file_name: string
  file_hash: string | null
  session_id: string | null
  user_id: string | null
  tags: string
  environment: string | null
  project: string | null
  start: number
  duration: number
  status: TraceStatus
  span_count: number
  error_count: number
  retry_count: number
  input_tokens: number
  output_tokens: number
  cost: number
  cost_estimated: number
  models: string
}

/** Parses a JSON string array column; a damaged value lists as empty rather than failing the list. */
export function jsonList(text: string | null): string[] {
  if (!text) return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch (err) {
    if (err instanceof SyntaxError) return []
    throw err
  }
}

/** Maps a row to the API's TraceSummary. */
export function toSummary(row: TraceRow): TraceSummary {
  const summary: TraceSummary = {
    id: row.id,
    sourceTraceId: row.source_trace_id,
    name: row.name,
    source: { format: row.format, file: row.file_name, fileHash: row.file_hash ?? '' },
    tags: jsonList(row.tags),
    start: row.start,
    duration: row.duration,
    status: row.status,
    spanCount: row.span_count,
    errorCount: row.error_count,
    retryCount: row.retry_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cost: row.cost,
    costEstimated: row.cost_estimated !== 0,
    models: jsonList(row.models),
  }
  if (row.session_id !== null) summary.sessionId = row.session_id
  if (row.user_id !== null) summary.userId = row.user_id
  if (row.environment !== null) summary.environment = row.environment
  if (row.project !== null) summary.project = row.project
  return summary
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
  const rows = db.prepare(sql).all(...where.params) as TraceRow[]
  return rows.map(toSummary)
}
