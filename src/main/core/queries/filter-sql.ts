/**
 * Turns a TraceFilter into SQL predicates over the `traces` table (alias `t`). Every value is a
 * bound parameter. Trace-level predicates go in WHERE; session-level ones (a session matches
 * when its traces, taken together, match) go in HAVING over `GROUP BY t.session_id`.
 */
import { ApiError, type TraceFilter } from '../../../shared/api'
import { DateParseError, parseDateBound } from '../../../shared/filters/dates'

export interface SqlParts {
  clauses: string[]
  params: unknown[]
}

/** Escapes LIKE wildcards so user text matches literally (ESCAPE '\'). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c)
}

/** A trace "has a failed span" when any span errored, retried or not. */
export const FAILED_SQL = '(t.error_count + t.retry_count) > 0'

/** A trace's status as a rank (ok 0 < warning 1 < error 2; shared/status.ts statusRank). */
export const STATUS_RANK_SQL = "(CASE t.status WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END)"

/**
 * Does any model in the trace's `models` JSON match? Matching is case-insensitive and forgiving
 * about what exporters add around a name: a dated snapshot (`gpt-4o-2024-08-06`) or a provider
 * prefix (`openai/gpt-4o`) still matches `gpt-4o`, while `gpt-4o-mini` does not.
 */
function modelParts(model: string): SqlParts {
  const m = model.trim().toLowerCase()
  const esc = likeEscape(m)
  return {
    clauses: [
      `EXISTS (SELECT 1 FROM json_each(t.models) j WHERE lower(j.value) = ?
        OR lower(j.value) LIKE ? ESCAPE '\\'
        OR (lower(j.value) LIKE ? ESCAPE '\\' AND substr(j.value, ?, 4) GLOB '[0-9][0-9][0-9][0-9]'))`,
    ],
    // The snapshot form: "<model>-" then a 4-digit year or yyyymmdd date.
    params: [m, '%/' + esc, esc + '-%', m.length + 2],
  }
}

/** The trace carries this tag (exact, case-sensitive as tags are identifiers). */
function tagSql(): string {
  return 'EXISTS (SELECT 1 FROM json_each(t.tags) j WHERE j.value = ?)'
}

const TEXT_COLUMNS = [
  't.name',
  't.id',
  't.source_trace_id',
  "ifnull(t.session_id, '')",
  "ifnull(t.user_id, '')",
  't.tags',
  't.models',
  't.file_name',
]

/** The words of a free-text search (at most 20). */
export function searchWords(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean).slice(0, 20)
}

/** One word as an FTS5 prefix query over its tokens ("refund" → "refund"*), or null. */
export function ftsWord(word: string): string | null {
  // Only a plain word goes to the index: its tokenizer drops punctuation, so "#4" would match
  // every text with a token starting with 4. Other words match names and fields literally.
  return /^[\p{L}\p{N}_]+$/u.test(word) ? `"${word}"*` : null
}

/**
 * Free text: every word must appear in the trace's own fields (name, ids, session, user, tags,
 * models) or anywhere in its spans — a span's name, input or output through the full-text index
 * (span_fts), and the names of spans without payloads (which have no index row).
 */
function textSql(text: string): SqlParts {
  const clauses: string[] = []
  const params: unknown[] = []
  for (const word of searchWords(text)) {
    const pat = '%' + likeEscape(word) + '%'
    const own = TEXT_COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`)
    for (let i = 0; i < TEXT_COLUMNS.length; i++) params.push(pat)
    const fts = ftsWord(word)
    if (fts) {
      own.push(
        `t.id IN (SELECT p.trace_id FROM span_fts JOIN span_payloads p ON p.rowid = span_fts.rowid
          WHERE span_fts MATCH ?)`,
      )
      params.push(fts)
    }
    own.push(`t.id IN (SELECT s.trace_id FROM spans s WHERE s.name LIKE ? ESCAPE '\\')`)
    params.push(pat)
    clauses.push('(' + own.join(' OR ') + ')')
  }
  return { clauses, params }
}

/** The trace has a span of this kind. */
const KIND_SQL = 'EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.id AND s.kind = ?)'

/** Parses the filter's date bounds into microseconds; a bad bound is a bad request. */
export function dateRange(
  filter: TraceFilter,
  now = Date.now(),
): { since?: number; until?: number } {
  try {
    return {
      since:
        filter.since === undefined || filter.since === ''
          ? undefined
          : parseDateBound(filter.since, 'since', now),
      until:
        filter.until === undefined || filter.until === ''
          ? undefined
          : parseDateBound(filter.until, 'until', now),
    }
  } catch (err) {
    if (err instanceof DateParseError) throw new ApiError('bad-request', err.message)
    throw err
  }
}

/** WHERE predicates for listing traces. */
export function traceWhere(filter: TraceFilter, now = Date.now()): SqlParts {
  const clauses: string[] = []
  const params: unknown[] = []
  const { since, until } = dateRange(filter, now)
  if (since !== undefined) {
    clauses.push('t.start >= ?')
    params.push(since)
  }
  if (until !== undefined) {
    clauses.push('t.start <= ?')
    params.push(until)
  }
  if (filter.status === 'failed') clauses.push(FAILED_SQL)
  else if (filter.status) {
    clauses.push('t.status = ?')
    params.push(filter.status)
  }
  if (filter.minCost !== undefined) {
    clauses.push('t.cost >= ?')
    params.push(filter.minCost)
  }
  for (const tag of filter.tags ?? []) {
    clauses.push(tagSql())
    params.push(tag)
  }
  if (filter.model?.trim()) append({ clauses, params }, modelParts(filter.model))
  if (filter.kind?.trim()) {
    clauses.push(KIND_SQL)
    params.push(filter.kind.trim().toLowerCase())
  }
  if (filter.text?.trim()) append({ clauses, params }, textSql(filter.text))
  if (filter.sessionId !== undefined) {
    clauses.push('t.session_id = ?')
    params.push(filter.sessionId)
  }
  return { clauses, params }
}

/**
 * HAVING predicates for listing sessions: a session is in the last 7 days when any of its
 * activity is, costs more than X when its total does, used a model or tag when any of its
 * traces did, has the status of its worst trace, and is 'failed' when any trace has a failed span.
 */
export function sessionHaving(filter: TraceFilter, now = Date.now()): SqlParts {
  const clauses: string[] = []
  const params: unknown[] = []
  const { since, until } = dateRange(filter, now)
  if (since !== undefined) {
    clauses.push('MAX(t.start + t.duration) >= ?')
    params.push(since)
  }
  if (until !== undefined) {
    clauses.push('MIN(t.start) <= ?')
    params.push(until)
  }
  // A session's status is the worst of its traces'; 'failed' = any trace has a failed span.
  const worst = `MAX(${STATUS_RANK_SQL})`
  if (filter.status === 'failed') clauses.push(`SUM(${FAILED_SQL}) > 0`)
  else if (filter.status === 'error') clauses.push(`${worst} = 2`)
  else if (filter.status === 'warning') clauses.push(`${worst} = 1`)
  else if (filter.status === 'ok') clauses.push(`${worst} = 0`)
  if (filter.minCost !== undefined) {
    clauses.push('SUM(t.cost) >= ?')
    params.push(filter.minCost)
  }
  for (const tag of filter.tags ?? []) {
    clauses.push(`SUM(${tagSql()}) > 0`)
    params.push(tag)
  }
  if (filter.model?.trim()) {
    const m = modelParts(filter.model)
    clauses.push(`SUM(${m.clauses[0]}) > 0`)
    params.push(...m.params)
  }
  if (filter.kind?.trim()) {
    clauses.push(`SUM(${KIND_SQL}) > 0`)
    params.push(filter.kind.trim().toLowerCase())
  }
  if (filter.text?.trim()) {
    const t = textSql(filter.text)
    clauses.push(...t.clauses.map((c) => `SUM(${c}) > 0`))
    params.push(...t.params)
  }
  if (filter.sessionId !== undefined) {
    clauses.push('t.session_id = ?')
    params.push(filter.sessionId)
  }
  return { clauses, params }
}

function append(into: SqlParts, from: SqlParts): void {
  into.clauses.push(...from.clauses)
  into.params.push(...from.params)
}
