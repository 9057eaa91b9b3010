/**
 * The one chat model shared by every importer. `toChatMessages` recognises a conversation in the
 * shapes producers write (OpenAI chat and Responses, Anthropic, OTel GenAI `parts`, Gemini,
 * LangChain serialized messages, Vercel AI SDK prompts) and returns messages with roles, text,
 * parts, tool calls and tool results. `toPayload` wraps any span input/output as a `Payload`.
 */
import type { ChatMessage, Json, Payload } from '../../../shared/model'
import { isObj } from './chat-parts'
import { systemMessages, toMessage } from './chat-message'
import { decodeJsonDeep, decodeJsonString } from './decode'

export { normaliseRole } from './chat-message'

type Obj = Record<string, unknown>

/**
 * Wraps a span input or output as a `Payload`: JSON held in strings is decoded (`raw` keeps the
 * original string), and a chat view is added when the value is a conversation.
 */
export function toPayload(value: unknown, mimeType?: string): Payload {
  const decoded = decodeJsonDeep(value)
  const payload: Payload = { value: decoded.value }
  if (decoded.raw !== undefined) payload.raw = decoded.raw
  if (mimeType) payload.mimeType = mimeType
  // Chat extraction sees only the top-level decoding, so message texts stay exactly as given.
  const messages = toChatMessages(value)
  if (messages) payload.messages = messages
  return payload
}

/** Messages of a conversation held in `value`, or undefined when it is not one. */
export function toChatMessages(value: unknown): ChatMessage[] | undefined {
  const v = typeof value === 'string' ? decodeJsonString(value).value : value
  const messages = fromValue(v, 0)
  return messages && messages.length > 0 ? messages : undefined
}

function fromValue(v: unknown, depth: number): ChatMessage[] | undefined {
  if (depth > 4) return undefined
  if (typeof v === 'string') {
    const d = decodeJsonString(v)
    return d.raw === undefined ? undefined : fromValue(d.value, depth + 1)
  }
  if (Array.isArray(v)) return fromArray(v, depth)
  if (isObj(v)) return fromObject(v, depth)
  return undefined
}

function fromArray(list: unknown[], depth: number): ChatMessage[] | undefined {
  if (list.length === 0) return undefined
  // LangChain chat-model inputs are batches: [[msg, msg], …].
  if (list.every(Array.isArray)) {
    const flat = (list as unknown[][]).flat()
    return flat.length ? fromArray(flat, depth + 1) : undefined
  }
  const out: ChatMessage[] = []
  for (const item of list) {
    // Langfuse's Python SDK appends the tool definitions as `role: tool` entries: not messages.
    if (isToolDefinition(item)) continue
    const m = toMessage(item)
    if (m) {
      out.push(m)
      continue
    }
    // A list of raw API replies (the OpenAI Agents JS SDK's generation output).
    const replies = isReply(item) ? fromObject(item, depth + 1) : undefined
    if (!replies) return undefined // one non-message item means this is not a conversation
    out.push(...replies)
  }
  return out.length ? out : undefined
}

function fromObject(o: Obj, depth: number): ChatMessage[] | undefined {
  const single = toMessage(o)
  if (single) return [single]
  const system = systemMessages(o)
  const withSystem = (ms: ChatMessage[] | undefined): ChatMessage[] | undefined =>
    ms ? [...system, ...ms] : undefined

  if (Array.isArray(o.messages)) return withSystem(fromArray(o.messages, depth + 1))
  // Vercel AI SDK `ai.prompt`: {system?, prompt} or {system?, messages}.
  if (typeof o.prompt === 'string' && (system.length > 0 || Object.keys(o).length === 1)) {
    return [...system, { role: 'user', text: o.prompt }]
  }
  if (Array.isArray(o.prompt)) return withSystem(fromArray(o.prompt, depth + 1))
  // OpenAI Responses request / response.
  if (Array.isArray(o.input)) return withSystem(fromArray(o.input, depth + 1))
  if (
    typeof o.input === 'string' &&
    (typeof o.model === 'string' || typeof o.instructions === 'string')
  ) {
    return [...system, { role: 'user', text: o.input }]
  }
  if (Array.isArray(o.output) && (o.object === 'response' || typeof o.model === 'string')) {
    return fromArray(o.output, depth + 1)
  }
  // A request wrapped by the agent framework (MLflow ResponsesAgent `predict`: {request:{input}}).
  if (isObj(o.request) && Object.keys(o).every((k) => k === 'request' || o[k] === null)) {
    return fromObject(o.request, depth + 1)
  }
  // Gemini request / response (`contents` may be a bare prompt string).
  if (Array.isArray(o.contents)) return withSystem(fromArray(o.contents, depth + 1))
  if (typeof o.contents === 'string' && typeof o.model === 'string')
    return [...system, { role: 'user', text: o.contents }]
  if (Array.isArray(o.candidates)) {
    return collect(
      o.candidates.map((c) => (isObj(c) ? toMessage(c.content, 'assistant') : undefined)),
    )
  }
  // One OpenAI choice: {index, message, finish_reason}.
  if (isObj(o.message) && ('index' in o || 'finish_reason' in o)) {
    const m = toMessage(o.message, 'assistant')
    return m ? [m] : undefined
  }
  // OpenAI chat completion response.
  if (Array.isArray(o.choices)) {
    return collect(
      o.choices.map((c) => {
        if (!isObj(c)) return undefined
        if (c.message !== undefined) return toMessage(c.message, 'assistant')
        if (c.delta !== undefined) return toMessage(c.delta, 'assistant')
        return typeof c.text === 'string' ? { role: 'assistant', text: c.text } : undefined
      }),
    )
  }
  // LangChain LLMResult.
  if (Array.isArray(o.generations)) {
    const gens = (o.generations as unknown[]).flat()
    return collect(
      gens.map((g) => {
        if (!isObj(g)) return undefined
        if (g.message !== undefined) return toMessage(g.message, 'assistant')
        return typeof g.text === 'string' ? { role: 'assistant', text: g.text } : undefined
      }),
    )
  }
  return undefined
}

/** An API reply object: an OpenAI chat completion or Responses object, or a Gemini response. */
function isReply(item: unknown): item is Obj {
  return (
    isObj(item) &&
    (Array.isArray(item.choices) || item.object === 'response' || Array.isArray(item.candidates))
  )
}

function isToolDefinition(item: unknown): boolean {
  if (!isObj(item) || item.role !== 'tool' || item.tool_call_id !== undefined) return false
  const c = item.content
  return (
    isObj(c) && c.type === 'function' && isObj(c.function) && typeof c.function.name === 'string'
  )
}

function collect(ms: (ChatMessage | undefined)[]): ChatMessage[] | undefined {
  const out = ms.filter((m): m is ChatMessage => m !== undefined)
  return out.length > 0 && out.length === ms.length ? out : undefined
}

/** Plain text of a payload's messages or value, for previews and search. */
export function payloadText(p: Payload | undefined): string | undefined {
  if (!p) return undefined
  if (p.messages) return p.messages.map((m) => `${m.role}: ${m.text ?? ''}`).join('\n')
  return typeof p.value === 'string' ? p.value : JSON.stringify(p.value as Json)
}
