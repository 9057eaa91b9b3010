/**
 * One chat message in any of the shapes `chat.ts` recognises: role-based messages (OpenAI,
 * Anthropic, OTel GenAI `parts`, Gemini, Vercel AI SDK), OpenAI Responses items, LangChain
 * serialized messages and message dicts, and Python `repr` strings of message objects (Agno).
 */
import type { ChatMessage, ChatPart, ToolCall } from '../../../shared/model'
import { asText, isObj, parsePart, parseToolCalls, str } from './chat-parts'
import { parseReprMessage } from './chat-repr'

type Obj = Record<string, unknown>

/** System messages from a request's `system` / `instructions` / `systemInstruction` field. */
export function systemMessages(o: Obj): ChatMessage[] {
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

/** LangChain message `type`s (dicts from `messages_to_dict` or `model_dump`). */
const LANGCHAIN_TYPES = new Set(['human', 'ai', 'system', 'tool', 'function', 'chat', 'generic', 'developer', 'aimessagechunk', 'humanmessagechunk'])

/** Normalises role names across conventions (LangChain `human`/`ai`, Gemini `model`). */
export function normaliseRole(role: string): string {
  const r = role.toLowerCase()
  return ROLE_ALIASES[r] ?? r
}

/** One message in any supported shape, or undefined when `item` is not a message. */
export function toMessage(item: unknown, defaultRole?: string): ChatMessage | undefined {
  if (typeof item === 'string') {
    const repr = parseReprMessage(item)
    if (repr) return repr
    return defaultRole ? { role: defaultRole, text: item } : undefined
  }
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
  if (type !== undefined && LANGCHAIN_TYPES.has(type.toLowerCase())) {
    const body = isObj(item.data) ? item.data : item
    if ('content' in body) return langchainMessage(str(body.role) ?? type, body)
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
  // LangChain messages dumped with a role keep OpenAI tool calls in `additional_kwargs`.
  const extra = isObj(o.additional_kwargs) ? o.additional_kwargs : {}
  const calls = [
    ...parseToolCalls(o.tool_calls ?? o.toolCalls ?? extra.tool_calls),
    ...parseToolCalls(o.function_call ?? extra.function_call),
  ]
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

