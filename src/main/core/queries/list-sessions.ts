/** listSessions: traces grouped by session id, with the session's aggregate metrics. */
import type Database from 'better-sqlite3'
import type { SessionSummary, TraceFilter } from '../../../shared/api'
import { STATUS_RANK_SQL, sessionHaving } from './filter-sql'
import { statusOfRank } from '../../../shared/status'
import { jsonList } from './list-traces'
import {
  formatIsoMicros,
  inTimeRange,
  safeAmount,
  safeTime,
} from '../import/normalise/bounds'

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
  worst: number
  models: string | null
  tags: string | null
}

/** SessionRow's fields in SESSION_SELECT's column order, as `.raw()` returns them. */
type SessionRowArray = [
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  string | null,
  string | null,
]

// Unit separator: never inside a JSON text, so concatenated arrays split back safely.
const SEP = '\u001f'

/**
 * Session metrics come from trace totals (which already avoid double counting parent spans that
 * repeat their children's usage): tokens, cost and spans are sums, duration runs from the first
 * trace's start to the last trace's end, and the status is the worst of its traces' statuses.
 */
const SESSION_SELECT = `SELECT t.session_id AS id, COUNT(*) AS trace_count, SUM(t.span_count) AS span_count,
  SUM(t.input_tokens) AS input_tokens, SUM(t.output_tokens) AS output_tokens, SUM(t.cost) AS cost,
  MAX(t.cost_estimated) AS cost_estimated, MIN(t.start) AS first_start,
  MAX(t.start + t.duration) AS last_end, MAX(${STATUS_RANK_SQL}) AS worst,
  group_concat(t.models, '${SEP}') AS models, group_concat(t.tags, '${SEP}') AS tags
  FROM traces t WHERE t.session_id IS NOT NULL AND t.session_id <> ''
  GROUP BY t.session_id`

/** Parses JSON list texts, each distinct text once (tags and models repeat across a library). */
type ListParser = (text: string) => string[]
function listParser(): ListParser {
  const parsed = new Map<string, string[]>()
  return (text) => {
    let value = parsed.get(text)
    if (!value) parsed.set(text, (value = jsonList(text)))
    return value
  }
}

function union(concatenated: string | null, parse: ListParser): string[] {
  if (!concatenated) return []
  const seen = new Set<string>()
  for (const part of concatenated.split(SEP)) for (const v of parse(part)) seen.add(v)
  return [...seen].sort()
}

/** Maps an aggregate row to the API's SessionSummary. */
function toSession(row: SessionRow, parse: ListParser): SessionSummary {
  // A row written before import bounds existed may hold any number: one never fails the list.
  const first = safeTime(row.first_start)
  const last = inTimeRange(row.last_end) && row.last_end >= first ? row.last_end : first
  const inputTokens = safeAmount(row.input_tokens)
  const outputTokens = safeAmount(row.output_tokens)
  return {
    id: row.id,
    traceCount: row.trace_count,
    spanCount: row.span_count,
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    cost: safeAmount(row.cost),
    costEstimated: row.cost_estimated !== 0,
    durationMs: (last - first) / 1000,
    status: statusOfRank(row.worst),
    startTime: formatIsoMicros(first),
    endTime: formatIsoMicros(last),
    models: union(row.models, parse),
    tags: union(row.tags, parse),
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
  // Raw arrays, mapped by column position (row objects cost more than the query at 100k).
  const rows = db
    .prepare(sql)
    .raw()
    .all(...having.params) as SessionRowArray[]
  const parse = listParser()
  return rows.map((r) =>
    toSession(
      {
        id: r[0],
        trace_count: r[1],
        span_count: r[2],
        input_tokens: r[3],
        output_tokens: r[4],
        cost: r[5],
        cost_estimated: r[6],
        first_start: r[7],
        last_end: r[8],
        worst: r[9],
        models: r[10],
        tags: r[11],
      },
      parse,
    ),
  )
}
