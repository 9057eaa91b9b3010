/** listSessions: traces grouped by session id, with the session's aggregate metrics. */
import type Database from 'better-sqlite3'
import type { SessionSummary, TraceFilter } from '../../../shared/api'
import { FAILED_SQL, sessionHaving } from './filter-sql'
import { jsonList } from './list-traces'

interface SessionRow {
  id: string
  trace_count: number
  span_count: number
  input_tokens: number
  output_tokens: number
  cost: number
  cost_estimated: number
  first_start: number
  last_end: number
  failed: number
  models: string | null
  tags: string | null
}

// Unit separator: never inside a JSON text, so concatenated arrays split back safely.
const SEP = '\u001f'

/**
 * Session metrics come from trace totals (which already avoid double counting parent spans that
 * repeat their children's usage): tokens, cost and spans are sums, duration runs from the first
 * trace's start to the last trace's end, and the session failed when any trace has a failed span.
 */
const SESSION_SELECT = `SELECT t.session_id AS id, COUNT(*) AS trace_count, SUM(t.span_count) AS span_count,
  SUM(t.input_tokens) AS input_tokens, SUM(t.output_tokens) AS output_tokens, SUM(t.cost) AS cost,
  MAX(t.cost_estimated) AS cost_estimated, MIN(t.start) AS first_start,
  MAX(t.start + t.duration) AS last_end, SUM(${FAILED_SQL}) AS failed,
  group_concat(t.models, '${SEP}') AS models, group_concat(t.tags, '${SEP}') AS tags
  FROM traces t WHERE t.session_id IS NOT NULL AND t.session_id <> ''
  GROUP BY t.session_id`

function union(concatenated: string | null): string[] {
  if (!concatenated) return []
  const seen = new Set<string>()
  for (const part of concatenated.split(SEP)) for (const v of jsonList(part)) seen.add(v)
  return [...seen].sort()
}

function isoOf(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString()
}

/** Maps an aggregate row to the API's SessionSummary. */
function toSession(row: SessionRow): SessionSummary {
  return {
    id: row.id,
    traceCount: row.trace_count,
    spanCount: row.span_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    totalTokens: row.input_tokens + row.output_tokens,
    cost: row.cost,
    costEstimated: row.cost_estimated !== 0,
    durationMs: (row.last_end - row.first_start) / 1000,
    status: row.failed > 0 ? 'failed' : 'ok',
    startTime: isoOf(row.first_start),
    endTime: isoOf(row.last_end),
    models: union(row.models),
    tags: union(row.tags),
  }
}

/** Lists sessions matching the filter (predicates apply to the session as a whole), newest first. */
export function listSessions(
  db: Database.Database,
  filter: TraceFilter,
  now = Date.now(),
): SessionSummary[] {
  const having = sessionHaving(filter, now)
  const sql = `${SESSION_SELECT}
    ${having.clauses.length ? 'HAVING ' + having.clauses.join(' AND ') : ''}
    ORDER BY first_start DESC, id ASC ${filter.limit ? 'LIMIT ' + filter.limit : ''}`
  const rows = db.prepare(sql).all(...having.params) as SessionRow[]
  return rows.map(toSession)
}
