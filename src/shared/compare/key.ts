/**
 * Structural keys: a span's key is its kind, its name and the names on the path from the root
 * (names as `matchName` gives them, i.e. without the span's own model name in them),
 * plus whether it is a failed attempt that was retried — so a run that retried aligns its final
 * attempt with the other run's call, and the extra attempt shows as a gap.
 * Keys are interned to small integers shared by both traces, so the sequence alignment compares
 * numbers, and equal integers mean equal keys. Work is O(n) with short strings: a path is interned
 * as (id of the parent's path, name), never built as a long string.
 */
import type { CompareSide } from './side'
import { matchName } from './side'

const RETRY = 2 // status code of a failed attempt that a later sibling retried

/** Interns structural keys of several traces into one shared integer space. */
export class KeyInterner {
  private readonly paths = new Map<string, number>()
  private readonly keys = new Map<string, number>()

  /** Number of distinct keys handed out so far (keys are 0 … size-1). */
  get size(): number {
    return this.keys.size
  }

  /** The structural key of every span of `side`, in step order. */
  keysOf(side: CompareSide): Int32Array {
    const n = side.count
    const path = new Int32Array(n)
    const out = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const p = side.parentIndex[i]
      const parentPath = p >= 0 && p < i ? path[p] : -1
      const pathKey = `${parentPath}\u0000${matchName(side, i)}`
      let pid = this.paths.get(pathKey)
      if (pid === undefined) {
        pid = this.paths.size
        this.paths.set(pathKey, pid)
      }
      path[i] = pid
      const key = `${pid}\u0000${side.kind[i]}\u0000${side.status[i] === RETRY ? 'r' : ''}`
      let kid = this.keys.get(key)
      if (kid === undefined) {
        kid = this.keys.size
        this.keys.set(key, kid)
      }
      out[i] = kid
    }
    return out
  }
}

/** Structural keys of two traces in one shared space. */
export function structuralKeys(
  a: CompareSide,
  b: CompareSide,
): { a: Int32Array; b: Int32Array; size: number } {
  const interner = new KeyInterner()
  const ka = interner.keysOf(a)
  const kb = interner.keysOf(b)
  return { a: ka, b: kb, size: interner.size }
}
