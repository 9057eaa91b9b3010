/**
 * The row model of the execution tree (and the timeline rows): which spans are visible when
 * some subtrees are collapsed, and the mapping row ↔ span. Step order puts every subtree in one
 * contiguous range, so collapsing a span hides one interval of indices. The model stores only
 * those intervals: building it costs O(c log c) for c collapsed spans and each lookup O(log c),
 * whatever the trace size, so a view asks only for the rows on screen.
 */
import { STATUS_ERROR } from './columns'

export interface RowModel {
  /** Number of visible rows. */
  readonly rowCount: number
  /** Span index shown on a row (row in [0, rowCount)). */
  spanAt(row: number): number
  /** Row of a span, or -1 when it is inside a collapsed subtree. */
  rowOf(index: number): number
  /** The collapsed span whose subtree hides `index`, or -1 when it is visible. */
  hiddenBy(index: number): number
}

/**
 * Builds the row model. `subtreeEnd[i]` is the exclusive end of span i's subtree; collapsed
 * spans stay visible, their descendants are hidden (nested collapses fold into the outer one).
 */
export function buildRowModel(
  subtreeEnd: ArrayLike<number>,
  count: number,
  collapsed: Iterable<number>,
): RowModel {
  const roots = [...new Set(collapsed)]
    .filter((i) => Number.isInteger(i) && i >= 0 && i < count && subtreeEnd[i] > i + 1)
    .sort((a, b) => a - b)
  // Hidden intervals [from, to), disjoint and ascending; nested ones are dropped.
  const from: number[] = []
  const to: number[] = []
  const owner: number[] = []
  for (const c of roots) {
    if (to.length && c < to[to.length - 1]) continue
    from.push(c + 1)
    to.push(subtreeEnd[c])
    owner.push(c)
  }
  const k = from.length
  // hiddenBefore[j]: spans hidden by intervals 0..j-1; rowStart[j]: first row after interval j's start.
  const hiddenBefore = new Float64Array(k + 1)
  for (let j = 0; j < k; j++) hiddenBefore[j + 1] = hiddenBefore[j] + (to[j] - from[j])
  const rowAtGap = new Float64Array(k)
  for (let j = 0; j < k; j++) rowAtGap[j] = from[j] - hiddenBefore[j]
  const rowCount = count - hiddenBefore[k]

  // Last interval with from[j] <= index.
  const intervalAtOrBefore = (index: number): number => {
    let lo = 0
    let hi = k
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (from[mid] <= index) lo = mid + 1
      else hi = mid
    }
    return lo - 1
  }

  return {
    rowCount,
    spanAt(row) {
      if (row < 0 || row >= rowCount) return -1
      // Intervals whose gap row is <= row lie before it: add everything they hide.
      let lo = 0
      let hi = k
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (rowAtGap[mid] <= row) lo = mid + 1
        else hi = mid
      }
      return row + hiddenBefore[lo]
    },
    rowOf(index) {
      if (index < 0 || index >= count) return -1
      const j = intervalAtOrBefore(index)
      if (j >= 0 && index < to[j]) return -1
      return index - hiddenBefore[j + 1]
    },
    hiddenBy(index) {
      const j = intervalAtOrBefore(index)
      return j >= 0 && index < to[j] ? owner[j] : -1
    },
  }
}

/** Ancestors of a span, nearest first (walks parentIndex; O(depth)). */
export function ancestorsOf(parentIndex: ArrayLike<number>, index: number): number[] {
  const out: number[] = []
  for (let p = parentIndex[index]; p >= 0 && out.length < parentIndex.length; p = parentIndex[p])
    out.push(p)
  return out
}

/**
 * The collapsed set after revealing `index`: every collapsed ancestor is expanded, so jumping
 * to a hidden span always shows it. Returns the same set when nothing changes.
 */
export function revealIn(
  collapsed: ReadonlySet<number>,
  parentIndex: ArrayLike<number>,
  index: number,
): ReadonlySet<number> {
  if (!collapsed.size) return collapsed
  const hiding = ancestorsOf(parentIndex, index).filter((a) => collapsed.has(a))
  if (!hiding.length) return collapsed
  const next = new Set(collapsed)
  for (const a of hiding) next.delete(a)
  return next
}

/**
 * Siblings of a span (children of its parent, or the top-level spans) in step order, with the
 * span's position among them. Walks subtree ranges, so it costs O(siblings), not O(spans).
 */
export function siblingsOf(
  parentIndex: ArrayLike<number>,
  subtreeEnd: ArrayLike<number>,
  count: number,
  index: number,
): { siblings: number[]; position: number } {
  if (index < 0 || index >= count) return { siblings: [], position: -1 }
  const p = parentIndex[index]
  const begin = p >= 0 ? p + 1 : 0
  const end = p >= 0 ? subtreeEnd[p] : count
  const siblings: number[] = []
  for (let j = begin; j < end; j = subtreeEnd[j]) siblings.push(j)
  return { siblings, position: siblings.indexOf(index) }
}

/**
 * Counts failed spans inside a subtree in O(1) after one O(n) pass: `count(i)` is the number of
 * spans with status error among span i's descendants (what a collapsed row hides).
 */
export function subtreeErrorCounter(c: {
  count: number
  status: ArrayLike<number>
  subtreeEnd: ArrayLike<number>
}): (i: number) => number {
  const before = new Int32Array(c.count + 1)
  for (let i = 0; i < c.count; i++)
    before[i + 1] = before[i] + (c.status[i] === STATUS_ERROR ? 1 : 0)
  return (i) => (i >= 0 && i < c.count ? before[c.subtreeEnd[i]] - before[i + 1] : 0)
}
