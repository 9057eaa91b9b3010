/**
 * Builds a CompareSide from span-like records in step order — for tests, benchmarks and callers
 * that hold whole spans rather than a SpanTable.
 */
import { SPAN_KINDS, type SpanKind, type SpanStatus } from '../model'
import type { CompareSide } from './side'

export interface SpanLike {
  name: string
  kind?: SpanKind
  /** Step-order index of the parent, -1 or absent for a top-level span. */
  parentIndex?: number
  status?: SpanStatus
  model?: string | null
  /** Microseconds. */
  duration?: number
  inputTokens?: number | null
  outputTokens?: number | null
  cost?: number | null
  /** Fingerprints (or the content itself) of the input and output. */
  inputHash?: string | null
  outputHash?: string | null
}

const STATUS_CODE: Record<SpanStatus, number> = { ok: 0, error: 1, retry: 2 }

/** Columns of `spans`; spans must be in step order (parents before children). */
export function sideFromSpans(spans: readonly SpanLike[]): CompareSide {
  const n = spans.length
  const names: string[] = []
  const nameIds = new Map<string, number>()
  const models: string[] = []
  const modelIds = new Map<string, number>()
  const intern = (table: string[], ids: Map<string, number>, v: string): number => {
    let id = ids.get(v)
    if (id === undefined) {
      id = table.length
      table.push(v)
      ids.set(v, id)
    }
    return id
  }
  const side = {
    count: n,
    parentIndex: new Int32Array(n),
    depth: new Int32Array(n),
    kind: new Int32Array(n),
    status: new Int32Array(n),
    name: new Int32Array(n),
    names,
    model: new Int32Array(n),
    models,
    duration: new Float64Array(n),
    inputTokens: new Array<number | null>(n),
    outputTokens: new Array<number | null>(n),
    cost: new Array<number | null>(n),
    inputHash: new Array<string | null>(n),
    outputHash: new Array<string | null>(n),
  }
  for (let i = 0; i < n; i++) {
    const s = spans[i]
    const p = s.parentIndex ?? -1
    if (p >= i)
      throw new Error(`span ${i} ("${s.name}") comes before its parent ${p}: not in step order`)
    side.parentIndex[i] = p
    side.depth[i] = p >= 0 ? side.depth[p] + 1 : 0
    side.kind[i] = SPAN_KINDS.indexOf(s.kind ?? 'span')
    side.status[i] = STATUS_CODE[s.status ?? 'ok']
    side.name[i] = intern(names, nameIds, s.name)
    side.model[i] = s.model ? intern(models, modelIds, s.model) : -1
    side.duration[i] = s.duration ?? 0
    side.inputTokens[i] = s.inputTokens ?? null
    side.outputTokens[i] = s.outputTokens ?? null
    side.cost[i] = s.cost ?? null
    side.inputHash[i] = s.inputHash ?? null
    side.outputHash[i] = s.outputHash ?? null
  }
  return side
}
