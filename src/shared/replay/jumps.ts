/**
 * Where the replay can jump: step navigation and the landmarks (first error, slowest span, most
 * expensive span). Landmarks are computed once per trace in O(n); navigation is O(1).
 */
import { STATUS_OK, spanTokens, type ReplayColumns } from './columns'

/** Clamps a step index into [0, count-1] (0 for an empty trace). */
export const clampStep = (index: number, count: number): number =>
  count <= 0 ? 0 : Math.min(count - 1, Math.max(0, Math.trunc(index)))

export const nextStep = (current: number, count: number): number => clampStep(current + 1, count)
export const prevStep = (current: number, count: number): number => clampStep(current - 1, count)

/** First span (in step order) that failed or was retried, or -1. */
export function firstError(c: ReplayColumns): number {
  for (let i = 0; i < c.count; i++) if (c.status[i] !== STATUS_OK) return i
  return -1
}

/** Next failed or retried span after `from`, wrapping to the first one; -1 when there is none. */
export function nextError(c: ReplayColumns, from: number): number {
  for (let i = from + 1; i < c.count; i++) if (c.status[i] !== STATUS_OK) return i
  return firstError(c)
}

/**
 * Self time of every span: its duration minus the time its direct children cover (their union,
 * so parallel children are not subtracted twice). A parent that only waits on its children has
 * little self time, so "slowest" finds where the time was actually spent, not the root.
 */
export function selfTimes(c: ReplayColumns): Float64Array {
  const self = Float64Array.from(c.duration)
  // Siblings come in start order, so each parent's children form a sorted list and their union
  // is one linear merge. Track, per parent, the end of the covered run seen so far.
  const runStart = new Float64Array(c.count).fill(NaN)
  const runEnd = new Float64Array(c.count)
  const flush = (p: number): void => {
    if (Number.isNaN(runStart[p])) return
    const lo = Math.max(runStart[p], c.start[p])
    const hi = Math.min(runEnd[p], c.start[p] + c.duration[p])
    if (hi > lo) self[p] -= hi - lo
    runStart[p] = NaN
  }
  for (let i = 0; i < c.count; i++) {
    const p = c.parentIndex[i]
    if (p < 0) continue
    const s = c.start[i]
    const e = s + c.duration[i]
    if (Number.isNaN(runStart[p])) {
      runStart[p] = s
      runEnd[p] = e
    } else if (s <= runEnd[p]) {
      if (e > runEnd[p]) runEnd[p] = e
    } else {
      flush(p)
      runStart[p] = s
      runEnd[p] = e
    }
  }
  for (let p = 0; p < c.count; p++) flush(p)
  for (let i = 0; i < c.count; i++) if (self[i] < 0) self[i] = 0
  return self
}

/** The span with the most self time (earliest on ties), or -1 for an empty trace. */
export function slowestSpan(c: ReplayColumns, self: Float64Array = selfTimes(c)): number {
  let best = -1
  for (let i = 0; i < c.count; i++) if (best < 0 || self[i] > self[best]) best = i
  return best
}

/**
 * The most expensive span by cost, or by tokens when no span states a cost. Parents that repeat
 * their children's figures (DESIGN: totals without double counting) are skipped: only spans with
 * no figure-bearing descendant compete. -1 when no span has a cost or tokens.
 */
export function mostExpensiveSpan(c: ReplayColumns): number {
  const byCost = argmaxLeafFigure(c, (i) => c.cost[i])
  return byCost >= 0 ? byCost : argmaxLeafFigure(c, (i) => spanTokens(c, i))
}

function argmaxLeafFigure(c: ReplayColumns, figure: (i: number) => number): number {
  // Walk backwards so a span knows whether any descendant carries the figure.
  const below = new Uint8Array(c.count)
  let best = -1
  let bestValue = -Infinity
  for (let i = c.count - 1; i >= 0; i--) {
    const v = figure(i)
    const has = v > 0 // NaN (not stated) and 0 carry no figure
    if (has && !below[i] && (v > bestValue || (v === bestValue && i < best))) {
      best = i
      bestValue = v
    }
    const p = c.parentIndex[i]
    if (p >= 0 && (has || below[i])) below[p] = 1
  }
  return best
}

/** Landmarks of a trace, computed once. */
export interface Landmarks {
  firstError: number
  slowest: number
  mostExpensive: number
  errorCount: number
}

export function computeLandmarks(c: ReplayColumns): Landmarks {
  let errorCount = 0
  for (let i = 0; i < c.count; i++) if (c.status[i] !== STATUS_OK) errorCount++
  return {
    firstError: firstError(c),
    slowest: slowestSpan(c),
    mostExpensive: mostExpensiveSpan(c),
    errorCount,
  }
}
