/**
 * Sane bounds for the numbers an importer hands the normaliser (audit findings 1 and 8): times
 * (epoch µs) inside years 0001–9999, which every date formatter can print; span durations up to
 * a year; token counts and costs non-negative and below absurd. A value outside is repaired
 * (dropped, so the normaliser treats it as missing) with an `out-of-range` repair, never stored:
 * one bad span must not take the library's lists and totals down.
 *
 * The read side (`safe*` below) applies the same bounds to rows already in a library.
 */
import type { RepairLog } from './repair-log'
import type { WorkSpan } from './work-span'

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z in epoch µs. */
export const MIN_TIME_US = -62_135_596_800_000_000
export const MAX_TIME_US = 253_402_300_799_999_000
/** A span longer than this is a unit mix-up or garbage (366 days). */
export const MAX_DURATION_US = 366 * 24 * 3600 * 1_000_000
/** Token counts above this (a trillion) are not real usage. */
export const MAX_TOKENS = 1e12
/** Costs above this many dollars for one span or trace are not real. */
export const MAX_COST = 1e9
/** Traces starting before this year get a warning: likely a unit or parsing mistake upstream. */
const PLAUSIBLE_FROM_US = -2_208_988_800_000_000 // 1900-01-01

export const inTimeRange = (t: number): boolean =>
  Number.isFinite(t) && t >= MIN_TIME_US && t <= MAX_TIME_US

const inRange = (n: number, max: number): boolean => Number.isFinite(n) && n >= 0 && n <= max

function describe(n: number): string {
  return Number.isFinite(n) && Math.abs(n) < 1e21 ? String(n) : n.toExponential(3)
}

/**
 * Drops out-of-range structural numbers of work spans in place, logging one repair each:
 * a start or end outside years 0001–9999, a duration over a year (end dropped), a negative or
 * absurd token count or cost.
 */
export function boundWork(spans: WorkSpan[], log: RepairLog): void {
  for (const s of spans) {
    const note = (what: string) => log.add('out-of-range', what, s.id, s.name)
    if (Number.isFinite(s.start) && !inTimeRange(s.start)) {
      note(`start time ${describe(s.start)} µs is outside years 0001–9999; treated as missing`)
      s.start = NaN
    }
    if (s.end !== null && !inTimeRange(s.end)) {
      note(`end time ${describe(s.end)} µs is outside years 0001–9999; treated as missing`)
      s.end = null
    }
    if (s.end !== null && Number.isFinite(s.start) && s.end - s.start > MAX_DURATION_US) {
      note(`duration ${describe(s.end - s.start)} µs is longer than a year; end treated as missing`)
      s.end = null
    }
    if (s.inputTokens !== undefined && !inRange(s.inputTokens, MAX_TOKENS)) {
      note(`input token count ${describe(s.inputTokens)} is not a plausible count; dropped`)
      delete s.inputTokens
    }
    if (s.outputTokens !== undefined && !inRange(s.outputTokens, MAX_TOKENS)) {
      note(`output token count ${describe(s.outputTokens)} is not a plausible count; dropped`)
      delete s.outputTokens
    }
    if (s.cost !== undefined && !inRange(s.cost, MAX_COST)) {
      note(`cost ${describe(s.cost)} is not a plausible amount; dropped`)
      delete s.cost
    }
  }
}

/** A trace-level stated cost, or undefined (with a warning) when it is out of range. */
export function boundCost(cost: number | undefined, log: RepairLog): number | undefined {
  if (typeof cost !== 'number' || !Number.isFinite(cost)) return undefined
  if (inRange(cost, MAX_COST)) return cost
  log.add('out-of-range', `trace cost ${describe(cost)} is not a plausible amount; dropped`)
  return undefined
}

/** An estimate from a price table, kept only when plausible. */
export const boundEstimate = (cost: number | undefined): number | undefined =>
  cost !== undefined && inRange(cost, MAX_COST) ? cost : undefined

/** A warning for a trace that starts at an implausibly early date (years before 1900). */
export function implausibleStart(start: number): string | null {
  if (start >= PLAUSIBLE_FROM_US || !inTimeRange(start)) return null
  const iso = formatIsoMicros(start)
  return `the trace starts on ${iso.slice(0, 10)}, which looks implausible (a unit or date mistake in the source?)`
}

/** ISO 8601 text of an epoch-µs time, years 0001–9999 exactly; out-of-range shows as "invalid". */
export function formatIsoMicros(us: number): string {
  if (!inTimeRange(us)) return 'invalid time'
  return new Date(Math.floor(us / 1000)).toISOString()
}

// Read side: rows written before these bounds existed may still hold anything.

/** A stored time as a number every formatter accepts (out of range → 0). */
export const safeTime = (t: unknown): number =>
  typeof t === 'number' && inTimeRange(t) ? t : 0

/** A stored duration, non-negative and finite (else 0). */
export const safeDuration = (d: unknown): number =>
  typeof d === 'number' && Number.isFinite(d) && d >= 0 && d <= MAX_TIME_US - MIN_TIME_US ? d : 0

/** A stored count or amount, non-negative, finite and below absurd (else 0). */
export const safeAmount = (n: unknown): number =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= MAX_TOKENS * 1000 ? n : 0
