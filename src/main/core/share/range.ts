/**
 * "A range around a chosen step": which spans of a trace a shared file holds. The steps from..to
 * (original step order, inclusive) plus the ancestors of `from`, so the tree keeps its roots.
 * In depth-first step order every ancestor of a span in the range is either in the range or an
 * ancestor of `from`, so that is all the parents the range needs.
 */
import type { Span } from '../../../shared/model'

/** The original step indices to keep, ascending. */
export function stepsToKeep(
  parentIndex: readonly number[],
  from: number,
  to: number,
): { keep: number[]; ancestors: number } {
  const ancestors: number[] = []
  for (let p = parentIndex[from]; p >= 0; p = parentIndex[p]) ancestors.push(p)
  ancestors.reverse()
  const keep = [...ancestors]
  for (let i = from; i <= to; i++) keep.push(i)
  return { keep, ancestors: ancestors.length }
}

/**
 * Renumbers kept spans (given in ascending original order) as a trace of their own: index and
 * parentIndex point into the kept list. Every parent is kept (see above), so none is lost.
 */
export function renumber(spans: readonly Span[], original: readonly number[]): Span[] {
  const position = new Map<number, number>()
  original.forEach((step, i) => position.set(step, i))
  return spans.map((s, i) => ({
    ...s,
    index: i,
    parentIndex: s.parentIndex < 0 ? -1 : (position.get(s.parentIndex) ?? -1),
  }))
}
