/**
 * Sequence alignment of two integer sequences (structural keys in step order), without an
 * O(n·m) table:
 * 1. common prefix and suffix are matched directly;
 * 2. keys occurring exactly once on each side are anchors; the longest increasing run of them
 *    (patience) is matched and the gaps between anchors are aligned recursively;
 * 3. a range with no unique anchor goes to Myers' O((n+m)·D) greedy diff, bounded by `maxD`
 *    edits; past the bound, the furthest-reaching path found so far is kept and the rest of the
 *    range is aligned afresh (so the result is always a valid, monotone alignment).
 * Repeated keys (loops, retries) therefore match in order.
 */

export interface SequenceAlignment {
  /** aToB[i] = index in b matched to a[i], or -1. Strictly increasing over matched i. */
  aToB: Int32Array
  /** bToA[j] = index in a matched to b[j], or -1. */
  bToA: Int32Array
}

export interface AlignOptions {
  /** Edit bound of one Myers run before it falls back (default 1024). */
  maxD?: number
}

/** Aligns `a` and `b`, whose values are integers in [0, keySpace). */
export function alignSequences(
  a: Int32Array,
  b: Int32Array,
  keySpace: number,
  options: AlignOptions = {},
): SequenceAlignment {
  const maxD = Math.max(1, options.maxD ?? 1024)
  const aToB = new Int32Array(a.length).fill(-1)
  const bToA = new Int32Array(b.length).fill(-1)
  const match = (i: number, j: number): void => {
    aToB[i] = j
    bToA[j] = i
  }
  const countA = new Int32Array(keySpace)
  const countB = new Int32Array(keySpace)
  const posB = new Int32Array(keySpace)
  const stack: number[] = [0, a.length, 0, b.length]

  while (stack.length) {
    let bHi = stack.pop()!
    let bLo = stack.pop()!
    let aHi = stack.pop()!
    let aLo = stack.pop()!
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) match(aLo++, bLo++)
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) match(--aHi, --bHi)
    if (aLo === aHi || bLo === bHi) continue

    for (let i = aLo; i < aHi; i++) countA[a[i]]++
    let common = false
    for (let j = bLo; j < bHi; j++) {
      const k = b[j]
      countB[k]++
      posB[k] = j
      if (countA[k] > 0) common = true
    }
    const anchorsA: number[] = []
    const anchorsB: number[] = []
    if (common) {
      for (let i = aLo; i < aHi; i++) {
        const k = a[i]
        if (countA[k] === 1 && countB[k] === 1) {
          anchorsA.push(i)
          anchorsB.push(posB[k])
        }
      }
    }
    for (let i = aLo; i < aHi; i++) countA[a[i]] = 0
    for (let j = bLo; j < bHi; j++) countB[b[j]] = 0
    if (!common) continue // nothing in this range can match: all gaps

    if (anchorsA.length) {
      const chosen = longestIncreasing(anchorsB)
      // Gaps between consecutive anchors, pushed so ranges pop in any order (results are by index).
      let pa = aLo
      let pb = bLo
      for (const c of chosen) {
        const i = anchorsA[c]
        const j = anchorsB[c]
        match(i, j)
        if (i > pa && j > pb) stack.push(pa, i, pb, j)
        pa = i + 1
        pb = j + 1
      }
      if (aHi > pa && bHi > pb) stack.push(pa, aHi, pb, bHi)
      continue
    }

    const reached = myers(a, aLo, aHi, b, bLo, bHi, maxD, match)
    if (reached) stack.push(reached[0], aHi, reached[1], bHi)
  }
  return { aToB, bToA }
}

/** Indices (into `values`) of one longest strictly increasing subsequence, in order. */
export function longestIncreasing(values: ArrayLike<number>): number[] {
  const n = values.length
  const tails: number[] = [] // tails[l] = index of the smallest tail of an increasing run of length l+1
  const prev = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const v = values[i]
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (values[tails[mid]] < v) lo = mid + 1
      else hi = mid
    }
    prev[i] = lo > 0 ? tails[lo - 1] : -1
    tails[lo] = i
  }
  const out = new Array<number>(tails.length)
  let k = tails.length ? tails[tails.length - 1] : -1
  for (let l = tails.length - 1; l >= 0; l--) {
    out[l] = k
    k = prev[k]
  }
  return out
}

/**
 * Myers' greedy forward diff on a[aLo..aHi) × b[bLo..bHi), matching through `match`. Returns null
 * when the whole range was aligned, or the absolute (x, y) the kept partial path reached when
 * more than `maxD` edits were needed.
 */
function myers(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  maxD: number,
  match: (i: number, j: number) => void,
): [number, number] | null {
  const n = aHi - aLo
  const m = bHi - bLo
  const dMax = Math.min(n + m, maxD)
  const off = dMax + 1
  const v = new Int32Array(2 * dMax + 3).fill(-1)
  // snapshots[d][k + d] = furthest x on diagonal k after d edits (-1 = unreachable).
  const snapshots: Int32Array[] = []
  let endK = 0
  let endD = -1
  for (let d = 0; d <= dMax && endD < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x: number
      if (d === 0) x = 0
      else {
        const down = k + 1 <= d - 1 ? v[off + k + 1] : -1 // from diagonal k+1: y grows
        const right = k - 1 >= -(d - 1) && v[off + k - 1] >= 0 ? v[off + k - 1] + 1 : -1
        const downOk = down >= 0 && down - k <= m
        const rightOk = right >= 0 && right <= n
        if (downOk && (!rightOk || down >= right)) x = down
        else if (rightOk) x = right
        else {
          v[off + k] = -1
          continue
        }
      }
      let y = x - k
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++
        y++
      }
      v[off + k] = x
      if (x >= n && y >= m) {
        endK = k
        endD = d
      }
    }
    snapshots.push(v.slice(off - d, off + d + 1))
  }
  if (endD < 0) {
    // Too many edits: keep the path that got furthest along both sequences.
    endD = dMax
    const last = snapshots[dMax]
    let best = -1
    for (let k = -dMax; k <= dMax; k += 2) {
      const x = last[k + dMax]
      if (x >= 0 && 2 * x - k > best) {
        best = 2 * x - k
        endK = k
      }
    }
  }
  const endX = snapshots[endD][endK + endD]
  backtrack(snapshots, endD, endK, endX, n, m, (x, y) => match(aLo + x, bLo + y))
  return endX >= n && endX - endK >= m ? null : [aLo + endX, bLo + endX - endK]
}

/** Walks the snapshots back from (x, x-k) at edit count d, reporting the diagonal (matched) cells. */
function backtrack(
  snapshots: Int32Array[],
  d: number,
  k: number,
  x: number,
  n: number,
  m: number,
  onMatch: (x: number, y: number) => void,
): void {
  for (; d > 0; d--) {
    const prev = snapshots[d - 1]
    const down = k + 1 <= d - 1 ? prev[k + 1 + d - 1] : -1
    const right = k - 1 >= -(d - 1) && prev[k - 1 + d - 1] >= 0 ? prev[k - 1 + d - 1] + 1 : -1
    const downOk = down >= 0 && down - k <= m
    const rightOk = right >= 0 && right <= n
    const fromDown = downOk && (!rightOk || down >= right)
    const startX = fromDown ? down : right
    for (let sx = x; sx > startX; sx--) onMatch(sx - 1, sx - 1 - k)
    k = fromDown ? k + 1 : k - 1
    x = prev[k + d - 1]
  }
  for (let sx = x; sx > 0; sx--) onMatch(sx - 1, sx - 1 - k)
}
