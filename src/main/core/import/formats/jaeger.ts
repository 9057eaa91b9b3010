/**
 * Jaeger UI JSON ("Download JSON", `GET /api/traces/{id}`): `{data:[trace…]}` or a bare trace
 * object (also an array of them); each trace is `{traceID, spans, processes}`. Also a bare array
 * of spans that embed their `process` (Jaeger's anonymizer output, storage documents).
 *
 * Mapping: `traceID` → trace (lower-cased); `spanID` → span id; the parent is the first
 * `CHILD_OF` reference inside the same trace, else the first same-trace reference (a
 * `FOLLOWS_FROM` parent is marked with attribute `jaeger.follows_from`), else the legacy
 * `parentSpanID`; the other references (to other traces, or extra parents) are kept as attribute
 * `jaeger.references`. A span without `startTime` is kept for the normaliser to place.
 * `startTime`/`duration` are microseconds. `processes[processID].serviceName` → service, the
 * process tags → attributes (span tags win). Tags keep their type: int64 given as a string
 * becomes a number only when it is a safe integer, otherwise it stays an exact string. `logs`
 * → events (name from the `event` field). Failed: tag `error=true` or `otel.status_code=ERROR`;
 * the message, type and stack come from `otel.status_description` and the error log fields.
 * LLM data (`gen_ai.*`, OpenInference, Traceloop tags) is read through the shared conventions.
 * Duplicate span ids are left to the normaliser, which merges or renames them and reports it.
 */
import type { Json, RawSpan, RawTrace, SpanError, SpanEvent } from '../../../../shared/model'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { applyLlmConventions } from './common/llm'
import { arr, isObj, num, str, type Obj } from './common/values'

function isTrace(v: unknown): v is Obj {
  return isObj(v) && v.traceID !== undefined && Array.isArray(v.spans) && isObj(v.processes)
}

/** A span of Jaeger's JSON model on its own, with its `process` embedded (no `processes` map). */
function isLooseSpan(v: unknown): v is Obj {
  return (
    isObj(v) &&
    typeof v.traceID === 'string' &&
    typeof v.spanID === 'string' &&
    typeof v.operationName === 'string' &&
    v.spans === undefined
  )
}

/** Groups loose spans into trace objects by `traceID`, in order of first appearance. */
function groupSpans(spans: unknown[]): Obj[] {
  const byTrace = new Map<string, Obj[]>()
  for (const s of spans) {
    if (!isLooseSpan(s)) continue
    const id = String(s.traceID).toLowerCase()
    const list = byTrace.get(id) ?? []
    list.push(s)
    byTrace.set(id, list)
  }
  return [...byTrace].map(([traceID, list]) => ({ traceID, spans: list, processes: {} }))
}

function tracesOf(value: unknown): unknown[] | undefined {
  if (isObj(value) && Array.isArray(value.data)) return value.data
  if (isTrace(value)) return [value]
  if (Array.isArray(value) && value.length > 0 && isLooseSpan(value[0])) return groupSpans(value)
  if (Array.isArray(value)) return value
  return undefined
}

function detectEnvelope(value: unknown): string | null {
  if (
    isObj(value) &&
    Array.isArray(value.data) &&
    value.data.length > 0 &&
    value.data.slice(0, 4).every(isTrace)
  ) {
    return 'data[] holds traces with traceID, spans and processes (Jaeger UI)'
  }
  return null
}

function detectTrace(value: unknown): string | null {
  return isTrace(value) ? 'object with traceID, spans and processes (Jaeger trace)' : null
}

function detectArray(value: unknown): string | null {
  if (Array.isArray(value) && value.length > 0 && value.slice(0, 4).every(isTrace)) {
    return 'array of traces with traceID, spans and processes (Jaeger)'
  }
  return null
}

function detectSpans(value: unknown): string | null {
  if (Array.isArray(value) && value.length > 0 && value.slice(0, 4).every(isLooseSpan)) {
    return 'array of spans with traceID, spanID and operationName (Jaeger spans, process embedded)'
  }
  return null
}

interface TagState {
  lostPrecision: number
}

/** One Jaeger tag value in its declared type. */
function tagValue(tag: Obj, st: TagState): Json {
  const v = tag.value
  const type = typeof tag.type === 'string' ? tag.type.toLowerCase() : ''
  if (type === 'int64') {
    if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) {
      const n = Number(v)
      return Number.isSafeInteger(n) ? n : v.trim()
    }
    if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) st.lostPrecision++
  }
  if (type === 'float64' && typeof v === 'string') return num(v) ?? v
  if (type === 'bool' && typeof v === 'string')
    return v === 'true' ? true : v === 'false' ? false : v
  if (v === undefined) return null
  return v as Json
}

function tagsToAttrs(tags: unknown, st: TagState): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const t of arr(tags) ?? []) {
    if (isObj(t) && typeof t.key === 'string') out[t.key] = tagValue(t, st)
  }
  return out
}

function logsToEvents(logs: unknown, st: TagState): SpanEvent[] {
  const out: SpanEvent[] = []
  for (const l of arr(logs) ?? []) {
    if (!isObj(l)) continue
    const time = num(l.timestamp)
    if (time === undefined) continue
    const attributes = tagsToAttrs(l.fields, st)
    const name = str(attributes.event) ?? str(attributes.message) ?? 'log'
    out.push({ name, time: Math.round(time), attributes })
  }
  return out
}

function parentOf(span: Obj, traceId: string, attrs: Record<string, Json>): string | null {
  const refs = (arr(span.references) ?? []).filter(isObj)
  const same = refs.filter((r) => str(r.traceID)?.toLowerCase() === traceId && str(r.spanID))
  const child = same.find((r) => r.refType === 'CHILD_OF')
  const chosen = child ?? same[0]
  // Every reference but the parent is kept (other traces, and the extra parents of a span that
  // names several), so nothing the file states is lost.
  const others = refs.filter((r) => r !== chosen && str(r.spanID))
  if (others.length)
    attrs['jaeger.references'] = others.map((r) => ({
      refType: str(r.refType) ?? null,
      traceID: str(r.traceID) ?? null,
      spanID: str(r.spanID) ?? null,
    }))
  if (chosen) {
    if (chosen.refType === 'FOLLOWS_FROM') attrs['jaeger.follows_from'] = true
    return str(chosen.spanID)!.toLowerCase()
  }
  return str(span.parentSpanID)?.toLowerCase() ?? null
}

function errorOf(attrs: Record<string, Json>, events: SpanEvent[]): SpanError | undefined {
  const failed =
    attrs.error === true ||
    attrs.error === 'true' ||
    String(attrs['otel.status_code']).toUpperCase() === 'ERROR'
  if (!failed) return undefined
  const log = events.find(
    (e) =>
      e.name === 'error' || e.name === 'exception' || e.attributes?.['error.object'] !== undefined,
  )
  const la = log?.attributes ?? {}
  const err: SpanError = {
    message:
      str(attrs['otel.status_description']) ??
      str(la['exception.message']) ??
      str(la.message) ??
      str(la['error.object']) ??
      'error',
  }
  const type = str(la['exception.type']) ?? str(la['error.kind'])
  const stack = str(la['exception.stacktrace']) ?? str(la.stack)
  if (type) err.type = type
  if (stack) err.stack = stack
  return err
}

function convertTrace(t: Obj, ctx: ImportContext, st: TagState): RawTrace | null {
  const traceId = str(t.traceID)?.toLowerCase()
  if (!traceId || !Array.isArray(t.spans)) return null
  const processes = isObj(t.processes) ? t.processes : {}
  const spans: RawSpan[] = []
  let skipped = 0
  for (const s of t.spans) {
    const id = isObj(s) ? str(s.spanID)?.toLowerCase() : undefined
    if (!isObj(s) || !id) {
      skipped++
      continue
    }
    // No startTime: kept, and placed by the normaliser at the trace start (its end unknown).
    const start = num(s.startTime) ?? NaN
    const pid = str(s.processID)
    const listed = pid !== undefined ? processes[pid] : undefined
    const proc: Obj = isObj(listed) ? listed : isObj(s.process) ? s.process : {}
    const attributes: Record<string, Json> = {
      ...tagsToAttrs(proc.tags, st),
      ...tagsToAttrs(s.tags, st),
    }
    const events = logsToEvents(s.logs, st)
    const dur = num(s.duration)
    const span: RawSpan = {
      id,
      parentId: parentOf(s, traceId, attributes),
      name: str(s.operationName) ?? '(unnamed)',
      start: Math.round(start),
      end: dur !== undefined && Number.isFinite(start) ? Math.round(start) + Math.round(dur) : null,
      attributes,
    }
    const service = str(proc.serviceName)
    if (service) span.service = service
    if (events.length) span.events = events
    const err = errorOf(attributes, events)
    if (err) {
      span.failed = true
      span.error = err
    }
    for (const w of arr(s.warnings) ?? []) if (typeof w === 'string') ctx.warn(`span ${id}: ${w}`)
    applyLlmConventions(span, attributes, events)
    spans.push(span)
  }
  if (skipped) ctx.warn(`trace ${traceId}: ${skipped} span(s) without a spanID were skipped`)
  for (const w of arr(t.warnings) ?? [])
    if (typeof w === 'string') ctx.warn(`trace ${traceId}: ${w}`)
  if (spans.length === 0) return null
  const root = spans.find((s) => !s.parentId) ?? spans[0]
  return {
    sourceTraceId: traceId,
    name: root.service ? `${root.service}: ${root.name}` : root.name,
    spans,
  }
}

function convertAll(list: unknown[], ctx: ImportContext): RawTrace[] {
  const st: TagState = { lostPrecision: 0 }
  const out = list
    .filter(isObj)
    .map((t) => convertTrace(t, ctx, st))
    .filter((t): t is RawTrace => t !== null)
  if (st.lostPrecision) {
    ctx.warn(
      `${st.lostPrecision} int64 tag(s) were written as unquoted numbers beyond 2^53 and may have lost precision`,
    )
  }
  return out
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const list = tracesOf(value)
  if (!list)
    throw new ImportError(
      'Jaeger: expected {data:[…]} or a trace object with traceID, spans and processes',
    )
  if (isObj(value) && Array.isArray(value.errors)) {
    for (const e of value.errors)
      ctx.warn(
        `Jaeger reported an error: ${isObj(e) ? (str(e.msg) ?? JSON.stringify(e)) : String(e)}`,
      )
  }
  const traces = convertAll(list, ctx)
  if (traces.length === 0)
    throw new ImportError('Jaeger: no trace with a traceID and spans was found')
  return traces
}

const label = 'Jaeger UI JSON'
const streamTraces = {
  convertUnit: (unit: unknown, _c: unknown, ctx: ImportContext) => convertAll([unit], ctx),
}

/**
 * Jaeger UI JSON importers, one per container: the stream plan (which values are independent
 * units) differs — traces under `data`, traces in a bare array, or one bare trace (read whole,
 * since its `processes` usually come after its spans).
 */
export const jaegerImporter: Importer = {
  format: 'jaeger',
  label,
  detect: detectEnvelope,
  convert,
  stream: { path: ['data', '*'], ...streamTraces },
}
export const jaegerTraceImporter: Importer = {
  format: 'jaeger',
  label,
  detect: detectTrace,
  convert,
}
/**
 * Bare arrays of Jaeger spans, each with its `process` embedded (Jaeger's anonymizer and
 * storage documents). Read whole: the spans of one trace may be anywhere in the array.
 */
export const jaegerSpansImporter: Importer = {
  format: 'jaeger',
  label,
  detect: detectSpans,
  convert,
}
export const jaegerArrayImporter: Importer = {
  format: 'jaeger',
  label,
  detect: detectArray,
  convert,
  stream: { path: ['*'], ...streamTraces },
}
