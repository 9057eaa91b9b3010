/**
 * Deltas between two measurements (B minus A), with a direction and a percentage, for one aligned
 * pair or for the whole traces. Durations are reported in milliseconds.
 */
import type { CompareSide } from './side'

export type Direction = 'up' | 'down' | 'same' | 'none'

export interface Delta {
  a: number | null
  b: number | null
  /** b - a, null when either side has no figure. */
  diff: number | null
  /** 100 · (b - a) / a, null when a is 0 or missing. */
  pct: number | null
  /** 'none' when there is nothing to compare. */
  direction: Direction
}

export interface Deltas {
  durationMs: Delta
  inputTokens: Delta
  outputTokens: Delta
  totalTokens: Delta
  cost: Delta
}

/** Totals of one trace, as the library states them (tokens and cost without double counting). */
export interface Totals {
  /** Microseconds. */
  duration: number
  inputTokens: number
  outputTokens: number
  cost: number
}

// Floating-point sums (cost) must not report a direction for rounding noise.
const EPSILON = 1e-9

/** The delta from a to b. */
export function delta(a: number | null | undefined, b: number | null | undefined): Delta {
  const av = present(a)
  const bv = present(b)
  if (av === null || bv === null) return { a: av, b: bv, diff: null, pct: null, direction: 'none' }
  const diff = bv - av
  const same = Math.abs(diff) <= EPSILON * Math.max(1, Math.abs(av), Math.abs(bv))
  return {
    a: av,
    b: bv,
    diff: same ? 0 : diff,
    pct: av !== 0 ? (same ? 0 : (100 * diff) / Math.abs(av)) : null,
    direction: same ? 'same' : diff > 0 ? 'up' : 'down',
  }
}

// Columns mark "not stated" as null (API tables) or NaN (typed replay columns).
function present(x: number | null | undefined): number | null {
  return x == null || Number.isNaN(x) ? null : x
}

function sumOrNull(x: number | null | undefined, y: number | null | undefined): number | null {
  const px = present(x)
  const py = present(y)
  return px === null && py === null ? null : (px ?? 0) + (py ?? 0)
}

/** Deltas of one row: span i of A against span j of B (either may be -1 for a gap). */
export function pairDeltas(a: CompareSide, b: CompareSide, i: number, j: number): Deltas {
  const at = (side: CompareSide, k: number, col: ArrayLike<number | null>) =>
    k >= 0 ? col[k] : null
  const ai = at(a, i, a.inputTokens)
  const ao = at(a, i, a.outputTokens)
  const bi = at(b, j, b.inputTokens)
  const bo = at(b, j, b.outputTokens)
  return {
    durationMs: delta(i >= 0 ? a.duration[i] / 1000 : null, j >= 0 ? b.duration[j] / 1000 : null),
    inputTokens: delta(ai, bi),
    outputTokens: delta(ao, bo),
    totalTokens: delta(sumOrNull(ai, ao), sumOrNull(bi, bo)),
    cost: delta(at(a, i, a.cost), at(b, j, b.cost)),
  }
}

/** Deltas of the whole traces. */
export function totalDeltas(a: Totals, b: Totals): Deltas {
  return {
    durationMs: delta(a.duration / 1000, b.duration / 1000),
    inputTokens: delta(a.inputTokens, b.inputTokens),
    outputTokens: delta(a.outputTokens, b.outputTokens),
    totalTokens: delta(a.inputTokens + a.outputTokens, b.inputTokens + b.outputTokens),
    cost: delta(a.cost, b.cost),
  }
}
