/**
 * Filters as text: a search-box query such as `status:failed model:gpt-4o cost>1 since:7d hello`
 * parses to a TraceFilter, and any filter describes itself as short phrases ("last 7 days",
 * "cost ≥ $1"). Used by the filter bars (typed queries, active-filter chips) and by the CLI.
 */
import type { TraceFilter } from '../api'
import { isDateBound } from './dates'
import { SPAN_KINDS } from '../model'
import { traceStatusWord } from '../status'

export type FilterStatus = NonNullable<TraceFilter['status']>
const FILTER_KEYS = 'status: kind: model: tag: session: since: until: cost>'
const STATUSES: FilterStatus[] = ['ok', 'warning', 'error', 'failed']

/** The result of reading a typed query: the filter and anything that could not be read. */
export interface ParsedQuery {
  filter: TraceFilter
  errors: string[]
}

// key:value, key:"quoted value", cost>1, cost>=1, or a bare word / "quoted phrase".
const TOKEN = /(\w+)(:|>=|>)("([^"]*)"|\S+)|"([^"]*)"|(\S+)/g

/** Parses a typed query into a filter; unknown keys and bad values are reported, not guessed. */
export function parseFilterQuery(query: string): ParsedQuery {
  const filter: TraceFilter = {}
  const errors: string[] = []
  const words: string[] = []
  for (const m of query.matchAll(TOKEN)) {
    if (m[5] !== undefined) {
      if (m[5].trim()) words.push(m[5].trim())
      continue
    }
    if (m[6] !== undefined) {
      words.push(m[6])
      continue
    }
    const key = m[1].toLowerCase()
    const op = m[2]
    const value = m[4] ?? m[3]
    if (
      (key === 'cost' || key === 'mincost') &&
      (op !== ':' || key === 'mincost' || /^[>$\d.]/.test(value))
    ) {
      const n = Number(value.replace(/^>=?/, '').replace(/^\$/, ''))
      if (Number.isFinite(n) && n >= 0) filter.minCost = n
      else errors.push(`"${m[0]}": cost must be a number of dollars`)
    } else if (op !== ':') {
      errors.push(`"${m[0]}": only cost takes > or >=`)
    } else if (key === 'status' || key === 'is') {
      const v = value.toLowerCase()
      // The words the views show (OK / Recovered / Error) work as well as the stored names.
      const s = v === 'fail' ? 'failed' : v === 'recovered' ? 'warning' : v
      if ((STATUSES as string[]).includes(s)) filter.status = s as FilterStatus
      else errors.push(`"${m[0]}": status is one of ok, recovered, error, failed (any failed span)`)
    } else if (key === 'kind') {
      const k = value.toLowerCase()
      if ((SPAN_KINDS as readonly string[]).includes(k)) filter.kind = k
      else errors.push(`"${m[0]}": kind is one of ${SPAN_KINDS.join(', ')}`)
    } else if (key === 'model') filter.model = value
    else if (key === 'tag') filter.tags = [...(filter.tags ?? []), value]
    else if (key === 'session') filter.sessionId = value
    else if (key === 'since' || key === 'after' || key === 'from') {
      if (isDateBound(value)) filter.since = value
      else errors.push(`"${m[0]}": not a date (try 7d, 24h, 2024-05-01)`)
    } else if (key === 'until' || key === 'before' || key === 'to') {
      if (isDateBound(value)) filter.until = value
      else errors.push(`"${m[0]}": not a date (try 7d, 24h, 2024-05-01)`)
    } else {
      // "http://x" or "urn:a:b" in an id is text, not a filter; "colour:red" looks like one.
      if (op === ':' && /^[a-z]+$/i.test(key) && !/[:/]/.test(value))
        errors.push(`"${m[0]}": ${key}: is not a filter (searched as text); filters are ${FILTER_KEYS}`)
      words.push(m[0])
    }
  }
  if (words.length) filter.text = words.join(' ')
  return { filter, errors }
}

/** "7d" → "last 7 days", "24h" → "last 24 hours"; other bounds are shown as typed. */
export function describeDateBound(bound: string | number): string {
  if (typeof bound === 'number') return new Date(bound).toISOString().slice(0, 16).replace('T', ' ')
  const rel = /^(\d+)\s*(m|h|d|w|mo|y)$/.exec(bound.trim().toLowerCase())
  if (!rel) return bound.trim()
  const n = Number(rel[1])
  const unit = { m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' }[
    rel[2]
  ] as string
  return n === 1 ? `last ${unit}` : `last ${n} ${unit}s`
}

/** Formats a dollar threshold: "$1", "$0.05". */
function dollars(n: number): string {
  return '$' + (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))))
}

/** One short phrase per active filter, in a stable order (for chips and "showing …" lines). */
export function describeFilter(filter: TraceFilter): string[] {
  const out: string[] = []
  const relSince =
    typeof filter.since === 'string' && /^\d+\s*(m|h|d|w|mo|y)$/i.test(filter.since.trim())
  if (filter.since !== undefined && filter.since !== '')
    out.push(
      relSince ? describeDateBound(filter.since) : `since ${describeDateBound(filter.since)}`,
    )
  if (filter.until !== undefined && filter.until !== '')
    out.push(`until ${describeDateBound(filter.until)}`)
  if (filter.status)
    out.push(
      filter.status === 'ok'
        ? 'OK'
        : filter.status === 'failed'
          ? 'any failed span'
          : traceStatusWord(filter.status),
    )
  if (filter.minCost !== undefined) out.push(`cost ≥ ${dollars(filter.minCost)}`)
  for (const tag of filter.tags ?? []) out.push(`tag ${tag}`)
  if (filter.model) out.push(`model ${filter.model}`)
  if (filter.kind) out.push(`has a ${filter.kind} span`)
  if (filter.sessionId) out.push(`session ${filter.sessionId}`)
  if (filter.text?.trim()) out.push(`“${filter.text.trim()}”`)
  return out
}

/** True when the filter restricts nothing (limit aside). */
export function isEmptyFilter(filter: TraceFilter): boolean {
  return describeFilter(filter).length === 0
}

/** Drops empty fields (blank strings, empty tag lists) so requests stay minimal and valid. */
export function cleanFilter(filter: TraceFilter): TraceFilter {
  const out: TraceFilter = {}
  for (const [key, value] of Object.entries(filter) as [keyof TraceFilter, unknown][]) {
    if (value === undefined || value === null) continue
    if (typeof value === 'string' && !value.trim()) continue
    if (Array.isArray(value) && !value.length) continue
    ;(out as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value
  }
  return out
}
