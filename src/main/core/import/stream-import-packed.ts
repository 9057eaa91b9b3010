/**
 * A streamed import keeps every span's structure in memory from the end of the first pass until
 * the commit has written it. As objects that is ~450 bytes a span (an object with a property
 * array, boxed numbers, empty attributes and events); packed into columns — typed arrays for
 * numbers, shared strings for names, models and kinds — it is about a quarter of that, which is
 * what bounds the peak memory of a gigabyte import.
 */
import type { Span, SpanFlag, SpanKind, SpanStatus } from '../../../shared/model'
import type { SpanColumns } from '../store/span-table'

/** Returns one shared copy of each distinct string (names, models, … repeat span after span). */
export function stringInterner(): <T extends string | undefined>(s: T) => T {
  const seen = new Map<string, string>()
  return <T extends string | undefined>(s: T): T => {
    if (s === undefined) return s
    const have = seen.get(s)
    if (have !== undefined) return have as T
    seen.set(s, s)
    return s
  }
}

/** NaN marks "absent" in the numeric columns (their values are finite when present). */
const none = (n: number | undefined): number => (n === undefined ? NaN : n)
const some = (n: number): number | undefined => (Number.isNaN(n) ? undefined : n)

/** The spans of one trace (step order, no payloads) as columns. */
export class PackedSpans {
  readonly count: number
  private readonly id: string[]
  /** null: top-level; undefined: the id of the span at parentIndex (not stored twice). */
  private readonly parentId: (string | null | undefined)[]
  private readonly parentIndex: Int32Array
  private readonly depth: Int32Array
  private readonly name: string[]
  private readonly kind: SpanKind[]
  private readonly status: SpanStatus[]
  private readonly start: Float64Array
  private readonly duration: Float64Array
  private readonly service: (string | undefined)[]
  private readonly model: (string | undefined)[]
  private readonly provider: (string | undefined)[]
  private readonly inputTokens: Float64Array
  private readonly outputTokens: Float64Array
  private readonly cost: Float64Array
  private readonly costEstimated: Uint8Array
  private readonly flags = new Map<number, SpanFlag[]>()

  constructor(spans: readonly Span[], intern: ReturnType<typeof stringInterner>) {
    const n = spans.length
    this.count = n
    this.id = new Array(n)
    this.parentId = new Array(n)
    this.parentIndex = new Int32Array(n)
    this.depth = new Int32Array(n)
    this.name = new Array(n)
    this.kind = new Array(n)
    this.status = new Array(n)
    this.start = new Float64Array(n)
    this.duration = new Float64Array(n)
    this.service = new Array(n)
    this.model = new Array(n)
    this.provider = new Array(n)
    this.inputTokens = new Float64Array(n)
    this.outputTokens = new Float64Array(n)
    this.cost = new Float64Array(n)
    this.costEstimated = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      const s = spans[i]
      this.id[i] = s.id
      const p = s.parentIndex
      this.parentId[i] = p >= 0 && s.parentId === spans[p].id ? undefined : s.parentId
      this.parentIndex[i] = p
      this.depth[i] = s.depth
      this.name[i] = intern(s.name)
      this.kind[i] = intern(s.kind)
      this.status[i] = s.status
      this.start[i] = s.start
      this.duration[i] = s.duration
      this.service[i] = intern(s.service)
      this.model[i] = intern(s.model)
      this.provider[i] = intern(s.provider)
      this.inputTokens[i] = none(s.inputTokens)
      this.outputTokens[i] = none(s.outputTokens)
      this.cost[i] = none(s.cost)
      this.costEstimated[i] = s.costEstimated ? 1 : 0
      if (s.flags?.length) this.flags.set(i, s.flags)
    }
  }

  /** Span `i` as an object again (payload fields empty), for the writer. */
  span(i: number): Span {
    const p = this.parentIndex[i]
    const parentId = this.parentId[i]
    const s: Span = {
      index: i,
      id: this.id[i],
      parentId: parentId === undefined ? this.id[p] : parentId,
      parentIndex: p,
      depth: this.depth[i],
      name: this.name[i],
      kind: this.kind[i],
      status: this.status[i],
      start: this.start[i],
      duration: this.duration[i],
      attributes: {},
      events: [],
    }
    const service = this.service[i]
    const model = this.model[i]
    const provider = this.provider[i]
    if (service !== undefined) s.service = service
    if (model !== undefined) s.model = model
    if (provider !== undefined) s.provider = provider
    const inputTokens = some(this.inputTokens[i])
    const outputTokens = some(this.outputTokens[i])
    const cost = some(this.cost[i])
    if (inputTokens !== undefined) s.inputTokens = inputTokens
    if (outputTokens !== undefined) s.outputTokens = outputTokens
    if (cost !== undefined) s.cost = cost
    if (this.costEstimated[i]) s.costEstimated = true
    const flags = this.flags.get(i)
    if (flags) s.flags = flags
    return s
  }

  /** The columns the trace's span table is built from. */
  columns(): SpanColumns {
    const n = this.count
    const nullable = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v))
    return {
      start: Array.from(this.start),
      duration: Array.from(this.duration),
      depth: Array.from(this.depth),
      parentIndex: Array.from(this.parentIndex),
      kind: this.kind.slice(0, n),
      status: this.status.slice(0, n),
      name: this.name.slice(0, n),
      inputTokens: nullable(this.inputTokens),
      outputTokens: nullable(this.outputTokens),
      cost: nullable(this.cost),
      model: Array.from(this.model, (m) => m ?? null),
    }
  }
}
