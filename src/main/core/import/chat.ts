/**
 * The one chat model shared by every importer. `toChatMessages` recognises a conversation in the
 * shapes producers write (OpenAI chat and Responses, Anthropic, OTel GenAI `parts`, Gemini,
 * LangChain serialized messages, Vercel AI SDK prompts) and returns messages with roles, text,
 * parts, tool calls and tool results. `toPayload` wraps any span input/output as a `Payload`.
 */
import type { ChatMessage, ChatPart, Json, Payload, ToolCall } from '../../../shared/model'
import { asText, isObj, parsePart, parseToolCalls, str } from './chat-parts'
import { decodeJsonDeep, decodeJsonString } from './decode'

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
    const m = toMessage(item)
    if (!m) return undefined // one non-message item means this is not a conversation
    out.push(m)
  }
  return out
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
  if (typeof o.input === 'string' && (typeof o.model === 'string' || typeof o.instructions === 'string')) {
    return [...system, { role: 'user', text: o.input }]
  }
  if (Array.isArray(o.output) && (o.object === 'response' || typeof o.model === 'string')) {
    return fromArray(o.output, depth + 1)
  }
  // Gemini request / response.
  if (Array.isArray(o.contents)) return withSystem(fromArray(o.contents, depth + 1))
  if (Array.isArray(o.candidates)) {
    return collect(o.candidates.map((c) => (isObj(c) ? toMessage(c.content, 'assistant') : undefined)))
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

function collect(ms: (ChatMessage | undefined)[]): ChatMessage[] | undefined {
  const out = ms.filter((m): m is ChatMessage => m !== undefined)
  return out.length > 0 && out.length === ms.length ? out : undefined
}

function systemMessages(o: Obj): ChatMessage[] {
  const sys = o.system ?? o.instructions ?? o.systemInstruction ?? o.system_instruction
  if (sys === undefined || sys === null) return []
  if (typeof sys === 'string') return sys ? [{ role: 'system', text: sys }] : []
  const parts = isObj(sys) && Array.isArray(sys.parts) ? sys.parts : Array.isArray(sys) ? sys : undefined
  if (!parts) return []
  const m = build('system', parts, undefined)
  return m.text !== undefined || m.parts ? [m] : []
}

const ROLE_ALIASES: Record<string, string> = {
  human: 'user',
  ai: 'assistant',
  model: 'assistant',
  humanmessage: 'user',
  aimessage: 'assistant',
  aimessagechunk: 'assistant',
  systemmessage: 'system',
  toolmessage: 'tool',
  functionmessage: 'function',
  humanmessagechunk: 'user',
}

/** Normalises role names across conventions (LangChain `human`/`ai`, Gemini `model`). */
export function normaliseRole(role: string): string {
  const r = role.toLowerCase()
  return ROLE_ALIASES[r] ?? r
}

/** One message in any supported shape, or undefined when `item` is not a message. */
function toMessage(item: unknown, defaultRole?: string): ChatMessage | undefined {
  if (typeof item === 'string' && defaultRole) return { role: defaultRole, text: item }
  if (!isObj(item)) return undefined
  // LangChain serialized: {lc, type:'constructor', id:[…,'HumanMessage'], kwargs:{…}}.
  if (item.lc !== undefined && isObj(item.kwargs) && Array.isArray(item.id)) {
    const cls = String(item.id[item.id.length - 1] ?? '')
    const k = item.kwargs
    const role = str(k.role) ?? str(k.type) ?? cls.replace(/(Chunk)?$/, '')
    return langchainMessage(role, k)
  }
  const type = str(item.type)
  // OpenAI Responses items without a role.
  if (type === 'function_call') {
    return { role: 'assistant', toolCalls: parseToolCalls(item) }
  }
  if (type === 'function_call_output' || type === 'custom_tool_call_output') {
    const m: ChatMessage = { role: 'tool', text: asText(item.output) }
    if (str(item.call_id)) m.toolCallId = str(item.call_id)
    return m
  }
  if (type === 'reasoning' && item.role === undefined) {
    const part = parsePart(item).part
    return { role: 'assistant', parts: part ? [part] : [] }
  }
  const role = str(item.role)
  if (role !== undefined) {
    if (!hasMessageBody(item)) return undefined
    return fromRoleMessage(normaliseRole(role), item)
  }
  // LangChain dicts: {type:'human', content} or messages_to_dict {type, data:{content}}.
  if (type !== undefined && ROLE_ALIASES[type.toLowerCase()] !== undefined) {
    const body = isObj(item.data) ? item.data : item
    if ('content' in body) return langchainMessage(type, body)
  }
  if (type === 'message' && Array.isArray(item.content)) return fromRoleMessage('assistant', item)
  // Gemini content without role (a candidate's content may omit it).
  if (defaultRole && Array.isArray(item.parts)) return fromRoleMessage(defaultRole, item)
  return undefined
}

function hasMessageBody(o: Obj): boolean {
  return (
    'content' in o || 'parts' in o || 'tool_calls' in o || 'function_call' in o || 'text' in o || 'toolCalls' in o
  )
}

function langchainMessage(role: string, k: Obj): ChatMessage {
  const extra = isObj(k.additional_kwargs) ? k.additional_kwargs : {}
  const m = build(normaliseRole(role), k.content, undefined)
  const calls = parseToolCalls(Array.isArray(k.tool_calls) && k.tool_calls.length ? k.tool_calls : extra.tool_calls)
  if (calls.length) m.toolCalls = [...(m.toolCalls ?? []), ...calls]
  if (str(k.tool_call_id)) m.toolCallId = str(k.tool_call_id)
  if (str(k.name)) m.name = str(k.name)
  return m
}

function fromRoleMessage(role: string, o: Obj): ChatMessage {
  const content = o.content !== undefined ? o.content : Array.isArray(o.parts) ? o.parts : o.text
  const m = build(role, content, undefined)
  const calls = [...parseToolCalls(o.tool_calls ?? o.toolCalls), ...parseToolCalls(o.function_call)]
  if (calls.length) m.toolCalls = [...(m.toolCalls ?? []), ...calls]
  const callId = str(o.tool_call_id) ?? str(o.toolCallId)
  if (callId !== undefined) m.toolCallId = callId
  if (str(o.name)) m.name = str(o.name)
  return m
}

/** Builds a message from content given as a string, a list of parts, or any other value. */
function build(role: string, content: unknown, name: string | undefined): ChatMessage {
  const m: ChatMessage = { role }
  if (name) m.name = name
  if (content === undefined || content === null) return m
  if (typeof content === 'string') {
    m.text = content
    return m
  }
  if (!Array.isArray(content)) {
    // A lone part object (a Gemini/Anthropic block); any other object is shown as JSON text.
    const isPart = isObj(content) && (typeof content.type === 'string' || typeof content.text === 'string')
    if (!isPart || !parsePartsInto(m, [content])) m.text = asText(content)
    return m
  }
  parsePartsInto(m, content)
  return m
}

/** Fills text, parts, tool calls and tool-result id from a list of parts. */
function parsePartsInto(m: ChatMessage, list: unknown[]): boolean {
  const parts: ChatPart[] = []
  const calls: ToolCall[] = []
  const resultIds: string[] = []
  for (const p of list) {
    const r = parsePart(p)
    if (r.part) parts.push(r.part)
    if (r.toolCall) calls.push(r.toolCall)
    if (r.toolResultId !== undefined) resultIds.push(r.toolResultId)
  }
  const texts = parts.filter((p) => p.type === 'text' && p.text !== undefined).map((p) => p.text as string)
  const resultTexts = parts.filter((p) => p.type === 'tool_result' && p.text !== undefined).map((p) => p.text as string)
  if (texts.length) m.text = texts.join('\n')
  else if (resultTexts.length) m.text = resultTexts.join('\n')
  if (parts.some((p) => p.type !== 'text')) m.parts = parts
  if (calls.length) m.toolCalls = calls
  if (resultIds.length === 1) m.toolCallId = resultIds[0]
  return parts.length > 0 || calls.length > 0
}

/** Plain text of a payload's messages or value, for previews and search. */
export function payloadText(p: Payload | undefined): string | undefined {
  if (!p) return undefined
  if (p.messages) return p.messages.map((m) => `${m.role}: ${m.text ?? ''}`).join('\n')
  return typeof p.value === 'string' ? p.value : JSON.stringify(p.value as Json)
}
