/**
 * Time parsing shared by the importers that are not OTLP. Every result is integer microseconds
 * since the Unix epoch. ISO strings are parsed with a regex rather than `Date.parse`, which keeps
 * only milliseconds and reads a string without a zone as local time; trace files carry
 * microseconds (Python) or nanoseconds, and a missing zone means UTC in every exporter we read.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/

/** Parses an ISO-8601 date-time (zone optional, treated as UTC) to epoch microseconds, or null. */
export function isoToMicros(s: string): number | null {
  const m = ISO.exec(s.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, sec, frac, zone] = m
  const ms = utcMillis(+y, +mo - 1, +d, +h, +mi, sec ? +sec : 0)
  if (!Number.isFinite(ms) || +mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 24 || +mi > 59) {
    return null
  }
  // Fraction digits beyond microseconds are truncated, as the producers' own tools do.
  const micros = frac ? Number((frac + '000000').slice(0, 6)) : 0
  return ms * 1000 + micros - zoneOffsetMinutes(zone) * 60_000_000
}

/** Date.UTC with the year taken exactly (Date.UTC maps years 0–99 to 1900–1999). */
function utcMillis(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(0)
  date.setUTCFullYear(y, mo, d)
  date.setUTCHours(h, mi, s, 0)
  return date.getTime()
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0
  const sign = zone[0] === '-' ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
  return sign * (hours * 60 + minutes)
}

/** Epoch seconds (possibly fractional) to microseconds. */
export function secondsToMicros(s: number): number {
  return Math.round(s * 1_000_000)
}

/** Epoch milliseconds (possibly fractional) to microseconds. */
export function millisToMicros(ms: number): number {
  return Math.round(ms * 1000)
}

/**
 * A time given either as an ISO string or as an epoch number whose unit is guessed from its
 * magnitude (seconds, milliseconds, microseconds or nanoseconds — LangSmith's JS SDK sends
 * milliseconds, some tools seconds). Numeric strings are accepted. Returns null when unusable.
 */
export function anyTimeToMicros(v: unknown): number | null {
  if (typeof v === 'string') {
    const t = v.trim()
    if (/^\d+(\.\d+)?$/.test(t)) return epochNumberToMicros(t)
    return isoToMicros(t)
  }
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return epochNumberToMicros(v)
  return null
}

function epochNumberToMicros(v: number | string): number {
  const n = typeof v === 'number' ? v : Number(v)
  if (n < 1e11) return secondsToMicros(n) // up to year 5138 in seconds
  if (n < 1e14) return millisToMicros(n)
  if (n < 1e17) return Math.round(n)
  // Nanoseconds: past 2^53, so divide on the string when we have one to keep it exact.
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(BigInt(v) / 1000n)
  return Math.round(n / 1000)
}
