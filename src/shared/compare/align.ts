/**
 * Span alignment of two traces: structural keys (key.ts) aligned as sequences in step order
 * (sequence-align.ts), then, inside each gap, spans left over on both sides are paired when they
 * sit in the same place of the tree (their parents are paired, or both are top-level) — so a tool
 * call replaced by another shows as one changed pair rather than a removal plus an addition.
 */
import { structuralKeys } from './key'
import { alignSequences, type AlignOptions } from './sequence-align'
import type { CompareSide } from './side'

/** The alignment as rows in lockstep order: row r shows span rowA[r] of A beside rowB[r] of B. */
export interface Alignment {
  /** Span index in A for each row, -1 when B's span has no counterpart (B-only). */
  rowA: Int32Array
  /** Span index in B for each row, -1 when A's span has no counterpart (A-only). */
  rowB: Int32Array
  /** aToB[i] = the B span paired with A's span i, or -1. */
  aToB: Int32Array
  bToA: Int32Array
  /** Row of each A span / B span. */
  rowOfA: Int32Array
  rowOfB: Int32Array
  pairs: number
  onlyA: number
  onlyB: number
}

/** Aligns the spans of `a` and `b`. */
export function alignTraces(a: CompareSide, b: CompareSide, options: AlignOptions = {}): Alignment {
  const keys = structuralKeys(a, b)
  const { aToB, bToA } = alignSequences(keys.a, keys.b, keys.size, options)
  pairLeftovers(a, b, aToB, bToA)
  return buildRows(aToB, bToA)
}

/** Both spans are children of paired spans, or both are top-level. */
function sameParent(
  a: CompareSide,
  b: CompareSide,
  aToB: Int32Array,
  i: number,
  j: number,
): boolean {
  const pa = a.parentIndex[i]
  const pb = b.parentIndex[j]
  return pa < 0 ? pb < 0 : pb >= 0 && aToB[pa] === pb
}

/**
 * Pairs unmatched spans inside each gap, left to right. Parents precede children in step order,
 * so a parent paired here lets its children pair on the same walk. Linear in the gap sizes.
 */
function pairLeftovers(a: CompareSide, b: CompareSide, aToB: Int32Array, bToA: Int32Array): void {
  const n = a.count
  const m = b.count
  let prevI = -1
  let prevJ = -1
  // Visit each pair of consecutive matched pairs (with virtual ones before the start and after
  // the end); the spans strictly between them on each side form the gap.
  for (let i = 0; i <= n; i++) {
    if (i < n && aToB[i] < 0) continue
    const nextJ = i < n ? aToB[i] : m
    let x = prevI + 1
    let y = prevJ + 1
    while (x < i && y < nextJ) {
      if (sameParent(a, b, aToB, x, y)) {
        aToB[x] = y
        bToA[y] = x
        x++
        y++
      } else if (a.depth[x] > b.depth[y]) x++
      else if (b.depth[y] > a.depth[x]) y++
      else {
        x++
        y++
      }
    }
    prevI = i
    prevJ = nextJ
  }
}

/** Merges the two matchings into rows; within a gap, A's leftovers come before B's. */
function buildRows(aToB: Int32Array, bToA: Int32Array): Alignment {
  const n = aToB.length
  const m = bToA.length
  let pairs = 0
  for (let i = 0; i < n; i++) if (aToB[i] >= 0) pairs++
  const rows = n + m - pairs
  const rowA = new Int32Array(rows)
  const rowB = new Int32Array(rows)
  const rowOfA = new Int32Array(n)
  const rowOfB = new Int32Array(m)
  let r = 0
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && aToB[i] < 0) {
      rowOfA[i] = r
      rowA[r] = i++
      rowB[r++] = -1
    } else if (j < m && bToA[j] < 0) {
      rowOfB[j] = r
      rowA[r] = -1
      rowB[r++] = j++
    } else {
      // Both at a pair (the matching is monotone, so they are the same pair).
      rowOfA[i] = r
      rowOfB[j] = r
      rowA[r] = i++
      rowB[r++] = j++
    }
  }
  return { rowA, rowB, aToB, bToA, rowOfA, rowOfB, pairs, onlyA: n - pairs, onlyB: m - pairs }
}
