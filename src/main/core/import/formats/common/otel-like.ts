/**
 * Shared tail of the importers whose spans are OpenTelemetry spans in another JSON dress (OTel
 * Python `to_json`, Phoenix span JSON, MLflow): status and `exception` events → error, the LLM
 * conventions over attributes and events, and a kind from the source's own span-kind label.
 */
import type { Json, RawSpan, SpanError, SpanEvent, SpanKind } from '../../../../../shared/model'
import { kindFromOpenInference } from '../../conventions'
import { anyTimeToMicros } from './time'
import { applyLlmConventions } from './llm'
import { isObj, str, type Obj } from './values'
import { toJson } from '../../decode'

/** The fields an OTel-shaped span carries once its JSON dress is removed. */
export interface OtelLikeSpan {
  id: string
  parentId: string | null
  name: string
  start: number
  end: number | null
  /** ERROR / OK / UNSET in any spelling (`STATUS_CODE_ERROR`, `StatusCode.ERROR`, 2). */
  status?: unknown
  statusMessage?: string
  attributes: Record<string, Json>
  events: SpanEvent[]
  service?: string
  /** OpenInference-style kind label (`LLM`, `TOOL`…) stated outside the attributes. */
  kindLabel?: string
}

/** True when a status value means ERROR. */
export function isErrorStatus(v: unknown): boolean {
  if (v === 2) return true
  const s = typeof v === 'string' ? v.toUpperCase() : ''
  return s === 'ERROR' || s.endsWith('_ERROR') || s.endsWith('.ERROR') || s === '2'
}

/** Error details from the status message and the first `exception` event. */
export function errorFrom(statusMessage: string | undefined, events: SpanEvent[]): SpanError {
  const ex = events.find((e) => e.name === 'exception')?.attributes ?? {}
  const err: SpanError = { message: statusMessage ?? str(ex['exception.message']) ?? 'error' }
  const type = str(ex['exception.type'])
  const stack = str(ex['exception.stacktrace'])
  if (type) err.type = type
  if (stack) err.stack = stack
  return err
}

/** OTel-style events `{name, timestamp|time_unix_nano, attributes}`; bad times fall back to `fallback`. */
export function readEvents(list: unknown, fallback: number): SpanEvent[] {
  const out: SpanEvent[] = []
  for (const e of Array.isArray(list) ? list : []) {
    if (!isObj(e)) continue
    const t = anyTimeToMicros(e.timestamp ?? e.time_unix_nano ?? e.timeUnixNano ?? e.time)
    const ev: SpanEvent = { name: str(e.name) ?? 'event', time: t ?? fallback }
    if (isObj(e.attributes) && Object.keys(e.attributes).length)
      ev.attributes = attrsOf(e.attributes)
    out.push(ev)
  }
  return out
}

/** Attribute objects as given (values converted to Json). */
export function attrsOf(o: Obj): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = toJson(v)
  return out
}

/** Builds the raw span: error, conventions, and the source's kind label as a fallback kind. */
export function buildOtelSpan(x: OtelLikeSpan): RawSpan {
  const span: RawSpan = {
    id: x.id,
    parentId: x.parentId,
    name: x.name,
    start: x.start,
    end: x.end,
    attributes: x.attributes,
  }
  if (x.service) span.service = x.service
  if (x.events.length) span.events = x.events
  if (isErrorStatus(x.status)) {
    span.failed = true
    span.error = errorFrom(x.statusMessage || undefined, x.events)
  } else if (x.statusMessage) x.attributes['otel.status_description'] = x.statusMessage
  // The source's own kind label wins over what the conventions infer from attributes.
  const k: SpanKind | undefined = x.kindLabel ? kindFromOpenInference(x.kindLabel) : undefined
  if (k) span.kind = k
  applyLlmConventions(span, x.attributes, x.events)
  return span
}
