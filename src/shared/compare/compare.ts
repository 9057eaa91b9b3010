/**
 * One comparison of two traces, as the API returns it: the alignment rows, what differs on each
 * row, the divergences in the order they happened, and the deltas of the whole traces. Plain
 * arrays only, so it crosses IPC/HTTP as JSON.
 */
import type { TraceStatus } from '../model'
import { alignTraces, type Alignment } from './align'
import { totalDeltas, type Deltas, type Totals } from './deltas'
import { findDivergences, rowDiffs, type Divergence } from './divergence'
import type { AlignOptions } from './sequence-align'
import type { CompareSide } from './side'

/** The trace-level facts shown beside a comparison. */
export interface ComparedTrace extends Totals {
  id: string
  name: string
  spanCount: number
  status: TraceStatus
  start: number
}

export interface TraceComparison {
  a: ComparedTrace
  b: ComparedTrace
  /** Row r pairs span rowA[r] of A with span rowB[r] of B; -1 marks the empty side of a gap. */
  rowA: number[]
  rowB: number[]
  /** DIFF bits per row (0 for identical pairs and gaps). */
  rowDiff: number[]
  pairs: number
  onlyA: number
  onlyB: number
  /** In the order they happened; the first is "the first divergence". */
  divergences: Divergence[]
  /** B minus A over the whole traces. */
  delta: Deltas
}

/** One side of a comparison: the trace's facts and its span columns. */
export interface ComparedSide {
  trace: ComparedTrace
  spans: CompareSide
}

/** Compares two traces given their trace facts and span columns. */
export function compareTraces(
  a: ComparedSide,
  b: ComparedSide,
  options: AlignOptions = {},
): TraceComparison {
  return describeAlignment(a, b, alignTraces(a.spans, b.spans, options))
}

/**
 * Builds the comparison from an alignment already made (callers that refine the payload
 * fingerprints of aligned pairs between the two steps use this).
 */
export function describeAlignment(
  a: ComparedSide,
  b: ComparedSide,
  al: Alignment,
): TraceComparison {
  const diffs = rowDiffs(a.spans, b.spans, al)
  return {
    a: a.trace,
    b: b.trace,
    rowA: Array.from(al.rowA),
    rowB: Array.from(al.rowB),
    rowDiff: Array.from(diffs),
    pairs: al.pairs,
    onlyA: al.onlyA,
    onlyB: al.onlyB,
    divergences: findDivergences(a.spans, b.spans, al, diffs),
    delta: totalDeltas(a.trace, b.trace),
  }
}

/** The machine-readable summary `tracedeck diff --json` prints (steps are 1-based). */
export interface ComparisonSummary {
  a: { id: string; spanCount: number }
  b: { id: string; spanCount: number }
  pairs: number
  onlyA: number
  onlyB: number
  firstDivergence: {
    stepA: number | null
    stepB: number | null
    nameA: string | null
    nameB: string | null
    reason: Divergence['reason']
  } | null
  delta: { durationMs: number; inputTokens: number; outputTokens: number; cost: number }
}

/** Summarises a comparison in the shape of `tracedeck diff --json`. */
export function summarise(c: TraceComparison): ComparisonSummary {
  const d = c.divergences[0]
  return {
    a: { id: c.a.id, spanCount: c.a.spanCount },
    b: { id: c.b.id, spanCount: c.b.spanCount },
    pairs: c.pairs,
    onlyA: c.onlyA,
    onlyB: c.onlyB,
    firstDivergence: d
      ? {
          stepA: d.a === null ? null : d.a + 1,
          stepB: d.b === null ? null : d.b + 1,
          nameA: d.nameA,
          nameB: d.nameB,
          reason: d.reason,
        }
      : null,
    delta: {
      durationMs: (c.b.duration - c.a.duration) / 1000,
      inputTokens: c.b.inputTokens - c.a.inputTokens,
      outputTokens: c.b.outputTokens - c.a.outputTokens,
      cost: roundCost(c.b.cost - c.a.cost),
    },
  }
}

// Cost differences are sums of floats: 12 significant decimals hide the binary noise.
function roundCost(x: number): number {
  return Math.round(x * 1e12) / 1e12
}
