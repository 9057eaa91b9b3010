/**
 * `span_data` of the OpenAI Agents SDK, per `type`: the span's kind, name, model, tokens,
 * input/output payloads and attributes. Unknown types keep their fields as attributes.
 */
import type { Json, RawSpan, SpanKind } from '../../../../../shared/model'
import { toPayload } from '../../chat'
import { toJson } from '../../decode'
import { count, isObj, str, type Obj } from '../common/values'

const KIND: Record<string, SpanKind> = {
  agent: 'agent',
  generation: 'llm',
  response: 'llm',
  function: 'tool',
  handoff: 'handoff',
  guardrail: 'guardrail',
  custom: 'span',
  transcription: 'llm',
  speech: 'llm',
  speech_group: 'chain',
  mcp_tools: 'tool',
  task: 'chain',
  turn: 'chain',
}

/** Fields that become the span's input/output or model rather than attributes. */
const CONSUMED = new Set(['type', 'name', 'input', 'output', 'model', 'usage', 'data'])

function label(type: string, d: Obj): string {
  // The JS SDK's `task`/`turn` spans export as `custom` with their own fields in `data`.
  const data = isObj(d.data) ? d.data : undefined
  if (type === 'custom' && data?.sdk_span_type === 'turn' && data.turn !== undefined) {
    const agent = str(data.agent_name)
    return `turn ${String(data.turn)}${agent ? ` · ${agent}` : ''}`
  }
  const name = str(d.name)
  if (name) return name
  if (type === 'handoff' && (str(d.from_agent) || str(d.to_agent))) {
    return `handoff ${str(d.from_agent) ?? '?'} → ${str(d.to_agent) ?? '?'}`
  }
  if (type === 'mcp_tools' && str(d.server)) return `mcp_tools ${str(d.server)}`
  return type || 'span'
}

/** The raw API reply (chat completion or Responses object) a generation span's output holds. */
function replyObject(output: unknown): Obj | undefined {
  const o = Array.isArray(output) && output.length === 1 ? output[0] : output
  if (!isObj(o)) return undefined
  return Array.isArray(o.choices) || o.object === 'response' || o.object === 'chat.completion'
    ? o
    : undefined
}

/** Kind, name, model, tokens, payloads and attributes of one `span_data`. */
export function spanDataFields(
  d: Obj,
): Pick<
  RawSpan,
  'name' | 'kind' | 'model' | 'inputTokens' | 'outputTokens' | 'input' | 'output' | 'attributes'
> {
  const type = str(d.type) ?? 'span'
  const out: ReturnType<typeof spanDataFields> = {
    name: label(type, d),
    kind: KIND[type] ?? 'span',
  }
  const data = isObj(d.data) ? d.data : undefined
  const sdkType = type === 'custom' ? str(data?.sdk_span_type) : undefined
  if (sdkType && KIND[sdkType]) out.kind = KIND[sdkType]
  const reply = replyObject(d.output)
  const model = str(d.model) ?? str(reply?.model)
  if (model) out.model = model
  // Where `usage` lives: span_data (Python SDK), the raw API reply in `output` (JS SDK
  // generation spans), or `data.usage` of the JS SDK's task/turn spans (roll-ups).
  const usage = isObj(d.usage)
    ? d.usage
    : isObj(reply?.usage)
      ? reply.usage
      : sdkType && isObj(data?.usage)
        ? data.usage
        : undefined
  if (usage) {
    const i = count(usage.input_tokens ?? usage.prompt_tokens)
    const o = count(usage.output_tokens ?? usage.completion_tokens)
    if (i !== undefined) out.inputTokens = i
    if (o !== undefined) out.outputTokens = o
  }
  if (d.input !== undefined && d.input !== null) out.input = toPayload(d.input)
  else if (type === 'custom' && d.data !== undefined) out.input = toPayload(d.data)
  if (d.output !== undefined && d.output !== null) out.output = toPayload(d.output)
  const attributes: Record<string, Json> = { 'openai_agents.span_type': type }
  for (const [k, v] of Object.entries(d)) {
    if (CONSUMED.has(k) || v === undefined) continue
    attributes[`openai_agents.${k}`] = toJson(v)
  }
  if (usage && usage !== data?.usage) attributes['openai_agents.usage'] = toJson(usage)
  if (type === 'custom' && d.data !== undefined) attributes['openai_agents.data'] = toJson(d.data)
  out.attributes = attributes
  return out
}
