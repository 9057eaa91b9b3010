/**
 * One OTLP span to a `RawSpan`: ids to lowercase hex, nanoseconds to microseconds, attributes
 * and events to JSON, `status` and `exception` events to the error, and the LLM conventions
 * (model, provider, tokens, cost, chat input/output, session) read from the attributes.
 */
import type { Json, RawSpan, SpanError, SpanEvent } from '../../../../../shared/model'
import { extractLlmFields, flattenAttributes, readTraceFields, type TraceFields } from '../../conventions'
import { field, isObj, list, type Obj } from './fields'
import { normaliseId } from './ids'
import { nanosToMicros } from './time'
import { keyValues } from './values'

/** What a span needs from its enclosing `resourceSpans` entry. */
export interface ResourceInfo {
  service?: string
  attributes: Record<string, Json>
}

/** What a span needs from its enclosing `scopeSpans` (or legacy `instrumentationLibrarySpans`) entry. */
export interface ScopeInfo {
  name?: string
  version?: string
}

export function resourceInfo(resource: unknown): ResourceInfo {
  const attributes = isObj(resource) ? keyValues(field(resource, 'attributes')) : {}
  const service = attributes['service.name']
  return { service: typeof service === 'string' && service ? service : undefined, attributes }
}

export function scopeInfo(entry: Obj): ScopeInfo {
  const scope = field(entry, 'scope') ?? field(entry, 'instrumentationLibrary')
  if (!isObj(scope)) return {}
  const name = scope.name
  const version = scope.version
  return {
    name: typeof name === 'string' && name ? name : undefined,
    version: typeof version === 'string' && version ? version : undefined,
  }
}

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']

/** OTel span kind (number, `SPAN_KIND_CLIENT`, `CLIENT`, `SpanKind.CLIENT`) as a lowercase word. */
export function otelKind(v: unknown): string | undefined {
  if (typeof v === 'number') return KINDS[v]
  if (typeof v !== 'string') return undefined
  if (/^\d+$/.test(v)) return KINDS[Number(v)]
  const k = v.replace(/^(SPAN_KIND_|SpanKind\.)/i, '').toLowerCase()
  return KINDS.includes(k) ? k : undefined
}

/** True when a status code means error: 2, "2", `STATUS_CODE_ERROR`, `ERROR`. */
export function isErrorStatus(code: unknown): boolean {
  if (typeof code === 'number') return code === 2
  if (typeof code !== 'string') return false
  const c = code.toUpperCase()
  return c === '2' || c === 'STATUS_CODE_ERROR' || c === 'ERROR'
}

export interface ConvertedSpan {
  traceId: string
  span: RawSpan
  /** Trace-level fields the span carries (name, tags, environment…), when any. */
  trace?: TraceFields
}

/** Converts one span, or returns why it cannot be used (the caller reports it as a warning). */
export function convertSpan(
  s: unknown,
  res: ResourceInfo,
  scope: ScopeInfo,
): ConvertedSpan | string {
  if (!isObj(s)) return 'a span that is not an object'
  const traceId = normaliseId(field(s, 'traceId'))
  const id = normaliseId(field(s, 'spanId'))
  const name = typeof s.name === 'string' && s.name ? s.name : '(unnamed span)'
  if (!traceId || !id) return `span "${name}" has no ${traceId ? 'spanId' : 'traceId'}`
  const startRaw = nanosToMicros(field(s, 'startTimeUnixNano'))
  const end = nanosToMicros(field(s, 'endTimeUnixNano'))
  // A span with no time at all (proto3 zero values dropped, e.g. Jaeger's /api/v3 output) is
  // kept: the normaliser places it at the trace start and flags its missing end.
  const start = startRaw ?? end ?? NaN

  const attributes: Record<string, Json> = keyValues(field(s, 'attributes'))
  const events = list(s, 'events').map((e) => convertEvent(e, Number.isFinite(start) ? start : 0))
  const span: RawSpan = {
    id,
    parentId: normaliseId(field(s, 'parentSpanId')) ?? null,
    name,
    start,
    end,
  }
  if (res.service) span.service = res.service

  const kind = otelKind(field(s, 'kind'))
  if (kind && kind !== 'unspecified' && attributes['span.kind'] === undefined)
    attributes['span.kind'] = kind
  if (scope.name && attributes['otel.scope.name'] === undefined)
    attributes['otel.scope.name'] = scope.name
  if (scope.version && attributes['otel.scope.version'] === undefined)
    attributes['otel.scope.version'] = scope.version
  const links = list(s, 'links').filter(isObj).map(convertLink)
  if (links.length) attributes['otel.links'] = links

  const status = field(s, 'status')
  if (isObj(status) && isErrorStatus(status.code)) {
    span.failed = true
    span.error = errorOf(status, events)
  }
  // The source's own kind label (kindHint) is already visible in the attributes it came from.
  const { kindHint: _hint, ...llm } = extractLlmFields(attributes, events)
  // The OTel status, when it says error, is the error; a convention's level only adds one.
  if (span.failed) delete llm.error
  Object.assign(span, llm)
  span.attributes = attributes
  if (events.length) span.events = events
  const trace = readTraceFields(flattenAttributes(attributes))
  return Object.keys(trace).length ? { traceId, span, trace } : { traceId, span }
}

function convertEvent(e: unknown, fallbackTime: number): SpanEvent {
  if (!isObj(e)) return { name: '(event)', time: fallbackTime }
  const ev: SpanEvent = {
    name: typeof e.name === 'string' && e.name ? e.name : '(event)',
    time: nanosToMicros(field(e, 'timeUnixNano')) ?? fallbackTime,
  }
  const attrs = keyValues(field(e, 'attributes'))
  if (Object.keys(attrs).length) ev.attributes = attrs
  return ev
}

function convertLink(l: Obj): Json {
  const out: { [k: string]: Json } = {
    traceId: normaliseId(field(l, 'traceId')) ?? null,
    spanId: normaliseId(field(l, 'spanId')) ?? null,
  }
  const attrs = keyValues(field(l, 'attributes'))
  if (Object.keys(attrs).length) out.attributes = attrs
  return out
}

/** The error of a failed span: the last `exception` event, else the status message. */
function errorOf(status: Obj, events: SpanEvent[]): SpanError {
  const message = typeof status.message === 'string' && status.message ? status.message : undefined
  const ex = [...events].reverse().find((e) => e.name === 'exception')
  const a = ex?.attributes ?? {}
  const text = (k: string): string | undefined => {
    const v = a[k]
    return typeof v === 'string' && v ? v : undefined
  }
  const err: SpanError = {
    message: text('exception.message') ?? message ?? text('exception.type') ?? 'Error',
  }
  const type = text('exception.type')
  if (type) err.type = type
  const stack = text('exception.stacktrace')
  if (stack) err.stack = stack
  return err
}
