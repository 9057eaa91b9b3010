/**
 * Gathering LangSmith runs from any container into one flat list with ids, parents and trace
 * ids resolved: bare arrays, `{runs}`, `child_runs` trees, and ingest batches `{post, patch}`
 * where each patch is merged into its post (by `id`, or — the JS SDK omits it — by `trace_id` +
 * `dotted_order`).
 */
import { isObj, str, type Obj } from '../common/values'

/** `YYYYMMDDTHHMMSSffffffZ<run id>` segments joined by `.`; the run id of each, in order. */
export function dottedIds(dotted: unknown): string[] {
  if (typeof dotted !== 'string' || dotted === '') return []
  return dotted.split('.').map((seg) => /^\d{8}T\d{6,}Z(.+)$/.exec(seg)?.[1] ?? '')
}

/** Flattens `child_runs` trees; children get their parent's id when they do not state one. */
export function flattenTree(runs: unknown[], out: Obj[] = [], parent?: string, depth = 0): Obj[] {
  for (const r of runs) {
    if (!isObj(r)) continue
    const { child_runs: children, ...run } = r
    if (parent && run.parent_run_id == null) run.parent_run_id = parent
    out.push(run)
    if (Array.isArray(children) && depth < 1000) flattenTree(children, out, str(run.id), depth + 1)
  }
  return out
}

export function mergeInto(post: Obj, patch: Obj): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null) continue
    const old = post[k]
    if (k === 'extra' && isObj(old) && isObj(v)) {
      post.extra = {
        ...old,
        ...v,
        metadata: {
          ...(isObj(old.metadata) ? old.metadata : {}),
          ...(isObj(v.metadata) ? v.metadata : {}),
        },
      }
    } else if (k === 'events' && Array.isArray(old) && Array.isArray(v))
      post.events = [...old, ...v]
    else if (
      (k === 'outputs' || k === 'inputs') &&
      isObj(old) &&
      isObj(v) &&
      Object.keys(v).length === 0
    )
      continue
    else post[k] = v
  }
}

/** Merges each patch into its post; patches with no matching post are kept as runs of their own. */
export function mergeBatches(
  posts: unknown[],
  patches: unknown[],
): { runs: Obj[]; unmatched: number } {
  const runs = flattenTree(posts)
  const byId = new Map<string, Obj>()
  const byDotted = new Map<string, Obj>()
  for (const r of runs) {
    const id = str(r.id)
    if (id) byId.set(id, r)
    const d = str(r.dotted_order)
    if (d) byDotted.set(`${str(r.trace_id) ?? ''}\u0000${d}`, r)
  }
  let unmatched = 0
  for (const p of patches) {
    if (!isObj(p)) continue
    const id = str(p.id)
    const d = str(p.dotted_order)
    const target =
      (id ? byId.get(id) : undefined) ??
      (d ? byDotted.get(`${str(p.trace_id) ?? ''}\u0000${d}`) : undefined)
    if (target) mergeInto(target, p)
    else {
      unmatched++
      runs.push({ ...p })
    }
  }
  return { runs, unmatched }
}

/**
 * Fills missing ids, parents and trace ids: the parent from `dotted_order` when
 * `parent_run_id` is absent; the trace from `trace_id`, else the root reached by walking
 * parents (the first `dotted_order` segment, or the root run's own id).
 */
export function resolveIds(runs: Obj[]): void {
  runs.forEach((r, i) => {
    const chain = dottedIds(r.dotted_order)
    if (!str(r.id)) r.id = chain[chain.length - 1] || `run-${i}`
    if (r.parent_run_id == null && chain.length >= 2 && chain[chain.length - 2])
      r.parent_run_id = chain[chain.length - 2]
  })
  const byId = new Map(runs.map((r) => [str(r.id)!, r]))
  // Root of each run, memoised: a deep chain of parents is walked once, not once per run.
  const rootOf = new Map<Obj, Obj>()
  const findRoot = (start: Obj): Obj => {
    const path: Obj[] = []
    let cur = start
    const seen = new Set<Obj>()
    while (!rootOf.has(cur) && !seen.has(cur)) {
      seen.add(cur)
      path.push(cur)
      const parent = byId.get(str(cur.parent_run_id) ?? '')
      if (!parent || str(parent.trace_id)) {
        if (parent) rootOf.set(cur, parent)
        break
      }
      cur = parent
    }
    const root = rootOf.get(cur) ?? cur
    for (const p of path) rootOf.set(p, root)
    return root
  }
  for (const r of runs) {
    if (str(r.trace_id)) continue
    const first = dottedIds(r.dotted_order)[0]
    if (first) {
      r.trace_id = first
      continue
    }
    const root = findRoot(r)
    r.trace_id = str(root.trace_id) ?? str(root.id)
  }
}
