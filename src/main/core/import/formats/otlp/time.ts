/**
 * Nanosecond timestamps to integer microseconds since the epoch, without going through a float:
 * a quoted decimal string has its last three digits dropped; 1.7e18 ns is beyond 2^53, so an
 * unquoted number has already lost precision in `JSON.parse` (a few hundred ns) — it is divided
 * and floored, which keeps the microsecond value within one of the true one.
 */

/** Microseconds, or null when the value is absent, zero (unset in OTLP) or not a time. */
export function nanosToMicros(v: unknown): number | null {
  if (typeof v === 'string') {
    const s = v.trim()
    if (/^\d+$/.test(s)) {
      const micros = s.length > 3 ? Number(s.slice(0, -3)) : 0
      return micros > 0 || /[1-9]/.test(s) ? micros : null
    }
    if (s === '') return null
    return nanosToMicros(Number(s)) // "1.7e18" and similar
  }
  if (typeof v === 'bigint') return v > 0n ? Number(v / 1000n) : null
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v / 1000)
  return null
}
