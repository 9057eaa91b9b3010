/**
 * Monocle (monocle2ai) conventions on OTel Python spans: entities in `entity.N.type` /
 * `entity.N.name` attributes (an LLM is `model.llm.<name>` or `Model.LLM`, the serving side
 * `inference.<provider>`), `span.type` (inference, retrieval, agentic.*, workflow), the prompt
 * and response in `data.input` / `data.output` events (prompts often as Python-dict strings
 * like `{'user': 'hi'}`), and token counts in a `metadata` event.
 */
import type { ChatMessage, Json, RawSpan, SpanEvent, SpanKind } from '../../../../../shared/model'
import { toPayload } from '../../chat'
import { count, isObj, str } from '../common/values'

function entities(
  attrs: Record<string, Json>,
): { type: string; name?: string; attrs: Record<string, Json> }[] {
  const byIndex = new Map<string, Record<string, Json>>()
  for (const [k, v] of Object.entries(attrs)) {
    const m = /^entity\.(\d+)\.(.+)$/.exec(k)
    if (!m) continue
    const e = byIndex.get(m[1]) ?? {}
    e[m[2]] = v
    byIndex.set(m[1], e)
  }
  return [...byIndex.values()].map((a) => ({
    type: String(a.type ?? ''),
    name: str(a.name),
    attrs: a,
  }))
}

function kindOf(spanType: string): SpanKind | undefined {
  const t = spanType.toLowerCase()
  if (t.startsWith('inference')) return 'llm'
  if (t.startsWith('retrieval')) return 'retriever'
  if (t.startsWith('embedding')) return 'embedding'
  if (t.startsWith('agentic.tool')) return 'tool'
  if (t.startsWith('agentic.delegation') || t.startsWith('agentic.handoff')) return 'handoff'
  if (t.startsWith('agentic')) return 'agent'
  if (t.startsWith('workflow')) return 'chain'
  return undefined
}

/** `{'user': 'What is…'}` (Python repr of a one-key dict) → a message, else undefined. */
function reprMessage(s: string): ChatMessage | undefined {
  const m = /^\{\s*['"](\w+)['"]\s*:\s*(['"])([\s\S]*)\2\s*\}$/.exec(s.trim())
  if (!m) return undefined
  return {
    role: m[1] === 'ai' ? 'assistant' : m[1],
    text: m[3].replace(/\\n/g, '\n').replace(/\\'/g, "'"),
  }
}

function eventValue(ev: SpanEvent | undefined): Json | undefined {
  const a = ev?.attributes
  if (!a || Object.keys(a).length === 0) return undefined
  const keys = Object.keys(a)
  return keys.length === 1 ? a[keys[0]] : a
}

/** True when the span carries Monocle attributes or events. */
export function isMonocle(attrs: Record<string, Json>, events: SpanEvent[]): boolean {
  return (
    attrs['span.type'] !== undefined ||
    'entity.1.type' in attrs ||
    events.some((e) => e.name === 'data.input' || e.name === 'data.output')
  )
}

/** Fills model, provider, kind, tokens and input/output from Monocle's attributes and events. */
export function applyMonocle(
  span: RawSpan,
  attrs: Record<string, Json>,
  events: SpanEvent[],
): void {
  const ents = entities(attrs)
  const llm = ents.find((e) => /^model\.llm/i.test(e.type))
  const model = llm
    ? (str(llm.attrs.model_name) ?? llm.name ?? llm.type.replace(/^model\.llm\.?/i, ''))
    : undefined
  if (model && !span.model) span.model = model
  const inference = ents.find((e) => /^inference/i.test(e.type))
  const provider = inference
    ? (str(inference.attrs.provider_name) ?? inference.type.replace(/^inference\.?/i, ''))
    : undefined
  if (provider && !span.provider) span.provider = provider
  const kind = kindOf(String(attrs['span.type'] ?? ''))
  if (kind && !span.kind) span.kind = kind
  const meta = events.find((e) => e.name === 'metadata')?.attributes
  if (isObj(meta)) {
    const i = count(meta.prompt_tokens ?? meta.input_tokens)
    const o = count(meta.completion_tokens ?? meta.output_tokens)
    if (i !== undefined && span.inputTokens === undefined) span.inputTokens = i
    if (o !== undefined && span.outputTokens === undefined) span.outputTokens = o
  }
  const input = eventValue(events.find((e) => e.name === 'data.input'))
  if (input !== undefined && !span.input) {
    span.input = toPayload(input)
    const list = Array.isArray(input) ? input : [input]
    const msgs = list.map((x) => (typeof x === 'string' ? reprMessage(x) : undefined))
    if (!span.input.messages && msgs.length && msgs.every((m) => m !== undefined))
      span.input.messages = msgs as ChatMessage[]
  }
  const output = eventValue(events.find((e) => e.name === 'data.output'))
  if (output !== undefined && !span.output) {
    span.output = toPayload(output)
    if (!span.output.messages && typeof output === 'string' && span.kind === 'llm')
      span.output.messages = [{ role: 'assistant', text: output }]
  }
  if ((model || span.inputTokens !== undefined) && !span.kind) span.kind = 'llm'
}
