/**
 * Langfuse's OTLP attribute set (`@langfuse/tracing` v4+/v5 and the Python SDK v3+, whose spans
 * go through Langfuse's OTel span processor): `langfuse.observation.type` (generation, span,
 * event, agent, tool, chain, retriever, embedding, evaluator, guardrail), `.input` / `.output`
 * (JSON strings), `.model.name`, `.model.parameters`, `.usage_details` and `.cost_details`
 * (JSON objects: `input`/`output`/`total`, or the provider's own key names), `.level`
 * (DEBUG, DEFAULT, WARNING, ERROR) with `.status_message`, `.prompt.name` / `.prompt.version`.
 * Trace-level keys (`langfuse.trace.*`, `session.id`, `user.id`…) are read by `trace-fields.ts`.
 */
import type { Json, SpanKind } from '../../../../shared/model'
import { decodeJsonString } from '../decode'
import { num, str, toNum, under, type Attrs } from './attrs'
import { toPayload } from './messages'
import type { LlmFields } from './types'

const KIND: Record<string, SpanKind> = {
  generation: 'llm',
  event: 'event',
  agent: 'agent',
  tool: 'tool',
  chain: 'chain',
  retriever: 'retriever',
  embedding: 'embedding',
  evaluator: 'chain',
  guardrail: 'guardrail',
}

/** An object attribute given as JSON text (as the SDK serialises it) or as an object (flattened). */
function objectOf(a: Attrs, key: string): Record<string, Json> | undefined {
  const v = a[key]
  const d = typeof v === 'string' ? decodeJsonString(v).value : v
  if (d !== null && typeof d === 'object' && !Array.isArray(d)) return d
  const nested = under(a, key)
  return Object.keys(nested).length ? nested : undefined
}

/** The first numeric value among `keys` of a usage or cost object. */
function pick(o: Record<string, Json>, keys: string[]): number | undefined {
  for (const k of keys) {
    const n = toNum(o[k])
    if (n !== undefined) return n
  }
  return undefined
}

const INPUT_KEYS = ['input', 'prompt_tokens', 'input_tokens', 'promptTokens', 'inputTokens']
const OUTPUT_KEYS = [
  'output',
  'completion_tokens',
  'output_tokens',
  'completionTokens',
  'outputTokens',
]

export function readLangfuse(a: Attrs): LlmFields {
  const f: LlmFields = {}
  const type = str(a, 'langfuse.observation.type')
  if (type) {
    f.kindHint = type
    f.kind = KIND[type.toLowerCase()]
  }
  f.model = str(a, 'langfuse.observation.model.name')
  const usage = objectOf(a, 'langfuse.observation.usage_details')
  if (usage) {
    f.inputTokens = pick(usage, INPUT_KEYS)
    f.outputTokens = pick(usage, OUTPUT_KEYS)
  }
  const cost = objectOf(a, 'langfuse.observation.cost_details')
  if (cost) {
    const total = pick(cost, ['total'])
    const parts = [pick(cost, INPUT_KEYS), pick(cost, OUTPUT_KEYS)].filter((x) => x !== undefined)
    f.cost = total ?? (parts.length ? parts.reduce((s, x) => s + x, 0) : undefined)
  } else {
    f.cost = num(a, 'langfuse.observation.cost')
  }
  const input = a['langfuse.observation.input']
  if (input !== undefined && input !== null) f.input = toPayload(input)
  const output = a['langfuse.observation.output']
  if (output !== undefined && output !== null) f.output = toPayload(output)
  if (str(a, 'langfuse.observation.level')?.toUpperCase() === 'ERROR') {
    f.failed = true
    f.error = { message: str(a, 'langfuse.observation.status_message') ?? 'Error' }
  }
  return f
}
