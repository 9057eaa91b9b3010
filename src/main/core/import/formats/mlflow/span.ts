/**
 * One MLflow span (3.x `Span.to_dict()`, and the 2.x shape) → the OTel-like fields. MLflow
 * JSON-encodes every attribute value a second time (`mlflow.spanType: "\"LLM\""`), so each value
 * is decoded once; its own keys (`mlflow.spanInputs`, `mlflow.chat.tokenUsage`…) are read here and
 * everything else goes through the shared conventions.
 */
import type { Json, RawSpan, SpanKind } from '../../../../../shared/model'
import { toPayload } from '../../chat'
import { decodeJsonString } from '../../decode'
import { buildOtelSpan, readEvents } from '../common/otel-like'
import { anyTimeToMicros } from '../common/time'
import { count, isObj, num, str, type Obj } from '../common/values'

const KIND: Record<string, SpanKind> = {
  LLM: 'llm',
  CHAT_MODEL: 'llm',
  CHAIN: 'chain',
  AGENT: 'agent',
  TOOL: 'tool',
  RETRIEVER: 'retriever',
  RERANKER: 'retriever',
  EMBEDDING: 'embedding',
  PARSER: 'span',
  MEMORY: 'span',
  GUARDRAIL: 'guardrail',
  UNKNOWN: 'span',
}

/** Span/trace ids: `0x` hex, base64 of 8 or 16 bytes (3.x), or anything else kept as given. */
export function mlflowId(v: unknown): string | undefined {
  const s = str(v)
  if (!s) return undefined
  if (/^0x[0-9a-f]+$/i.test(s)) return s.slice(2).toLowerCase()
  if (/^[0-9a-f]{16}$|^[0-9a-f]{32}$/i.test(s)) return s.toLowerCase()
  if (/^[A-Za-z0-9+/]{11}=$|^[A-Za-z0-9+/]{22}==$/.test(s))
    return Buffer.from(s, 'base64').toString('hex')
  return s
}

/** Attribute values decoded once from their JSON encoding (non-JSON strings stay as they are). */
function decodeAttributes(a: Obj): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue
    if (typeof v !== 'string') out[k] = v as Json
    else {
      try {
        out[k] = JSON.parse(v) as Json
      } catch {
        // Not JSON-encoded after all (older writers): keep the text.
        out[k] = decodeJsonString(v).value
      }
    }
  }
  return out
}

function nanos(v: unknown): number | null {
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(BigInt(v) / 1000n)
  const n = num(v)
  return n === undefined ? anyTimeToMicros(v) : Math.round(n / 1000)
}

/** Converts one span; null without ids or a start time. */
export function mlflowSpan(s: Obj): { traceId?: string; span: RawSpan } | null {
  const ctx = isObj(s.context) ? s.context : {}
  const id = mlflowId(s.span_id ?? ctx.span_id)
  const start = nanos(s.start_time_unix_nano ?? s.start_time)
  if (!id || start === null) return null
  const attributes = isObj(s.attributes) ? decodeAttributes(s.attributes) : {}
  const status = isObj(s.status) ? s.status : {}
  const type = str(attributes['mlflow.spanType'])?.toUpperCase()
  const span = buildOtelSpan({
    id,
    parentId: mlflowId(s.parent_span_id ?? s.parent_id) ?? null,
    name: str(s.name) ?? '(unnamed)',
    start,
    end: nanos(s.end_time_unix_nano ?? s.end_time),
    status: status.code ?? s.status_code,
    statusMessage: str(status.message) ?? str(s.status_message),
    attributes,
    events: readEvents(s.events, start),
  })
  if (type && KIND[type]) span.kind = KIND[type]
  if (attributes['mlflow.spanInputs'] !== undefined)
    span.input = toPayload(attributes['mlflow.spanInputs'])
  if (attributes['mlflow.spanOutputs'] !== undefined)
    span.output = toPayload(attributes['mlflow.spanOutputs'])
  const usage = attributes['mlflow.chat.tokenUsage']
  if (isObj(usage)) {
    const i = count(usage.input_tokens ?? usage.prompt_tokens)
    const o = count(usage.output_tokens ?? usage.completion_tokens)
    if (i !== undefined) span.inputTokens = i
    if (o !== undefined) span.outputTokens = o
  }
  const inputs = attributes['mlflow.spanInputs']
  const outputs = attributes['mlflow.spanOutputs']
  // The model the API reply names (a dated version) beats the one the request asked for.
  const model =
    str(attributes['mlflow.llm.model']) ??
    str(attributes['mlflow.chat.model']) ??
    (isObj(outputs) ? str(outputs.model) : undefined) ??
    (isObj(inputs) ? str(inputs.model) : undefined)
  if (model && !span.model) span.model = model
  const cost = attributes['mlflow.llm.cost']
  const total = isObj(cost) ? num(cost.total_cost ?? cost.total) : num(cost)
  if (total !== undefined) span.cost = total
  return {
    traceId: mlflowId(s.trace_id ?? ctx.trace_id ?? attributes['mlflow.traceRequestId']),
    span,
  }
}
