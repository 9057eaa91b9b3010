/**
 * Builds SpanTables from a small nested description, for tests and benchmarks of replay logic
 * (the real tables come from the library via getSpanTable). Children are laid out in step order:
 * depth-first, parent before children, siblings by start.
 */
import type { SpanTable } from '../api'
import { SPAN_KINDS, type SpanKind } from '../model'

export interface SpanSpec {
  name: string
  kind?: SpanKind
  status?: 'ok' | 'error' | 'retry'
  /** Start offset from the trace start, ms. */
  startMs: number
  durationMs: number
  inputTokens?: number
  outputTokens?: number
  cost?: number
  model?: string
  children?: SpanSpec[]
}

/** A SpanTable (times in µs) for the given top-level spans. */
export function spanTableOf(
  roots: SpanSpec[],
  traceId = 't1',
  origin = 1_700_000_000_000_000,
): SpanTable {
  const t: SpanTable = {
    traceId,
    count: 0,
    origin,
    start: [],
    duration: [],
    depth: [],
    parentIndex: [],
    kind: [],
    status: [],
    name: [],
    names: [],
    inputTokens: [],
    outputTokens: [],
    cost: [],
    model: [],
    models: [],
  }
  const nameIds = new Map<string, number>()
  const modelIds = new Map<string, number>()
  const intern = (map: Map<string, number>, list: string[], s: string): number => {
    let id = map.get(s)
    if (id === undefined) {
      id = list.length
      list.push(s)
      map.set(s, id)
    }
    return id
  }
  const visit = (spec: SpanSpec, parent: number, depth: number): void => {
    const i = t.count++
    t.start.push(Math.round(spec.startMs * 1000))
    t.duration.push(Math.round(spec.durationMs * 1000))
    t.depth.push(depth)
    t.parentIndex.push(parent)
    t.kind.push(SPAN_KINDS.indexOf(spec.kind ?? 'span'))
    t.status.push(spec.status === 'error' ? 1 : spec.status === 'retry' ? 2 : 0)
    t.name.push(intern(nameIds, t.names, spec.name))
    t.inputTokens.push(spec.inputTokens ?? null)
    t.outputTokens.push(spec.outputTokens ?? null)
    t.cost.push(spec.cost ?? null)
    t.model.push(spec.model ? intern(modelIds, t.models, spec.model) : -1)
    const kids = [...(spec.children ?? [])].sort((a, b) => a.startMs - b.startMs)
    for (const k of kids) visit(k, i, depth + 1)
  }
  for (const r of [...roots].sort((a, b) => a.startMs - b.startMs)) visit(r, -1, 0)
  return t
}
