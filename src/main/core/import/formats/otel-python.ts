/**
 * OpenTelemetry Python `ReadableSpan.to_json()` output: arrays of spans, or the
 * `ConsoleSpanExporter`'s objects printed one after another (the pipeline's parse step 4 gives
 * them to us one by one). Monocle writes the same shape.
 *
 * Mapping: `context.trace_id`/`span_id` and `parent_id` are `0x`-prefixed hex (prefix dropped,
 * lower-cased); ISO `start_time`/`end_time` (UTC, microseconds); `kind: "SpanKind.X"` →
 * attribute `span.kind`; `status.status_code` ERROR → failed with `status.description` and the
 * `exception` event; `resource.attributes["service.name"]` → service (other resource attributes
 * kept as `resource.*`); `links` → attribute `otel.links`. LLM data comes from the shared
 * conventions over attributes and events, then Monocle's entities and `data.input`/`data.output`/
 * `metadata` events (`otel-python/monocle.ts`).
 */
import type { Json, RawTrace } from '../../../../shared/model'
import { ImportError, type ImportContext } from '../importer'
import { attrsOf, buildOtelSpan, readEvents } from './common/otel-like'
import { anyTimeToMicros } from './common/time'
import { isObj, str, type Obj } from './common/values'
import { applyMonocle, isMonocle } from './otel-python/monocle'
import { splitByContainer } from './common/split'

const isSpan = (v: unknown): v is Obj =>
  isObj(v) &&
  isObj(v.context) &&
  v.context.span_id !== undefined &&
  typeof v.kind === 'string' &&
  v.kind.startsWith('SpanKind.')

function detect(value: unknown): string | null {
  if (isSpan(value))
    return 'a span with context.span_id and kind "SpanKind.*" (OTel Python to_json)'
  if (Array.isArray(value) && value.length > 0 && value.slice(0, 4).every(isSpan)) {
    return 'array of spans with context.span_id and kind "SpanKind.*" (OTel Python to_json)'
  }
  return null
}

/** `0x1a2b` → `1a2b`; ids keep their digits exactly. */
function hexId(v: unknown): string | undefined {
  const s = str(v)
  return s === undefined ? undefined : s.replace(/^0x/i, '').toLowerCase()
}

function convertSpans(list: unknown[], ctx: ImportContext): RawTrace[] {
  const traces = new Map<string, RawTrace>()
  let skipped = 0
  for (const s of list) {
    const c = isSpan(s) ? (s.context as Obj) : undefined
    const traceId = hexId(c?.trace_id)
    const id = hexId(c?.span_id)
    const start = isObj(s) ? anyTimeToMicros(s.start_time) : null
    if (!isObj(s) || !traceId || !id || start === null) {
      skipped++
      continue
    }
    const attributes: Record<string, Json> = isObj(s.attributes) ? attrsOf(s.attributes) : {}
    attributes['span.kind'] = String(s.kind)
      .replace(/^SpanKind\./, '')
      .toLowerCase()
    const resource = isObj(s.resource) && isObj(s.resource.attributes) ? s.resource.attributes : {}
    for (const [k, v] of Object.entries(attrsOf(resource)))
      if (k !== 'service.name') attributes[`resource.${k}`] = v
    if (Array.isArray(s.links) && s.links.length)
      attributes['otel.links'] = attrsOf({ l: s.links }).l
    const status = isObj(s.status) ? s.status : {}
    const events = readEvents(s.events, start)
    const span = buildOtelSpan({
      id,
      parentId: hexId(s.parent_id) ?? null,
      name: str(s.name) ?? '(unnamed)',
      start,
      end: anyTimeToMicros(s.end_time),
      status: status.status_code,
      statusMessage: str(status.description),
      attributes,
      events,
      service: str(resource['service.name']),
    })
    if (isMonocle(attributes, events)) applyMonocle(span, attributes, events)
    let t = traces.get(traceId)
    if (!t) traces.set(traceId, (t = { sourceTraceId: traceId, spans: [] }))
    t.spans.push(span)
    if (span.sessionId && !t.sessionId) t.sessionId = span.sessionId
  }
  if (skipped) ctx.warn(`${skipped} item(s) without context ids or a start_time were skipped`)
  for (const t of traces.values()) {
    const root = t.spans.find((x) => !x.parentId)
    if (root) t.name = root.name
  }
  return [...traces.values()]
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const list = Array.isArray(value) ? value : isObj(value) ? [value] : undefined
  if (!list) throw new ImportError('OTel Python: expected a span object or an array of spans')
  const traces = convertSpans(list, ctx)
  if (traces.length === 0)
    throw new ImportError(
      'OTel Python: no span has context.trace_id, context.span_id and start_time',
    )
  return traces
}

/**
 * OTel Python `to_json` / ConsoleSpanExporter importers: a lone span object, and arrays, which
 * stream span by span (spans stand alone; the pipeline merges traces by id).
 */
export const [otelPythonImporter, otelPythonArrayImporter] = splitByContainer(
  { format: 'otel-python', label: 'OTel Python to_json', detect, convert },
  (unit, ctx) => convertSpans([unit], ctx),
)
