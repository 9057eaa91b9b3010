/**
 * Formatters for numbers the UI shows everywhere. Inputs follow the model: durations and times
 * in integer microseconds, costs in US dollars. Missing values render as an en dash.
 */

import { formatClockOffset, isRelativeClock } from '../../../shared/model'

const DASH = '–'

/** A duration in microseconds: "850 µs", "12.4 ms", "1.48 s", "2m 05s", "1h 02m". */
export function formatDuration(us: number | null | undefined): string {
  if (us == null || !Number.isFinite(us)) return DASH
  const abs = Math.abs(us)
  const sign = us < 0 ? '-' : ''
  if (abs < 1000) return `${sign}${Math.round(abs)} µs`
  const ms = abs / 1000
  if (ms < 10) return `${sign}${trim(ms.toFixed(2))} ms`
  if (ms < 1000) return `${sign}${trim(ms.toFixed(ms < 100 ? 1 : 0))} ms`
  const s = ms / 1000
  if (s < 60) return `${sign}${trim(s.toFixed(s < 10 ? 2 : 1))} s`
  const totalSeconds = Math.round(s)
  const minutes = Math.floor(totalSeconds / 60)
  if (minutes < 60) return `${sign}${minutes}m ${pad2(totalSeconds % 60)}s`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${sign}${hours}h ${pad2(minutes % 60)}m`
  return `${sign}${Math.floor(hours / 24)}d ${pad2(hours % 24)}h`
}

/** A whole count with thousands separators, the same in every locale: "1,204". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** A token count: "0", "412", "1,204", "12.3k", "4.1M". */
export function formatTokens(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH
  const abs = Math.abs(n)
  if (abs < 10_000) return formatCount(Math.round(n))
  if (abs < 1_000_000) return `${trim((n / 1000).toFixed(1))}k`
  if (abs < 1_000_000_000) return `${trim((n / 1_000_000).toFixed(abs < 10_000_000 ? 2 : 1))}M`
  return `${trim((n / 1_000_000_000).toFixed(2))}B`
}

/**
 * A cost in US dollars with enough precision for sub-cent LLM calls: "$0", "$0.00041",
 * "$0.0123", "$1.24", "$1,204". `estimated` prefixes "~" (the UI adds an "est." label).
 */
export function formatCost(usd: number | null | undefined, estimated = false): string {
  if (usd == null || !Number.isFinite(usd)) return DASH
  const prefix = estimated ? '~' : ''
  if (usd === 0) return `${prefix}$0`
  const abs = Math.abs(usd)
  let text: string
  if (abs >= 1000) text = formatCount(Math.round(usd))
  else if (abs >= 1) text = usd.toFixed(2)
  else if (abs >= 0.01) text = trim(usd.toFixed(4))
  else text = trim(usd.toPrecision(2).replace(/e.*$/, '')) // e.g. 0.00041
  if (abs < 1e-6) text = '<0.000001'
  return `${prefix}$${text}`
}

/**
 * An absolute time (µs since the epoch) as local "2025-06-13 14:00:01.482"; a time on a file's
 * own clock (Chrome traces: before 1980) as an offset, "clock +34:17:36.789", never a 1970 date.
 */
export function formatTime(us: number | null | undefined, withMillis = true): string {
  if (us == null || !Number.isFinite(us)) return DASH
  if (isRelativeClock(us)) return formatClockOffset(us, withMillis)
  const d = new Date(Math.floor(us / 1000))
  if (Number.isNaN(d.getTime())) return DASH
  const date = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`
  return withMillis
    ? `${date} ${time}.${String(d.getMilliseconds()).padStart(3, '0')}`
    : `${date} ${time}`
}

/** A byte size: "812 B", "4.2 KB", "12.6 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return DASH
  if (bytes < 1024) return `${Math.round(bytes)} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${trim(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`
}

/** "1 span", "3 spans". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : pluralWord}`
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** Drops trailing zeros after a decimal point: "1.50" → "1.5", "2.00" → "2". */
function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}
