/**
 * Lockstep navigation over a comparison's rows: where each pane stands on a row (its own span,
 * or — on a gap row — the span it last showed, so its timeline keeps its place while the slot
 * shows as empty), which row a pane's span belongs to, and which spans to mark as divergent.
 */
import type { TraceComparison } from './compare'

export interface LockstepIndex {
  rows: number
  /** Span each pane shows on a row (-1 only when the pane has no span at or before it). */
  standA: Int32Array
  standB: Int32Array
  /** Row of each span of A / B. */
  rowOfA: Int32Array
  rowOfB: Int32Array
  /** Sorted span indices to mark as divergent in each pane: changed pairs and spans of gaps. */
  marksA: Int32Array
  marksB: Int32Array
}

function stand(rowSpan: readonly number[]): Int32Array {
  const out = new Int32Array(rowSpan.length)
  let last = -1
  for (let r = 0; r < rowSpan.length; r++) {
    if (rowSpan[r] >= 0) last = rowSpan[r]
    out[r] = last
  }
  // Leading gap rows: stand on the pane's first span.
  const first = rowSpan.find((i) => i >= 0) ?? -1
  for (let r = 0; r < out.length && out[r] < 0; r++) out[r] = first
  return out
}

function rowOf(rowSpan: readonly number[], count: number): Int32Array {
  const out = new Int32Array(count).fill(-1)
  for (let r = 0; r < rowSpan.length; r++) if (rowSpan[r] >= 0) out[rowSpan[r]] = r
  return out
}

/** Builds the lockstep index of a comparison (linear in its rows). */
export function lockstepIndex(c: TraceComparison): LockstepIndex {
  const marksA: number[] = []
  const marksB: number[] = []
  for (let r = 0; r < c.rowA.length; r++) {
    const i = c.rowA[r]
    const j = c.rowB[r]
    const divergent = i < 0 || j < 0 || c.rowDiff[r] !== 0
    if (!divergent) continue
    if (i >= 0) marksA.push(i)
    if (j >= 0) marksB.push(j)
  }
  return {
    rows: c.rowA.length,
    standA: stand(c.rowA),
    standB: stand(c.rowB),
    rowOfA: rowOf(c.rowA, c.a.spanCount),
    rowOfB: rowOf(c.rowB, c.b.spanCount),
    marksA: Int32Array.from(marksA),
    marksB: Int32Array.from(marksB),
  }
}

/** The row to show after a swap of A and B, given the spans shown before (a on the old A). */
export function rowForSpans(index: LockstepIndex, a: number, b: number): number {
  if (a >= 0 && index.rowOfA[a] >= 0) return index.rowOfA[a]
  if (b >= 0 && index.rowOfB[b] >= 0) return index.rowOfB[b]
  return 0
}
