/**
 * Typed columns for replay: the API's SpanTable turned once into typed arrays plus the derived
 * structure every replay view needs (subtree ranges, self time, landmarks). All later work is
 * index arithmetic on these arrays, so it costs O(visible) per frame, not O(spans).
 */
import type { SpanTable } from '../api'
import type { BinarySpanTable } from '../span-table-binary'
import { SPAN_KINDS, type SpanKind, type SpanStatus } from '../model'

/** Status codes used by SpanTable.status. */
export const STATUS_OK = 0
export const STATUS_ERROR = 1
export const STATUS_RETRY = 2

export const STATUS_NAMES: readonly SpanStatus[] = ['ok', 'error', 'retry']

export interface ReplayColumns {
  traceId: string
  count: number
  /** Trace start, microseconds since the epoch; `start` is relative to it. */
  origin: number
  start: Float64Array
  duration: Float64Array
  /** Latest end of any span, relative to origin (µs). */
  extent: number
  depth: Int32Array
  parentIndex: Int32Array
  kind: Uint8Array
  status: Uint8Array
  name: Int32Array
  names: string[]
  /** NaN where the source stated nothing. */
  inputTokens: Float64Array
  outputTokens: Float64Array
  cost: Float64Array
  model: Int32Array
  models: string[]
  /** Exclusive end of each span's subtree in step order: descendants of i are (i, subtreeEnd[i]). */
  subtreeEnd: Int32Array
}

const nanIfNull = (values: (number | null)[]): Float64Array => {
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    out[i] = v === null || v === undefined ? NaN : v
  }
  return out
}

/**
 * Replay columns from a table in binary form (what getSpanColumns sends): the typed arrays are
 * used as they are; only the extent and the subtree ranges are computed (O(n), once per trace).
 */
export function replayColumnsFromBinary(b: BinarySpanTable): ReplayColumns {
  let extent = 0
  for (let i = 0; i < b.count; i++) {
    const end = b.start[i] + b.duration[i]
    if (end > extent) extent = end
  }
  return { ...b, extent, subtreeEnd: computeSubtreeEnd(b.parentIndex) }
}

/** Converts the API's SpanTable into typed replay columns (O(n), done once per trace). */
export function toReplayColumns(table: SpanTable): ReplayColumns {
  const n = table.count
  const start = Float64Array.from(table.start)
  const duration = Float64Array.from(table.duration)
  const parentIndex = Int32Array.from(table.parentIndex)
  let extent = 0
  for (let i = 0; i < n; i++) {
    const end = start[i] + duration[i]
    if (end > extent) extent = end
  }
  return {
    traceId: table.traceId,
    count: n,
    origin: table.origin,
    start,
    duration,
    extent,
    depth: Int32Array.from(table.depth),
    parentIndex,
    kind: Uint8Array.from(table.kind),
    status: Uint8Array.from(table.status),
    name: Int32Array.from(table.name),
    names: table.names,
    inputTokens: nanIfNull(table.inputTokens),
    outputTokens: nanIfNull(table.outputTokens),
    cost: nanIfNull(table.cost),
    model: Int32Array.from(table.model),
    models: table.models,
    subtreeEnd: computeSubtreeEnd(parentIndex),
  }
}

/**
 * Subtree ranges from parent indices. Step order is depth-first with parents before children,
 * so each subtree is contiguous; walking backwards lets every span extend its parent's range.
 */
export function computeSubtreeEnd(parentIndex: ArrayLike<number>): Int32Array {
  const n = parentIndex.length
  const end = new Int32Array(n)
  for (let i = 0; i < n; i++) end[i] = i + 1
  for (let i = n - 1; i >= 0; i--) {
    const p = parentIndex[i]
    if (p >= 0 && p < i && end[i] > end[p]) end[p] = end[i]
  }
  return end
}

export const spanName = (c: ReplayColumns, i: number): string => c.names[c.name[i]] ?? ''
export const spanKind = (c: ReplayColumns, i: number): SpanKind => SPAN_KINDS[c.kind[i]] ?? 'span'

/** Input + output tokens of a span, or NaN when it states neither. */
export function spanTokens(c: ReplayColumns, i: number): number {
  const a = c.inputTokens[i]
  const b = c.outputTokens[i]
  if (Number.isNaN(a) && Number.isNaN(b)) return NaN
  return (Number.isNaN(a) ? 0 : a) + (Number.isNaN(b) ? 0 : b)
}

export const hasChildren = (c: ReplayColumns, i: number): boolean => c.subtreeEnd[i] > i + 1
