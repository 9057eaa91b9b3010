/**
 * Posts and patches across a whole file. The SDKs send a run's `post` (inputs, start) and its
 * `patch` (outputs, end, usage) in whichever `/runs/batch` body is due, so a file of bodies kept
 * as JSON Lines often has them on different lines, in either order. The combiner holds each
 * run until its patch arrives (by `id`, or `trace_id` + `dotted_order` when the JS SDK's patch
 * has no id) and hands merged runs to the importer. In the streamed path (`eager`) a run is let
 * go as soon as it has an end time, so only unfinished runs are held; a patch that arrives
 * after its run was let go is imported as a record of its own (the normaliser merges the two).
 */
import type { Combiner, ImportContext } from '../../importer'
import { isObj, str, type Obj } from '../common/values'
import { flattenTree, mergeInto } from './runs'

const dottedKey = (r: Obj): string | undefined => {
  const d = str(r.dotted_order)
  return d ? `${str(r.trace_id) ?? ''}\u0000${d}` : undefined
}

/** Runs (posted whole) and patches in one value of any LangSmith container. */
function recordsOf(value: unknown): { posts: Obj[]; patches: Obj[] } {
  if (Array.isArray(value)) return { posts: flattenTree(value), patches: [] }
  if (!isObj(value)) return { posts: [], patches: [] }
  if (Array.isArray(value.runs)) return { posts: flattenTree(value.runs), patches: [] }
  if (Array.isArray(value.post) || Array.isArray(value.patch)) {
    return {
      posts: flattenTree(Array.isArray(value.post) ? value.post : []),
      patches: (Array.isArray(value.patch) ? value.patch : []).filter(isObj).map((p) => ({ ...p })),
    }
  }
  return { posts: typeof value.run_type === 'string' ? flattenTree([value]) : [], patches: [] }
}

/** Records keyed by id and by trace + dotted order, in arrival order. */
class Held {
  readonly byId = new Map<string, Obj>()
  readonly byDotted = new Map<string, Obj>()
  readonly order = new Set<Obj>()

  add(r: Obj): void {
    const id = str(r.id)
    if (id) this.byId.set(id, r)
    const d = dottedKey(r)
    if (d) this.byDotted.set(d, r)
    this.order.add(r)
  }

  find(r: Obj): Obj | undefined {
    const id = str(r.id)
    const d = dottedKey(r)
    return (id ? this.byId.get(id) : undefined) ?? (d ? this.byDotted.get(d) : undefined)
  }

  remove(r: Obj): void {
    const id = str(r.id)
    if (id && this.byId.get(id) === r) this.byId.delete(id)
    const d = dottedKey(r)
    if (d && this.byDotted.get(d) === r) this.byDotted.delete(d)
    this.order.delete(r)
  }
}

export function langsmithCombiner({ eager }: { eager: boolean }): Combiner {
  const runs = new Held()
  const patches = new Held()

  function release(test: (r: Obj) => boolean): unknown[] {
    const out: Obj[] = []
    for (const r of runs.order) {
      if (!test(r)) continue
      runs.remove(r)
      out.push(r)
    }
    return out.length ? [out] : []
  }

  return {
    push(value: unknown): unknown[] {
      const { posts, patches: ps } = recordsOf(value)
      for (const post of posts) {
        const same = runs.find(post)
        if (same) {
          mergeInto(same, post)
          continue
        }
        runs.add(post)
        // A patch may have come first (bodies are not always kept in the order sent).
        for (let p = patches.find(post); p; p = patches.find(post)) {
          patches.remove(p)
          mergeInto(post, p)
        }
      }
      for (const p of ps) {
        const target = runs.find(p)
        if (target) mergeInto(target, p)
        else patches.add(p)
      }
      return eager ? release((r) => r.end_time != null) : []
    },
    end(ctx: ImportContext): unknown[] {
      const out = release(() => true)
      const alone = [...patches.order]
      if (alone.length) {
        ctx.warn(
          `${alone.length} patch record(s) had no matching post and were imported on their own`,
        )
        out.push(alone)
      }
      return out
    },
  }
}
