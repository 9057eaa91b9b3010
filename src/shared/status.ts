/**
 * The one status vocabulary every view uses (header, library, sessions, tree, timeline, CLI,
 * terminal replay, shared files). Traces: OK / Recovered / Error — Recovered means every failed
 * span was retried successfully by a later sibling. Spans: OK / Retried / Error — Retried is a
 * failed attempt that a later sibling repeated. A session is the worst of its traces.
 */
import type { SpanStatus, TraceStatus } from './model'

export type TraceStatusWord = 'OK' | 'Recovered' | 'Error'
export type SpanStatusWord = 'OK' | 'Retried' | 'Error'

const TRACE_WORDS: Readonly<Record<TraceStatus, TraceStatusWord>> = {
  ok: 'OK',
  warning: 'Recovered',
  error: 'Error',
}

const SPAN_WORDS: Readonly<Record<SpanStatus, SpanStatusWord>> = {
  ok: 'OK',
  retry: 'Retried',
  error: 'Error',
}

/** What each word means, for tooltips and help. */
export const TRACE_STATUS_HINTS: Readonly<Record<TraceStatus, string>> = {
  ok: 'no span failed',
  warning: 'every failed span was retried successfully',
  error: 'a span failed and was not retried successfully',
}

export const SPAN_STATUS_HINTS: Readonly<Record<SpanStatus, string>> = {
  ok: 'completed',
  retry: 'failed; a later sibling repeated the same operation',
  error: 'failed and was not retried',
}

/** The symbol shown beside a status (colour is never the only cue). */
export const STATUS_SYMBOLS: Readonly<Record<TraceStatus | SpanStatus, string>> = {
  ok: '✓',
  warning: '↻',
  retry: '↻',
  error: '✗',
}

/** "OK" | "Recovered" | "Error" for a trace (or session) status. */
export function traceStatusWord(status: TraceStatus): TraceStatusWord {
  return TRACE_WORDS[status] ?? 'Error'
}

/** "OK" | "Retried" | "Error" for a span status. */
export function spanStatusWord(status: SpanStatus): SpanStatusWord {
  return SPAN_WORDS[status] ?? 'Error'
}

/** Span status codes as SpanTable carries them (0 ok, 1 error, 2 retry). */
const SPAN_CODES: readonly SpanStatus[] = ['ok', 'error', 'retry']

/** The span status of a SpanTable status code. */
export function spanStatusOfCode(code: number): SpanStatus {
  return SPAN_CODES[code] ?? 'error'
}

/** The word for a SpanTable status code. */
export function spanStatusCodeWord(code: number): SpanStatusWord {
  return spanStatusWord(spanStatusOfCode(code))
}

const RANK: Readonly<Record<TraceStatus, number>> = { ok: 0, warning: 1, error: 2 }

/** How bad a trace status is: ok 0 < warning (recovered) 1 < error 2. */
export function statusRank(status: TraceStatus): number {
  return RANK[status] ?? 2
}

/** The worst of several trace statuses (a session's status); 'ok' for none. */
export function worstStatus(statuses: Iterable<TraceStatus>): TraceStatus {
  let worst: TraceStatus = 'ok'
  for (const s of statuses) if (statusRank(s) > statusRank(worst)) worst = s
  return worst
}

/** The trace status of a rank (inverse of statusRank), for SQL aggregates. */
export function statusOfRank(rank: number): TraceStatus {
  return rank >= 2 ? 'error' : rank === 1 ? 'warning' : 'ok'
}

/** Any status word or code the views receive → its word, tone and symbol. */
export function describeStatus(status: string): {
  word: string
  tone: 'ok' | 'warning' | 'retry' | 'error' | 'neutral'
  symbol: string
  hint: string
} {
  switch (status) {
    case 'ok':
      return { word: 'OK', tone: 'ok', symbol: '✓', hint: 'OK: no span failed' }
    case 'warning':
      return {
        word: 'Recovered',
        tone: 'warning',
        symbol: '↻',
        hint: `Recovered: ${TRACE_STATUS_HINTS.warning}`,
      }
    case 'retry':
      return { word: 'Retried', tone: 'retry', symbol: '↻', hint: `Retried: ${SPAN_STATUS_HINTS.retry}` }
    case 'error':
      return { word: 'Error', tone: 'error', symbol: '✗', hint: `Error: ${TRACE_STATUS_HINTS.error}` }
    default:
      return { word: status, tone: 'neutral', symbol: '', hint: status }
  }
}
