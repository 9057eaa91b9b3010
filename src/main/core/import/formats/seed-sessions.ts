/**
 * Traces of spans tagged with a session id, the shape of Traceway's SDK and dashboard
 * (seeds/001): `tw.trace(name, fn, {sessionId})` makes a trace, `ctx.llmCall(model, {model,
 * provider, input: messages})` an LLM span whose output is set from the result. Accepted
 * containers: `{traces:[…]}`, a bare array of traces, or one trace object.
 *
 * There is no public export schema, so the mapping accepts camelCase and snake_case:
 * - trace: `id`|`traceId`|`trace_id`; `name`; `sessionId`|`session_id` → session; `userId`|`user_id`;
 *   `tags`; `metadata` → attributes `metadata.*`; `startedAt`|`started_at` is the fallback start of
 *   spans without one; stated `cost`|`totalCost` → trace cost.
 * - span: `id`|`spanId`|`span_id`; `parentId`|`parent_id`|`parentSpanId`; `name`; `kind`|`type`
 *   (llm, tool, retrieval…; else `llm` when a model is named); `model`, `provider`; `input`/`output`
 *   (chat messages recognised); `startedAt`|`started_at`|`startTime`|`start_time` and the matching
 *   end (ISO or epoch), or a `durationMs`|`duration_ms`; `status` failed/error or an `error` →
 *   failed; `inputTokens`|`input_tokens`|`usage.*`, `outputTokens`…, `cost`; `metadata` → attributes.
 */
import type { Json, RawSpan, RawTrace } from '../../../../shared/model'
import { toPayload } from '../chat'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { kindFromName } from './seed-steps'
import { anyTimeToMicros, millisToMicros } from './common/time'
import { count, first, isObj, jsonAttrs, num, str, type Obj } from './common/values'

const isSpan = (s: unknown): s is Obj =>
  isObj(s) &&
  first(s, 'id', 'spanId', 'span_id') !== undefined &&
  first(s, 'startedAt', 'started_at', 'startTime', 'start_time') !== undefined
const isTrace = (t: unknown): t is Obj =>
  isObj(t) && Array.isArray(t.spans) && t.spans.slice(0, 4).every(isSpan) && !('processes' in t)

function tracesOf(value: unknown): unknown[] | undefined {
  if (isObj(value) && Array.isArray(value.traces)) return value.traces
  if (Array.isArray(value)) return value
  if (isTrace(value)) return [value]
  return undefined
}

function detect(value: unknown): string | null {
  const list = tracesOf(value)
  if (!list || list.length === 0 || !list.slice(0, 4).every(isTrace)) return null
  const withSession = list
    .slice(0, 4)
    .some((t) => first(t as Obj, 'sessionId', 'session_id') !== undefined)
  return withSession
    ? 'traces with spans[] and a sessionId (Traceway-style)'
    : 'traces with spans[] (Traceway-style)'
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e
  if (isObj(e)) return str(e.message) ?? JSON.stringify(e)
  return 'error'
}

function toSpan(s: Obj, fallbackStart: number, index: number): RawSpan {
  const start =
    anyTimeToMicros(first(s, 'startedAt', 'started_at', 'startTime', 'start_time')) ?? fallbackStart
  const dur = num(first(s, 'durationMs', 'duration_ms'))
  const end =
    anyTimeToMicros(first(s, 'endedAt', 'ended_at', 'endTime', 'end_time')) ??
    (dur !== undefined ? start + millisToMicros(dur) : null)
  const name = str(s.name) ?? `span ${index + 1}`
  const model = str(s.model)
  const explicit = str(first(s, 'kind', 'type'))
  const span: RawSpan = {
    id: str(first(s, 'id', 'spanId', 'span_id')) ?? `span-${index + 1}`,
    parentId: str(first(s, 'parentId', 'parent_id', 'parentSpanId', 'parent_span_id')) ?? null,
    name,
    kind:
      explicit === undefined && model
        ? 'llm'
        : kindFromName(name, explicit === 'retrieval' ? 'retriever' : explicit),
    start,
    end,
  }
  if (model) span.model = model
  const provider = str(s.provider)
  if (provider) span.provider = provider
  if (s.input !== undefined && s.input !== null) span.input = toPayload(s.input)
  if (s.output !== undefined && s.output !== null) span.output = toPayload(s.output)
  const usage = isObj(s.usage) ? s.usage : {}
  const it = count(
    first(s, 'inputTokens', 'input_tokens') ??
      first(usage, 'inputTokens', 'input_tokens', 'prompt_tokens'),
  )
  const ot = count(
    first(s, 'outputTokens', 'output_tokens') ??
      first(usage, 'outputTokens', 'output_tokens', 'completion_tokens'),
  )
  if (it !== undefined) span.inputTokens = it
  if (ot !== undefined) span.outputTokens = ot
  const cost = num(s.cost)
  if (cost !== undefined) span.cost = cost
  const status = (str(s.status) ?? '').toLowerCase()
  if (status === 'failed' || status === 'error' || (s.error !== undefined && s.error !== null)) {
    span.failed = true
    span.error = { message: s.error != null ? errorText(s.error) : status }
  }
  const attributes: Record<string, Json> = isObj(s.metadata)
    ? jsonAttrs(s.metadata, 'metadata.')
    : {}
  if (status) attributes.status = status
  span.attributes = attributes
  return span
}

function toTrace(t: Obj, i: number): RawTrace {
  const id = str(first(t, 'id', 'traceId', 'trace_id')) ?? `trace-${i + 1}`
  const t0 = anyTimeToMicros(first(t, 'startedAt', 'started_at', 'startTime', 'start_time')) ?? 0
  const spans = (t.spans as unknown[]).filter(isSpan).map((s, j) => toSpan(s, t0, j))
  const trace: RawTrace = { sourceTraceId: id, spans }
  const name = str(t.name)
  if (name) trace.name = name
  const session = str(first(t, 'sessionId', 'session_id'))
  if (session) trace.sessionId = session
  const user = str(first(t, 'userId', 'user_id'))
  if (user) trace.userId = user
  if (Array.isArray(t.tags)) trace.tags = t.tags.filter((x): x is string => typeof x === 'string')
  if (isObj(t.metadata)) trace.attributes = jsonAttrs(t.metadata, 'metadata.')
  const cost = num(first(t, 'cost', 'totalCost', 'total_cost'))
  if (cost !== undefined) trace.cost = cost
  return trace
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const list = tracesOf(value)
  if (!list)
    throw new ImportError('expected {traces:[…]}, an array of traces, or a trace with spans[]')
  const traces: RawTrace[] = []
  list.forEach((t, i) => {
    if (!isTrace(t))
      return void ctx.warn(`item ${i + 1} is not a trace with spans[]; it was skipped`)
    const raw = toTrace(t, i)
    const dropped = (t.spans as unknown[]).length - raw.spans.length
    if (dropped)
      ctx.warn(
        `trace ${raw.sourceTraceId}: ${dropped} span(s) without an id or a start time were skipped`,
      )
    traces.push(raw)
  })
  if (traces.length === 0) throw new ImportError('no trace with spans[] was found')
  return traces
}

/** Traceway-style session traces importer. */
export const seedSessionsImporter: Importer = {
  format: 'seed-sessions',
  label: 'Traces with spans and sessionId',
  detect,
  convert,
}
