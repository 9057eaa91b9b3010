/**
 * The normaliser: raw traces from any importer → the one model of DESIGN.md. Pure (no I/O):
 * step order, parent index and depth, retries, trace status, repairs (listed in the report,
 * never silent), totals without double counting roll-ups, stated or estimated cost, models,
 * trace name and a stable trace id.
 *
 * `planTrace` works on structural fields only (`WorkSpan`), so the streaming pipeline can
 * normalise a trace whose payloads are staged on disk; `normaliseTrace` is the in-memory form.
 */
import { createHash } from 'node:crypto'
import type {
  Json,
  NormalisedTrace,
  RawTrace,
  Span,
  SpanStatus,
  Trace,
  TraceReport,
  TraceStatus,
} from '../../../../shared/model'
import { estimateCost, type PriceTable } from '../../pricing/price-table'
import { boundCost, boundEstimate, boundWork, implausibleStart } from './bounds'
import { dedupeSpans } from './dedupe'
import { RepairLog } from './repair-log'
import { buildTree } from './tree'
import { addFlag, toWorkSpan, type WorkSpan } from './work-span'

export interface NormaliseContext {
  format: string
  file: string
  fileHash: string
  prices: PriceTable
}

/** Trace-level fields of a raw trace (everything but the spans). */
export type TraceMeta = Omit<RawTrace, 'spans'>

/** A normalised trace without payloads, plus where each step's payloads come from. */
export interface TracePlan {
  trace: Trace
  /** Spans in step order; attributes/events/input/output/error are not filled in. */
  spans: Span[]
  report: TraceReport
  /** src[step] = index of the raw span (arrival order) whose payloads the step shows. */
  src: Int32Array
}

/** Stable trace id: the same file content and source trace id always give the same id. */
export function traceIdFor(fileHash: string, sourceTraceId: string): string {
  return createHash('sha256')
    .update(fileHash)
    .update('\0')
    .update(sourceTraceId)
    .digest('hex')
    .slice(0, 32)
}

/** Merges raw traces that share a source trace id (spans of one trace split across documents). */
export function mergeRawTraces(raws: RawTrace[]): RawTrace[] {
  const byId = new Map<string, RawTrace>()
  for (const raw of raws) {
    const have = byId.get(raw.sourceTraceId)
    if (!have) {
      byId.set(raw.sourceTraceId, { ...copyMeta(raw), spans: [...raw.spans] })
      continue
    }
    for (const s of raw.spans) have.spans.push(s)
    mergeMeta(have, raw)
  }
  return [...byId.values()]
}

/** Trace-level fields of a raw trace, with its own copies of the mutable parts. */
export function copyMeta(raw: TraceMeta): TraceMeta {
  const { spans: _spans, ...meta } = raw as RawTrace
  if (meta.attributes) meta.attributes = { ...meta.attributes }
  if (meta.tags) meta.tags = [...meta.tags]
  return meta
}

/** Fills trace-level fields missing in `into` (a copy from `copyMeta`) from `from`; first value wins. */
export function mergeMeta(into: TraceMeta, from: TraceMeta): void {
  into.name ??= from.name
  into.sessionId ??= from.sessionId
  into.userId ??= from.userId
  into.environment ??= from.environment
  into.project ??= from.project
  into.cost ??= from.cost
  if (from.tags?.length) {
    into.tags ??= []
    for (const t of from.tags) if (!into.tags.includes(t)) into.tags.push(t)
  }
  if (from.attributes && from.attributes !== into.attributes) {
    into.attributes ??= {}
    for (const k in from.attributes)
      if (!(k in into.attributes)) into.attributes[k] = from.attributes[k]
  }
}

/**
 * Clock skew up to this many microseconds is not reported: SDKs stamp a parent's end and a
 * child's end (or a span's start and end) from different clocks or at different moments, and
 * differences below a millisecond are artefacts of that, not something a user should act on.
 * A span that ends before it starts by less than this still gets a zero duration, silently.
 */
export const SKEW_TOLERANCE_US = 1000

function fixTimes(spans: WorkSpan[], log: RepairLog): void {
  let minStart = Infinity
  for (const s of spans) if (Number.isFinite(s.start) && s.start < minStart) minStart = s.start
  if (!Number.isFinite(minStart)) minStart = 0
  for (const s of spans) {
    if (!Number.isFinite(s.start)) {
      s.start = s.end !== null ? s.end : minStart
      log.warn(
        `span "${s.name}" (${s.id}) has no start time; placed at ${s.end !== null ? 'its end' : 'the trace start'}`,
      )
    }
    if (s.end !== null && s.end < s.start && s.start - s.end <= SKEW_TOLERANCE_US) {
      s.end = s.start
    } else if (s.end !== null && s.end < s.start) {
      addFlag(s, 'clock-skew')
      log.add(
        'clock-skew',
        `span ends ${s.start - s.end} µs before it starts; duration set to 0`,
        s.id,
        s.name,
      )
      s.end = s.start
    }
  }
}

function statuses(
  spans: Span[],
  failed: Uint8Array,
  targets: string[],
): { status: TraceStatus; errors: number; retries: number } {
  // Reverse step order visits each parent's children last-to-first: a failed span is a retry when
  // a later sibling repeats the same operation: same name, kind and target (the HTTP URL or
  // route, tool and arguments, model and input — whatever the format records; see work-span.ts).
  const laterKeys = new Map<number, Set<string>>()
  let errors = 0
  let retries = 0
  let unrecovered = 0
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]
    const key = `${s.kind}\0${s.name}\0${targets[i]}`
    let seen = laterKeys.get(s.parentIndex)
    if (!seen) laterKeys.set(s.parentIndex, (seen = new Set()))
    let status: SpanStatus = 'ok'
    if (failed[i]) {
      errors++
      if (seen.has(key)) {
        status = 'retry'
        retries++
      } else {
        status = 'error'
        unrecovered++
      }
    }
    seen.add(key)
    s.status = status
    laterKeys.delete(i) // children of i were all visited before i in reverse order
  }
  const status: TraceStatus = unrecovered > 0 ? 'error' : retries > 0 ? 'warning' : 'ok'
  return { status, errors, retries }
}

/** Normalises one trace from structural span fields (payloads stay wherever they are). */
export function planWork(meta: TraceMeta, work: WorkSpan[], ctx: NormaliseContext): TracePlan {
  const log = new RepairLog()
  boundWork(work, log)
  fixTimes(work, log)
  const spansW = dedupeSpans(work, log)
  const { order, parentIndex, depth } = buildTree(spansW, log)
  const n = spansW.length

  // Ends: a missing end extends to the latest end among the span's children (else zero length).
  const ends = new Float64Array(n)
  const childMaxEnd = new Float64Array(n).fill(-Infinity)
  for (let i = n - 1; i >= 0; i--) {
    const w = spansW[order[i]]
    let end = w.end
    if (end === null) {
      end = Math.max(w.start, childMaxEnd[i])
      if (w.kind !== 'event') {
        addFlag(w, 'missing-end')
        log.add(
          'missing-end',
          'span has no end time; shown ending with its last child (or zero length)',
          w.id,
          w.name,
        )
      }
    }
    ends[i] = end
    const p = parentIndex[i]
    if (p >= 0 && end > childMaxEnd[p]) childMaxEnd[p] = end
  }

  const spans: Span[] = new Array(n)
  const failed = new Uint8Array(n)
  const targets: string[] = new Array(n)
  const src = new Int32Array(n)
  let traceStart = Infinity
  let traceEnd = -Infinity
  for (let i = 0; i < n; i++) {
    const w = spansW[order[i]]
    const p = parentIndex[i]
    if (
      p >= 0 &&
      (w.start < spans[p].start - SKEW_TOLERANCE_US || ends[i] > ends[p] + SKEW_TOLERANCE_US)
    ) {
      addFlag(w, 'clock-skew')
      log.add(
        'clock-skew',
        `span runs outside its parent "${spans[p].name}"`,
        w.id,
        w.name,
        true,
      )
    }
    const s: Span = {
      index: i,
      id: w.id,
      parentId: w.parentId,
      parentIndex: p,
      depth: depth[i],
      name: w.name,
      kind: w.kind,
      status: 'ok',
      start: w.start,
      duration: ends[i] - w.start,
      attributes: {},
      events: [],
    }
    if (w.service !== undefined) s.service = w.service
    if (w.model !== undefined) s.model = w.model
    if (w.provider !== undefined) s.provider = w.provider
    if (w.inputTokens !== undefined) s.inputTokens = w.inputTokens
    if (w.outputTokens !== undefined) s.outputTokens = w.outputTokens
    if (w.cost !== undefined) s.cost = w.cost
    else {
      const est = boundEstimate(estimateCost(ctx.prices, w.model, w.inputTokens, w.outputTokens))
      if (est !== undefined) {
        s.cost = est
        s.costEstimated = true
      }
    }
    if (w.flags) s.flags = w.flags
    spans[i] = s
    failed[i] = w.failed ? 1 : 0
    targets[i] = w.target
    src[i] = w.src
    if (w.start < traceStart) traceStart = w.start
    if (ends[i] > traceEnd) traceEnd = ends[i]
  }

  const { status, errors, retries } = statuses(spans, failed, targets)

  // Totals: only spans with no usage-bearing descendant count, so roll-ups are not added twice.
  const hasUsageBelow = new Uint8Array(n)
  let inputTokens = 0
  let outputTokens = 0
  let cost = 0
  let costEstimated = false
  for (let i = n - 1; i >= 0; i--) {
    const s = spans[i]
    const bearing =
      s.inputTokens !== undefined ||
      s.outputTokens !== undefined ||
      (s.cost !== undefined && !s.costEstimated)
    if (bearing && !hasUsageBelow[i]) {
      inputTokens += s.inputTokens ?? 0
      outputTokens += s.outputTokens ?? 0
      if (s.cost !== undefined) {
        cost += s.cost
        if (s.costEstimated) costEstimated = true
      }
    }
    const p = s.parentIndex
    if (p >= 0 && (bearing || hasUsageBelow[i])) hasUsageBelow[p] = 1
  }
  const statedCost = boundCost(meta.cost, log)
  if (statedCost !== undefined) {
    cost = statedCost
    costEstimated = false
  }

  const models: string[] = []
  const seenModels = new Set<string>()
  for (const s of spans) {
    if (s.model && !seenModels.has(s.model)) {
      seenModels.add(s.model)
      models.push(s.model)
    }
  }

  const odd = n ? implausibleStart(traceStart) : null
  if (odd) log.warn(odd)
  log.finish()
  const id = traceIdFor(ctx.fileHash, meta.sourceTraceId)
  const trace: Trace = {
    id,
    sourceTraceId: meta.sourceTraceId,
    name: meta.name || spans[0]?.name || meta.sourceTraceId,
    source: { format: ctx.format, file: ctx.file, fileHash: ctx.fileHash },
    tags: meta.tags ?? [],
    start: n ? traceStart : 0,
    duration: n ? traceEnd - traceStart : 0,
    status,
    spanCount: n,
    errorCount: errors,
    retryCount: retries,
    inputTokens,
    outputTokens,
    cost,
    costEstimated,
    models,
    attributes: (meta.attributes ?? {}) as Record<string, Json>,
  }
  if (meta.sessionId !== undefined) trace.sessionId = meta.sessionId
  if (meta.userId !== undefined) trace.userId = meta.userId
  if (meta.environment !== undefined) trace.environment = meta.environment
  if (meta.project !== undefined) trace.project = meta.project
  return {
    trace,
    spans,
    report: { traceId: id, repairs: log.repairs, warnings: log.warnings, counts: log.totals },
    src,
  }
}

/** Trace-level fields of a raw trace, with session and user taken from spans when the trace has none. */
export function traceMeta(raw: RawTrace): TraceMeta {
  const { spans, ...meta } = raw
  if (meta.sessionId === undefined) meta.sessionId = spans.find((s) => s.sessionId)?.sessionId
  if (meta.userId === undefined) meta.userId = spans.find((s) => s.userId)?.userId
  if (meta.sessionId === undefined) delete meta.sessionId
  if (meta.userId === undefined) delete meta.userId
  return meta
}

/** Normalises one raw trace held in memory, payloads included. */
export function normaliseTrace(raw: RawTrace, ctx: NormaliseContext): NormalisedTrace {
  const plan = planWork(traceMeta(raw), raw.spans.map(toWorkSpan), ctx)
  for (let i = 0; i < plan.spans.length; i++) {
    const r = raw.spans[plan.src[i]]
    const s = plan.spans[i]
    if (r.input !== undefined) s.input = r.input
    if (r.output !== undefined) s.output = r.output
    if (r.error !== undefined) s.error = r.error
    if (r.attributes) s.attributes = r.attributes
    if (r.events) s.events = r.events
  }
  return { trace: plan.trace, spans: plan.spans, report: plan.report }
}

/** Merges traces split across documents, then normalises each (empty traces are skipped). */
export function normaliseTraces(raws: RawTrace[], ctx: NormaliseContext): NormalisedTrace[] {
  return mergeRawTraces(raws)
    .filter((r) => r.spans.length > 0)
    .map((r) => normaliseTrace(r, ctx))
}
