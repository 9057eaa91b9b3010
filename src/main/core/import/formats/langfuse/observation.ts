/**
 * One Langfuse observation → one span. Kept separate from the container logic because the
 * field rules (usage and cost variants across API versions, metadata written by the OTel
 * ingestion) are where Langfuse versions differ.
 */
import type { Json, RawSpan, SpanKind } from '../../../../../shared/model'
import { toPayload } from '../../chat'
import { decodeJsonDeep, toJson } from '../../decode'
import { anyTimeToMicros } from '../common/time'
import { count, isObj, num, str, type Obj } from '../common/values'

const KIND: Record<string, SpanKind> = {
  GENERATION: 'llm',
  SPAN: 'span',
  EVENT: 'event',
  AGENT: 'agent',
  TOOL: 'tool',
  CHAIN: 'chain',
  RETRIEVER: 'retriever',
  EMBEDDING: 'embedding',
  EVALUATOR: 'span',
  GUARDRAIL: 'guardrail',
}

/** Fields mapped to span fields; everything else scalar is kept as `langfuse.<key>`. */
const MAPPED = new Set([
  'id',
  'traceId',
  'parentObservationId',
  'type',
  'name',
  'startTime',
  'endTime',
  'completionStartTime',
  'model',
  'input',
  'output',
  'metadata',
  'usageDetails',
  'usage',
  'costDetails',
  'totalCost',
  'calculatedTotalCost',
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'inputUsage',
  'outputUsage',
  'totalUsage',
  'level',
  'statusMessage',
  'projectId',
  'createdAt',
  'updatedAt',
  'providedCostDetails',
  'inputCost',
  'outputCost',
  'calculatedInputCost',
  'calculatedOutputCost',
  'latency',
  'timeToFirstToken',
])

const nonEmpty = (v: unknown): v is Obj => isObj(v) && Object.keys(v).length > 0

/** Input/output tokens in the order Langfuse versions introduced them; derived zeros are not "stated". */
function tokens(o: Obj): { input?: number; output?: number } {
  const d = nonEmpty(o.usageDetails) ? o.usageDetails : undefined
  if (d) {
    return {
      input: count(d.input ?? d.input_tokens ?? d.prompt_tokens ?? d.promptTokens),
      output: count(d.output ?? d.output_tokens ?? d.completion_tokens ?? d.completionTokens),
    }
  }
  const u = isObj(o.usage) ? o.usage : undefined
  if (u && (u.input != null || u.output != null))
    return { input: count(u.input), output: count(u.output) }
  const positive = (v: unknown): number | undefined => {
    const n = count(v)
    return n !== undefined && n > 0 ? n : undefined
  }
  return {
    input: positive(o.promptTokens) ?? positive(o.inputUsage),
    output: positive(o.completionTokens) ?? positive(o.outputUsage),
  }
}

/** Stated cost: `costDetails.total`, else `totalCost`/`calculatedTotalCost` (a 0 with no usage is "none"). */
function cost(o: Obj, hasUsage: boolean): number | undefined {
  const d = nonEmpty(o.costDetails) ? o.costDetails : undefined
  const fromDetails = d ? (num(d.total) ?? sum([num(d.input), num(d.output)])) : undefined
  const c = fromDetails ?? num(o.totalCost) ?? num(o.calculatedTotalCost)
  if (c === undefined) return undefined
  return c === 0 && !hasUsage && !d ? undefined : c
}

function sum(xs: (number | undefined)[]): number | undefined {
  const ys = xs.filter((x): x is number => x !== undefined)
  return ys.length ? ys.reduce((a, b) => a + b, 0) : undefined
}

/**
 * Metadata as attributes. Langfuse's OTel ingestion stores the original span attributes under
 * `metadata.attributes` and the resource under `metadata.resourceAttributes`: those come back
 * as plain attribute keys (and `resource.*`); other metadata keys become `metadata.<key>`.
 */
export function metadataAttributes(meta: unknown): {
  attributes: Record<string, Json>
  service?: string
} {
  const decoded = decodeJsonDeep(meta).value
  const attributes: Record<string, Json> = {}
  if (!isObj(decoded)) {
    if (decoded !== null && decoded !== undefined) attributes.metadata = decoded
    return { attributes }
  }
  let service: string | undefined
  for (const [k, v] of Object.entries(decoded)) {
    if (k === 'attributes' && isObj(v)) Object.assign(attributes, v)
    else if (k === 'resourceAttributes' && isObj(v)) {
      for (const [rk, rv] of Object.entries(v)) attributes[`resource.${rk}`] = toJson(rv)
      const s = str(v['service.name'])
      if (s && !s.startsWith('unknown_service')) service = s
    } else attributes[`metadata.${k}`] = toJson(v)
  }
  return { attributes, service }
}

/** Converts one observation; null when it has no id or no usable start time. */
export function observationToSpan(o: Obj): RawSpan | null {
  const id = str(o.id)
  const start = anyTimeToMicros(o.startTime)
  if (!id || start === null) return null
  const type = (str(o.type) ?? 'SPAN').toUpperCase()
  const end = anyTimeToMicros(o.endTime)
  const span: RawSpan = {
    id,
    parentId: str(o.parentObservationId) ?? null,
    name: str(o.name) ?? type.toLowerCase(),
    kind: KIND[type] ?? 'span',
    start,
    // An EVENT is a point in time, not a span whose end is missing.
    end: end ?? (type === 'EVENT' ? start : null),
  }
  const model = str(o.model)
  if (model) span.model = model
  const t = tokens(o)
  if (t.input !== undefined) span.inputTokens = t.input
  if (t.output !== undefined) span.outputTokens = t.output
  const c = cost(o, t.input !== undefined || t.output !== undefined)
  if (c !== undefined) span.cost = c
  if (o.input !== undefined && o.input !== null) span.input = toPayload(o.input)
  if (o.output !== undefined && o.output !== null) span.output = toPayload(o.output)
  // A generation whose output is plain text (streamed completions) answered as the assistant.
  if (
    type === 'GENERATION' &&
    span.output &&
    !span.output.messages &&
    typeof span.output.value === 'string'
  )
    span.output.messages = [{ role: 'assistant', text: span.output.value }]
  const meta = metadataAttributes(o.metadata)
  if (meta.service) span.service = meta.service
  const attributes: Record<string, Json> = { 'langfuse.type': type, ...meta.attributes }
  for (const [k, v] of Object.entries(o)) {
    if (MAPPED.has(k) || v === null || v === undefined) continue
    if (isObj(v) && Object.keys(v).length === 0) continue
    if (Array.isArray(v) && v.length === 0) continue
    attributes[`langfuse.${k}`] = toJson(v)
  }
  const level = str(o.level)
  if (level && level !== 'DEFAULT') attributes['langfuse.level'] = level
  const status = str(o.statusMessage)
  if (level === 'ERROR') {
    span.failed = true
    span.error = { message: status ?? 'error' }
  } else if (status) attributes['langfuse.statusMessage'] = status
  const firstToken = anyTimeToMicros(o.completionStartTime)
  if (firstToken !== null) span.events = [{ name: 'first token', time: firstToken }]
  span.attributes = attributes
  return span
}
