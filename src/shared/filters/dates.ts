/**
 * Date bounds for filters, shared by the CLI, the query module and the filter bar. A bound is an
 * ISO date or date-time, epoch milliseconds, or a relative form counted back from `now`:
 * `7d`, `24h`, `30m`, `2w`, `3mo`, `1y`, `last 7 days`, `today`, `yesterday`.
 * Results are microseconds since the epoch (the model's unit).
 */

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
  y: 365 * 86_400_000,
}

const UNIT_WORDS: Record<string, string> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  wk: 'w',
  wks: 'w',
  week: 'w',
  weeks: 'w',
  mo: 'mo',
  mon: 'mo',
  month: 'mo',
  months: 'mo',
  y: 'y',
  yr: 'y',
  yrs: 'y',
  year: 'y',
  years: 'y',
}

const RELATIVE = /^(?:last\s+|past\s+)?(\d+(?:\.\d+)?)?\s*([a-z]+)(?:\s+ago)?$/

/** Which end of a range a bound is: a bare date means the start of that day or its end. */
export type BoundSide = 'since' | 'until'

/** A date bound that could not be understood; the message says what is accepted. */
export class DateParseError extends Error {
  constructor(input: string) {
    super(
      `Cannot read "${input}" as a date: use an ISO date (2024-05-01, 2024-05-01T12:00Z), ` +
        `epoch milliseconds, or a relative form like 7d, 24h, 2w, "last 7 days", today`,
    )
    this.name = 'DateParseError'
  }
}

function startOfLocalDay(ms: number): number {
  const d = new Date(ms)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

/**
 * Parses a date bound to epoch microseconds. `side` decides what a bare calendar date means:
 * `since 2024-05-01` is that day's first instant, `until 2024-05-01` includes the whole day.
 * Throws DateParseError on anything else.
 */
export function parseDateBound(input: string | number, side: BoundSide, now = Date.now()): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new DateParseError(String(input))
    return Math.round(input * 1000)
  }
  const text = input.trim().toLowerCase()
  if (!text) throw new DateParseError(input)
  if (/^\d{11,}$/.test(text)) return Number(text) * 1000
  if (text === 'now') return now * 1000
  if (text === 'today' || text === 'yesterday') {
    const day = startOfLocalDay(now) - (text === 'yesterday' ? UNIT_MS.d : 0)
    return (side === 'until' ? day + UNIT_MS.d - 1 : day) * 1000
  }
  const rel = RELATIVE.exec(text)
  if (rel && UNIT_WORDS[rel[2]]) {
    const amount = rel[1] === undefined ? 1 : Number(rel[1])
    return Math.round((now - amount * UNIT_MS[UNIT_WORDS[rel[2]]]) * 1000)
  }
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (dateOnly) {
    // A bare date is a local calendar day, as a person typing it means it.
    const [y, mo, d] = [Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3])]
    const date = new Date(y, mo, d)
    // Date() rolls 2024-02-31 over into March; a typed date that rolls over is a typo.
    if (date.getFullYear() !== y || date.getMonth() !== mo || date.getDate() !== d) {
      throw new DateParseError(input)
    }
    const day = date.getTime()
    return (side === 'until' ? day + UNIT_MS.d - 1 : day) * 1000
  }
  if (/^\d{4}-\d{2}-\d{2}[t ]\d/.test(text)) {
    const ms = Date.parse(input.trim().replace(' ', 'T'))
    if (!Number.isNaN(ms)) return ms * 1000
  }
  throw new DateParseError(input)
}

/** True when `parseDateBound` would accept the input (for live validation in a form). */
export function isDateBound(input: string): boolean {
  try {
    parseDateBound(input, 'since')
    return true
  } catch (err) {
    if (err instanceof DateParseError) return false
    throw err
  }
}
