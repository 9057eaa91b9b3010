/**
 * Content parts of one chat message, across conventions: OpenAI chat and Responses parts,
 * Anthropic content blocks, OTel GenAI `parts`, Vercel AI SDK parts, Gemini parts. Tool calls are
 * pulled out of the parts (they become `ChatMessage.toolCalls`); everything else stays a part.
 */
import type { ChatPart, Json, ToolCall } from '../../../shared/model'
import { toJson } from './decode'

type Obj = Record<string, unknown>

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

/** Text of a value that should be shown as text: strings as they are, anything else as JSON. */
export function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string') return v
  if (Array.isArray(v) && v.every((p) => typeof p === 'string' || (isObj(p) && typeof textOf(p) === 'string'))) {
    return v.map((p) => (typeof p === 'string' ? p : textOf(p as Obj))).join('\n')
  }
  return JSON.stringify(v, null, 2)
}

function textOf(p: Obj): string | undefined {
  return str(p.text) ?? str(p.content)
}

/** One parsed content part: a displayable part, or a tool call lifted out of the content. */
export interface PartResult {
  part?: ChatPart
  toolCall?: ToolCall
  /** Set when the part is a tool result: the id of the call it answers. */
  toolResultId?: string
}

const TEXT_TYPES = new Set(['text', 'input_text', 'output_text', 'refusal'])
const IMAGE_TYPES = new Set(['image', 'image_url', 'input_image', 'image_file'])
const REASONING_TYPES = new Set(['reasoning', 'thinking', 'redacted_thinking', 'summary_text'])

/** Parses one content part; unknown shapes are kept as `other` with the value as data. */
export function parsePart(p: unknown): PartResult {
  if (typeof p === 'string') return { part: { type: 'text', text: p } }
  if (!isObj(p)) return { part: { type: 'other', data: toJson(p) } }
  const type = str(p.type)

  if (type === undefined || TEXT_TYPES.has(type)) {
    const text = type === 'refusal' ? str(p.refusal) : textOf(p)
    if (text !== undefined) return { part: { type: 'text', text } }
  }
  const call = toolCallOfPart(p, type)
  if (call) return { toolCall: call }
  const result = toolResultOfPart(p, type)
  if (result) return result
  if (type && REASONING_TYPES.has(type)) {
    const text = str(p.thinking) ?? textOf(p) ?? summaryText(p.summary)
    return { part: { type: 'other', text, data: { type } } }
  }
  if ((type && IMAGE_TYPES.has(type)) || isImageBlob(p) || p.inlineData || p.fileData) {
    return { part: { type: 'image', data: toJson(p) } }
  }
  return { part: { type: 'other', text: textOf(p), data: toJson(p) } }
}

function summaryText(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined
  const texts = v.map((s) => (isObj(s) ? str(s.text) : str(s))).filter((s): s is string => !!s)
  return texts.length ? texts.join('\n') : undefined
}

function isImageBlob(p: Obj): boolean {
  // OTel GenAI `blob` / `uri` / `file` parts carry a modality.
  return (p.type === 'blob' || p.type === 'uri' || p.type === 'file') && p.modality === 'image'
}

function toolCallOfPart(p: Obj, type: string | undefined): ToolCall | undefined {
  if (type === 'tool_use' || type === 'server_tool_use') {
    // Anthropic content block.
    return call(str(p.name), p.input, str(p.id))
  }
  if (type === 'tool-call') {
    // Vercel AI SDK part: `args` (v4) or `input` (v5).
    return call(str(p.toolName), p.args ?? p.input, str(p.toolCallId))
  }
  if (type === 'tool_call' || type === 'function_call') {
    // OTel GenAI part, or an OpenAI Responses item embedded in content.
    const fn = isObj(p.function) ? p.function : p
    return call(str(fn.name), fn.arguments ?? p.args, str(p.id) ?? str(p.call_id))
  }
  if (isObj(p.functionCall)) {
    const fc = p.functionCall
    return call(str(fc.name), fc.args, str(fc.id))
  }
  return undefined
}

function call(name: string | undefined, args: unknown, id: string | undefined): ToolCall | undefined {
  if (name === undefined) return undefined
  const tc: ToolCall = { name }
  if (id !== undefined) tc.id = id
  if (args !== undefined) tc.arguments = toJson(args)
  return tc
}

function toolResultOfPart(p: Obj, type: string | undefined): PartResult | undefined {
  let id: string | undefined
  let content: unknown
  let isError = false
  if (type === 'tool_result') {
    id = str(p.tool_use_id) ?? str(p.tool_call_id) ?? str(p.id)
    content = p.content
    isError = p.is_error === true
  } else if (type === 'tool-result') {
    id = str(p.toolCallId)
    content = p.result ?? p.output
    isError = p.isError === true
  } else if (type === 'tool_call_response' || type === 'function_call_output') {
    id = str(p.id) ?? str(p.call_id)
    content = p.response ?? p.output ?? p.result
  } else if (isObj(p.functionResponse)) {
    id = str(p.functionResponse.id)
    content = p.functionResponse.response
  } else {
    return undefined
  }
  const data: { [k: string]: Json } = { type: 'tool_result' }
  if (id !== undefined) data.toolCallId = id
  const name = str(p.toolName) ?? (isObj(p.functionResponse) ? str(p.functionResponse.name) : undefined)
  if (name !== undefined) data.name = name
  if (isError) data.isError = true
  return { part: { type: 'tool_result', text: resultText(content), data }, toolResultId: id }
}

function resultText(content: unknown): string | undefined {
  // Vercel v5 tool outputs are `{type:'text'|'json', value}`.
  if (isObj(content) && (content.type === 'text' || content.type === 'json') && 'value' in content) {
    return asText(content.value)
  }
  return asText(content)
}

/** Tool calls in a message's own field: OpenAI `tool_calls`, LangChain `tool_calls`, legacy `function_call`. */
export function parseToolCalls(v: unknown): ToolCall[] {
  const out: ToolCall[] = []
  const list = Array.isArray(v) ? v : isObj(v) ? [v] : []
  for (const item of list) {
    if (!isObj(item)) continue
    const fn = isObj(item.function) ? item.function : item
    const tc = call(str(fn.name), fn.arguments ?? item.args ?? item.input, str(item.id) ?? str(item.call_id))
    if (tc) out.push(tc)
  }
  return out
}
