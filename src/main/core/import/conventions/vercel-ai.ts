/**
 * The Vercel AI SDK's own telemetry (`ai.*`): `ai.operationId` / `operation.name`,
 * `ai.model.id` / `ai.model.provider`, `ai.prompt` and `ai.prompt.messages`, `ai.response.text`
 * / `ai.response.toolCalls` / `ai.response.object`, `ai.toolCall.*`, `ai.usage.*` (v4
 * `promptTokens`/`completionTokens`, v5 `inputTokens`/`outputTokens`) and
 * `ai.telemetry.metadata.*` (v7: `ai.settings.context.*`, the runtime context). The outer `ai.generateText` span repeats its steps' usage; the
 * normaliser's roll-up rule keeps trace totals from counting it twice.
 */
import type { ChatMessage, Json, Payload } from '../../../../shared/model'
import { parseToolCalls } from '../chat-parts'
import { decodeJsonString } from '../decode'
import { first, num, str, type Attrs } from './attrs'
import { kindFromVercelOperation } from './kind'
import { toPayload } from './messages'
import type { LlmFields } from './types'

const SESSION_KEYS = ['sessionId', 'session_id', 'conversationId', 'threadId'].flatMap((k) => [
  `ai.telemetry.metadata.${k}`,
  `ai.settings.context.${k}`,
])
const USER_KEYS = ['userId', 'user_id'].flatMap((k) => [
  `ai.telemetry.metadata.${k}`,
  `ai.settings.context.${k}`,
])

export function readVercelAi(a: Attrs): LlmFields {
  const f: LlmFields = {}
  const op = str(a, 'ai.operationId') ?? vercelOperationName(str(a, 'operation.name'))
  if (op) {
    f.kindHint = op
    f.kind = kindFromVercelOperation(op)
  }
  f.model = first(a, ['ai.response.model', 'ai.model.id'], str)
  const provider = str(a, 'ai.model.provider')
  // `openai.chat`, `anthropic.messages`, `google.generative-ai`: the first segment names the vendor.
  if (provider) f.provider = provider.split('.')[0]
  f.inputTokens = first(a, ['ai.usage.promptTokens', 'ai.usage.inputTokens'], num)
  f.outputTokens = first(a, ['ai.usage.completionTokens', 'ai.usage.outputTokens'], num)
  // v4–v6: `experimental_telemetry.metadata`; v7: runtime context values the telemetry includes.
  f.sessionId = first(a, SESSION_KEYS, str)
  f.userId = first(a, USER_KEYS, str)

  const prompt = a['ai.prompt.messages'] ?? a['ai.prompt']
  if (prompt !== undefined && prompt !== null) f.input = toPayload(prompt)
  f.output = responsePayload(a)

  const toolName = str(a, 'ai.toolCall.name')
  if (toolName) {
    if (!f.kind) f.kind = 'tool'
    const args = a['ai.toolCall.args'] ?? a['ai.toolCall.input']
    if (!f.input && args !== undefined && args !== null) f.input = toPayload(args)
    const result = a['ai.toolCall.result'] ?? a['ai.toolCall.output']
    if (!f.output && result !== undefined && result !== null) f.output = toPayload(result)
  }
  return f
}

/** `operation.name` is `"<operationId> <functionId>"` when a function id is set. */
function vercelOperationName(name: string | undefined): string | undefined {
  if (!name || !name.startsWith('ai.')) return undefined
  return name.split(' ')[0]
}

/** The model's answer: text and/or tool calls as one assistant message; or a generated object. */
function responsePayload(a: Attrs): Payload | undefined {
  const text = str(a, 'ai.response.text')
  const rawCalls = a['ai.response.toolCalls']
  const object = a['ai.response.object']
  if (text === undefined && (rawCalls === undefined || rawCalls === null)) {
    if (object === undefined || object === null) return undefined
    // generateObject: the model's answer is the object's JSON text, as one assistant message.
    const p = toPayload(object)
    const said = typeof object === 'string' ? object : JSON.stringify(object)
    return { ...p, messages: [{ role: 'assistant', text: said }] }
  }
  const calls = rawCalls === undefined || rawCalls === null ? [] : vercelToolCalls(rawCalls)
  const msg: ChatMessage = { role: 'assistant' }
  if (text !== undefined) msg.text = text
  if (calls.length) msg.toolCalls = calls
  if (!calls.length) return { ...toPayload(text), messages: [msg] }
  const value: { [k: string]: Json } = {}
  if (text !== undefined) value.text = text
  value.toolCalls = typeof rawCalls === 'string' ? decodeJsonString(rawCalls).value : rawCalls
  const p: Payload = { value, messages: [msg] }
  if (typeof rawCalls === 'string' && text === undefined) p.raw = rawCalls
  return p
}

/** `[{toolCallType, toolCallId, toolName, args}]` (v4) or `[{toolCallId, toolName, input}]` (v5). */
function vercelToolCalls(v: Json): ReturnType<typeof parseToolCalls> {
  const list = typeof v === 'string' ? decodeJsonString(v).value : v
  if (!Array.isArray(list)) return []
  return parseToolCalls(
    list.map((c) =>
      c && typeof c === 'object' && !Array.isArray(c)
        ? {
            id: c.toolCallId ?? c.id ?? null,
            name: c.toolName ?? c.name ?? null,
            arguments: c.args ?? c.input ?? null,
          }
        : c,
    ),
  )
}
