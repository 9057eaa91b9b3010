/**
 * Human formatting of the model's numbers for the terminal: durations, token counts, costs and
 * dates, compact and stable (tests and users read the same text).
 */

import { formatClockOffset, isRelativeClock } from '../../shared/model'

/** A duration given in microseconds: 850 µs, 12 ms, 1.48 s, 2 m 05 s, 1 h 02 m. */
import { knownCost, knownTokens } from '../../shared/usage'

export function formatDuration(micros: number): string {
  if (!Number.isFinite(micros) || micros < 0) return '—'
  if (micros < 1000) return `${Math.round(micros)} µs`
  const ms = micros / 1000
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1).replace(/\.0$/, '') : Math.round(ms)} ms`
  const s = ms / 1000
  if (s < 60) return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`
  const totalSeconds = Math.round(s)
  const minutes = Math.floor(totalSeconds / 60)
  if (minutes < 60) return `${minutes} m ${String(totalSeconds % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} m`
}

/** A whole number with thousands separators (1,234,567); empty for null. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return ''
  return Math.round(value).toLocaleString('en-US')
}

/** A cost in US dollars with enough digits to be meaningful for LLM calls; `~` when estimated. */
export function formatCost(value: number | null | undefined, estimated = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return ''
  if (value === 0) return '$0'
  const digits = value >= 100 ? 2 : value >= 1 ? 3 : 4
  const text = `$${value.toFixed(digits)}`
  return estimated ? `~${text}` : text
}

/** A trace's or session's cost by the one rule (shared/usage.ts): "–" when none is known, "~$" when estimated. */
export function usageCost(cost: number, estimated: boolean): string {
  const known = knownCost(cost, estimated)
  return known === null ? '–' : formatCost(known, estimated)
}

/** A token total, "–" when none is known. */
export function usageTokens(tokens: number): string {
  const known = knownTokens(tokens)
  return known === null ? '–' : formatCount(known)
}

/** Input/output tokens as "412 → 88". */
export function formatTokens(input: number | null | undefined, output: number | null | undefined): string {
  if ((input ?? null) === null && (output ?? null) === null) return ''
  return `${formatCount(input ?? 0)} → ${formatCount(output ?? 0)}`
}

/** A time in microseconds since the epoch as "2025-06-13 14:02:11" in UTC (stable across machines). */
export function formatTime(micros: number): string {
  // A file's own clock (Chrome traces): an offset, not a date in 1970.
  if (isRelativeClock(micros)) return formatClockOffset(micros, false)
  const d = new Date(Math.floor(micros / 1000))
  if (Number.isNaN(d.getTime())) return '—'
  return d.toISOString().replace('T', ' ').slice(0, 19)
}

/** formatTime to the minute ("2025-06-13 14:02", "clock +34:17"): the short form of a table's time column. */
export function formatTimeShort(micros: number): string {
  if (isRelativeClock(micros)) return formatClockOffset(micros, false).replace(/:\d\d$/, '')
  const full = formatTime(micros)
  return full === '—' ? full : full.slice(0, 16)
}

/** Offset from the trace start, e.g. "+1.48 s". */
export function formatOffset(micros: number): string {
  return micros <= 0 ? '0' : `+${formatDuration(micros)}`
}

/** "1 trace", "3 traces". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : pluralNoun}`
}
