/**
 * Search within a trace: a small query language (`kind:llm status:error free text`), the local
 * part of matching (name, kind, status on the columns) and next/previous match navigation.
 * Text inside inputs and outputs is matched by the host's full-text index (searchSpans); the
 * caller merges those indices with `mergeMatches`.
 */
import { SPAN_KINDS, type SpanKind } from '../model'
import { STATUS_NAMES, type ReplayColumns } from './columns'

export interface SpanQuery {
  /** Free text: matched against names here and against payloads by the host. */
  text: string
  kind?: SpanKind
  status?: 'ok' | 'error' | 'retry'
}

const STATUS_ALIASES: Record<string, SpanQuery['status']> = {
  ok: 'ok',
  error: 'error',
  failed: 'error',
  fail: 'error',
  retry: 'retry',
}

/** Parses "kind:llm status:failed some words" (unknown kinds/statuses stay in the text). */
export function parseSpanQuery(input: string): SpanQuery {
  const words: string[] = []
  const query: SpanQuery = { text: '' }
  for (const token of input.trim().split(/\s+/)) {
    if (!token) continue
    const m = /^(kind|status|is):(.+)$/i.exec(token)
    const value = m?.[2].toLowerCase()
    if (m && m[1].toLowerCase() === 'kind' && SPAN_KINDS.includes(value as SpanKind)) {
      query.kind = value as SpanKind
    } else if (m && value && STATUS_ALIASES[value]) {
      query.status = STATUS_ALIASES[value]
    } else {
      words.push(token)
    }
  }
  query.text = words.join(' ')
  return query
}

export const isEmptyQuery = (q: SpanQuery): boolean => !q.text && !q.kind && !q.status

/**
 * Spans (ascending indices) that pass the kind/status filters and, when there is text, whose
 * name contains it (case-insensitive). Names are deduplicated in the table, so the text test runs
 * once per distinct name, then the spans are one pass over a lookup.
 */
export function localMatches(c: ReplayColumns, q: SpanQuery): Int32Array {
  const needle = q.text.toLowerCase()
  const nameHit = new Uint8Array(c.names.length)
  for (let k = 0; k < c.names.length; k++)
    nameHit[k] = !needle || c.names[k].toLowerCase().includes(needle) ? 1 : 0
  const kind = q.kind ? SPAN_KINDS.indexOf(q.kind) : -1
  const status = q.status ? STATUS_NAMES.indexOf(q.status) : -1
  const out: number[] = []
  for (let i = 0; i < c.count; i++) {
    if (kind >= 0 && c.kind[i] !== kind) continue
    if (status >= 0 && c.status[i] !== status) continue
    if (nameHit[c.name[i]]) out.push(i)
  }
  return Int32Array.from(out)
}

/** True when span i passes the query's kind and status filters. */
export function passesFilters(c: ReplayColumns, i: number, q: SpanQuery): boolean {
  if (i < 0 || i >= c.count) return false
  if (q.kind && c.kind[i] !== SPAN_KINDS.indexOf(q.kind)) return false
  if (q.status && c.status[i] !== STATUS_NAMES.indexOf(q.status)) return false
  return true
}

/** Sorted union of local matches and host (full-text) matches that pass the filters. */
export function mergeMatches(
  c: ReplayColumns,
  q: SpanQuery,
  local: Int32Array,
  remote: readonly number[],
): Int32Array {
  const extra = remote.filter((i) => Number.isInteger(i) && passesFilters(c, i, q))
  if (!extra.length) return local
  const all = new Int32Array(local.length + extra.length)
  all.set(local)
  all.set(extra, local.length)
  all.sort()
  let w = 0
  for (let r = 0; r < all.length; r++) if (r === 0 || all[r] !== all[r - 1]) all[w++] = all[r]
  return all.slice(0, w)
}

/** Position of the first match ≥ index (binary search over ascending matches). */
export function lowerBound(matches: ArrayLike<number>, index: number): number {
  let lo = 0
  let hi = matches.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (matches[mid] < index) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first match after `current`, wrapping to the first; -1 with no matches. */
export function nextMatch(matches: ArrayLike<number>, current: number): number {
  if (!matches.length) return -1
  const k = lowerBound(matches, current + 1)
  return k < matches.length ? matches[k] : matches[0]
}

/** The last match before `current`, wrapping to the last; -1 with no matches. */
export function prevMatch(matches: ArrayLike<number>, current: number): number {
  if (!matches.length) return -1
  const k = lowerBound(matches, current) - 1
  return k >= 0 ? matches[k] : matches[matches.length - 1]
}

/** 0-based position of `current` among the matches, or -1 if it is not one. */
export function matchPosition(matches: ArrayLike<number>, current: number): number {
  const k = lowerBound(matches, current)
  return k < matches.length && matches[k] === current ? k : -1
}

/**
 * Span indices as a sorted set without repeats (what matchPosition and friends expect), keeping
 * only indices inside a trace of `count` spans. Marks given by a pane's owner go through this.
 */
export function toSortedIndices(list: ArrayLike<number>, count: number): Int32Array {
  const out = Int32Array.from(list).filter((i) => i >= 0 && i < count)
  out.sort()
  let n = 0
  for (let k = 0; k < out.length; k++) if (k === 0 || out[k] !== out[k - 1]) out[n++] = out[k]
  return out.subarray(0, n)
}
