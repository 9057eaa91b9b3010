/**
 * The span tree and step order. Parents are resolved by id; a parent id not in the trace makes
 * the span top-level (flagged `orphan`); parent cycles are broken at the earliest span of the
 * cycle. Step order is depth-first, parent before children, siblings by start time, ties by
 * source order. Iterative throughout: traces can be a million spans deep.
 */
import { addFlag, type WorkSpan } from './work-span'
import type { RepairLog } from './repair-log'

export interface TreeResult {
  /** order[step] = index into the spans array. */
  order: Int32Array
  /** parentIndex[step] = step of the parent, -1 for top-level. */
  parentIndex: Int32Array
  depth: Int32Array
}

function resolveParents(spans: WorkSpan[], log: RepairLog): Int32Array {
  const n = spans.length
  const byId = new Map<string, number>()
  for (let i = 0; i < n; i++) byId.set(spans[i].id, i)
  const parent = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    const pid = spans[i].parentId
    if (pid === null) continue
    const p = byId.get(pid)
    if (p === undefined) {
      addFlag(spans[i], 'orphan')
      log.add(
        'orphan',
        `parent ${pid} is not in the file; shown as a top-level span`,
        spans[i].id,
        spans[i].name,
      )
    } else {
      parent[i] = p
    }
  }
  return parent
}

/** Cuts every parent cycle at its earliest span (by start, then source order). */
function breakCycles(spans: WorkSpan[], parent: Int32Array, log: RepairLog): void {
  const n = spans.length
  const state = new Uint8Array(n) // 0 unseen, 1 on the current path, 2 done
  const path: number[] = []
  for (let i = 0; i < n; i++) {
    if (state[i] !== 0) continue
    path.length = 0
    let j = i
    while (j !== -1 && state[j] === 0) {
      state[j] = 1
      path.push(j)
      j = parent[j]
    }
    if (j !== -1 && state[j] === 1) {
      const cycle = path.slice(path.indexOf(j))
      let cut = cycle[0]
      for (const c of cycle) {
        if (spans[c].start < spans[cut].start || (spans[c].start === spans[cut].start && c < cut))
          cut = c
      }
      parent[cut] = -1
      addFlag(spans[cut], 'orphan')
      log.add(
        'cycle',
        `parent links form a cycle of ${cycle.length} span(s); "${spans[cut].name}" made top-level`,
        spans[cut].id,
        spans[cut].name,
      )
    }
    for (const p of path) state[p] = 2
  }
}

/** Resolves parents, breaks cycles and computes step order, parent index and depth. */
export function buildTree(spans: WorkSpan[], log: RepairLog): TreeResult {
  const n = spans.length
  const parent = resolveParents(spans, log)
  breakCycles(spans, parent, log)

  // One global sort by (start, source order); distributing into child lists keeps that order.
  const sorted = new Int32Array(n)
  for (let i = 0; i < n; i++) sorted[i] = i
  sorted.sort((a, b) => spans[a].start - spans[b].start || a - b)

  const childStart = new Int32Array(n + 2)
  for (let i = 0; i < n; i++) childStart[parent[i] + 2]++ // slot 1 = roots, slot p+2 = children of p
  for (let i = 1; i < n + 2; i++) childStart[i] += childStart[i - 1]
  const fillAt = childStart.slice()
  const children = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const i = sorted[k]
    children[fillAt[parent[i] + 1]++] = i
  }
  // children of p (p = -1 for roots) are children[childStart[p+1] .. childStart[p+2])

  const order = new Int32Array(n)
  const stepOf = new Int32Array(n)
  const parentIndex = new Int32Array(n)
  const depth = new Int32Array(n)
  const stack: number[] = []
  for (let k = childStart[1] - 1; k >= childStart[0]; k--) stack.push(children[k])
  let step = 0
  while (stack.length) {
    const i = stack.pop()!
    const p = parent[i]
    order[step] = i
    stepOf[i] = step
    parentIndex[step] = p === -1 ? -1 : stepOf[p]
    depth[step] = p === -1 ? 0 : depth[stepOf[p]] + 1
    step++
    for (let k = childStart[i + 2] - 1; k >= childStart[i + 1]; k--) stack.push(children[k])
  }
  return { order, parentIndex, depth }
}
