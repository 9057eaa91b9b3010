/**
 * Tree comparison: which spans B added, which A had that B removed, and which aligned spans
 * changed (and in what), each in step order.
 */
import type { Alignment } from './align'

export interface TreeChanges {
  /** B span indices with no counterpart in A. */
  added: number[]
  /** A span indices with no counterpart in B. */
  removed: number[]
  /** Aligned pairs that differ, with their DIFF bits. */
  changed: { a: number; b: number; fields: number }[]
}

/** Lists added, removed and changed spans from an alignment and its row difference masks. */
export function treeChanges(al: Alignment, diffs: ArrayLike<number>): TreeChanges {
  const out: TreeChanges = { added: [], removed: [], changed: [] }
  for (let r = 0; r < al.rowA.length; r++) {
    const i = al.rowA[r]
    const j = al.rowB[r]
    if (i < 0) out.added.push(j)
    else if (j < 0) out.removed.push(i)
    else if (diffs[r]) out.changed.push({ a: i, b: j, fields: diffs[r] })
  }
  return out
}
