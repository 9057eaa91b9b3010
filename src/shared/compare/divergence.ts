/**
 * Divergences between two aligned traces: a pair whose name, kind, model, input, status or output
 * differs (ids and timestamps never count), or a run of gap rows (spans only one trace has).
 *
 * Order: divergences are listed in the order they happened, not by the row of their span. A
 * difference in what a span was given (name, kind, model, input) or a gap happens when the span
 * starts, i.e. at its row; a difference only in what it produced (status, output) happens when it
 * ends, i.e. after its whole subtree. So when a tool's output changes and its parent agent's final
 * answer changes as a consequence, the tool comes first — the root is not blamed for everything.
 */
import type { Alignment } from './align'
import type { CompareSide } from './side'
import { matchName, modelOf, nameOf } from './side'

export type DivergenceReason =
  'name' | 'kind' | 'status' | 'model' | 'input' | 'output' | 'onlyA' | 'onlyB'

/** Bits of a pair's difference mask. */
export const DIFF = { name: 1, kind: 2, model: 4, input: 8, status: 16, output: 32 } as const
/** Reasons in priority order: a pair reports the first one that differs (cause before effect). */
export const PAIR_REASONS = ['name', 'kind', 'model', 'input', 'status', 'output'] as const
const START_FIELDS = DIFF.name | DIFF.kind | DIFF.model | DIFF.input

export interface Divergence {
  /** Row of the alignment where it shows (the first row of a gap run). */
  row: number
  reason: DivergenceReason
  /** DIFF bits that differ (0 for a gap). */
  fields: number
  /** Span index in A / B (0-based), null on the side of a gap. */
  a: number | null
  b: number | null
  /** Span names on each side, null on the side of a gap. */
  nameA: string | null
  nameB: string | null
  /** Sort key: when it happened (see the file comment). */
  order: number
}

/**
 * DIFF bits of the fields that differ between A's span i and B's span j. A name that differs only
 * by the model in it ("chat gpt-4o" / "chat gpt-4o-mini") counts as a model change.
 */
export function pairDiff(a: CompareSide, b: CompareSide, i: number, j: number): number {
  let bits = 0
  if (matchName(a, i) !== matchName(b, j)) bits |= DIFF.name
  if (a.kind[i] !== b.kind[j]) bits |= DIFF.kind
  if (modelOf(a, i) !== modelOf(b, j)) bits |= DIFF.model
  if (a.inputHash && b.inputHash && (a.inputHash[i] ?? null) !== (b.inputHash[j] ?? null))
    bits |= DIFF.input
  if (a.status[i] !== b.status[j]) bits |= DIFF.status
  if (a.outputHash && b.outputHash && (a.outputHash[i] ?? null) !== (b.outputHash[j] ?? null))
    bits |= DIFF.output
  return bits
}

/** The reason a difference mask reports (first in PAIR_REASONS), or null when nothing differs. */
export function reasonOf(fields: number): DivergenceReason | null {
  for (const r of PAIR_REASONS) if (fields & DIFF[r]) return r
  return null
}

/** The difference mask of every row (0 for identical pairs and for gaps). */
export function rowDiffs(a: CompareSide, b: CompareSide, al: Alignment): Uint8Array {
  const out = new Uint8Array(al.rowA.length)
  for (let r = 0; r < out.length; r++) {
    const i = al.rowA[r]
    const j = al.rowB[r]
    if (i >= 0 && j >= 0) out[r] = pairDiff(a, b, i, j)
  }
  return out
}

/** Index of the last span in each span's subtree (step order puts a subtree in one run). */
export function subtreeEnds(side: CompareSide): Int32Array {
  const end = new Int32Array(side.count)
  for (let i = 0; i < side.count; i++) end[i] = i
  for (let i = side.count - 1; i >= 0; i--) {
    const p = side.parentIndex[i]
    if (p >= 0 && p < i && end[i] > end[p]) end[p] = end[i]
  }
  return end
}

/** Every divergence, in the order they happened. */
export function findDivergences(
  a: CompareSide,
  b: CompareSide,
  al: Alignment,
  diffs: Uint8Array = rowDiffs(a, b, al),
): Divergence[] {
  const out: Divergence[] = []
  const endA = subtreeEnds(a)
  const endB = subtreeEnds(b)
  const rows = al.rowA.length
  for (let r = 0; r < rows; r++) {
    const i = al.rowA[r]
    const j = al.rowB[r]
    if (i < 0 || j < 0) {
      const previousIsGap = r > 0 && (al.rowA[r - 1] < 0 || al.rowB[r - 1] < 0)
      if (!previousIsGap) {
        const reason = i < 0 ? 'onlyB' : 'onlyA'
        const ga = i < 0 ? null : i
        const gb = j < 0 ? null : j
        const nameA = ga === null ? null : nameOf(a, ga)
        const nameB = gb === null ? null : nameOf(b, gb)
        out.push({ row: r, reason, fields: 0, a: ga, b: gb, nameA, nameB, order: 2 * r * rows })
      }
      continue
    }
    const fields = diffs[r]
    if (!fields) continue
    const atStart = (fields & START_FIELDS) !== 0
    const end = Math.max(al.rowOfA[endA[i]], al.rowOfB[endB[j]])
    // Spans ending at the same row end innermost first (a child before its parent).
    const order = atStart ? 2 * r * rows : (2 * end + 1) * rows + (rows - 1 - r)
    const reason = reasonOf(fields)!
    out.push({
      row: r,
      reason,
      fields,
      a: i,
      b: j,
      nameA: nameOf(a, i),
      nameB: nameOf(b, j),
      order,
    })
  }
  return out.sort((x, y) => x.order - y.order)
}

/**
 * The divergence after (dir 1) or before (dir -1) the current position, or null. The position is
 * `current` when the user reached the row through divergence navigation; otherwise it is the
 * start of `row` (and the row's own divergence, already on screen, is not a "next" one).
 */
export function stepDivergence(
  divergences: readonly Divergence[],
  rowCount: number,
  row: number,
  dir: 1 | -1,
  current: Divergence | null = null,
): Divergence | null {
  const pos = current ? current.order : 2 * row * rowCount
  if (dir > 0) return divergences.find((d) => d.order > pos && (current || d.row !== row)) ?? null
  for (let k = divergences.length - 1; k >= 0; k--)
    if (divergences[k].order < pos) return divergences[k]
  return null
}
