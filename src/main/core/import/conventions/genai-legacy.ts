/**
 * Older OTel GenAI (≤1.36) and Traceloop / OpenLLMetry: `gen_ai.system`, indexed
 * `gen_ai.prompt.N.*` / `gen_ai.completion.N.*`, the prompt/completion events (1.27 and earlier:
 * `gen_ai.content.prompt` / `gen_ai.content.completion`; 1.28–1.36: `gen_ai.user.message`,
 * `gen_ai.choice`…), `llm.request.type`, `traceloop.span.kind`, `traceloop.entity.input/output`
 * and `traceloop.association.properties.*`.
 */
import type { Json, Payload, SpanEvent } from '../../../../shared/model'
import { first, flattenAttributes, indexed, num, str, under, type Attrs } from './attrs'
import { kindFromLlmRequestType, kindFromTraceloop } from './kind'
import { decodeJsonString } from '../decode'
import { contentValue, messagesPayload, toPayload } from './messages'
import type { LlmFields } from './types'

const ASSOCIATION = 'traceloop.association.properties'
const MESSAGE_EVENTS: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
}

export function readGenAiLegacy(a: Attrs, events: readonly SpanEvent[]): LlmFields {
  const f: LlmFields = {}
  const tlKind = str(a, 'traceloop.span.kind')
  const reqType = str(a, 'llm.request.type')
  if (tlKind) {
    f.kindHint = tlKind
    f.kind = kindFromTraceloop(tlKind)
  } else if (reqType) {
    f.kindHint = reqType
    f.kind = kindFromLlmRequestType(reqType)
  }
  f.provider = str(a, 'gen_ai.system')
  f.model = first(a, ['gen_ai.response.model', 'gen_ai.request.model'], str)
  f.inputTokens = num(a, 'gen_ai.usage.prompt_tokens')
  f.outputTokens = num(a, 'gen_ai.usage.completion_tokens')
  if (!f.kind && (f.provider || f.model)) f.kind = 'llm'

  f.input = messagesPayload(indexed(a, 'gen_ai.prompt').map((g) => indexedMessage(g)))
  f.output = messagesPayload(
    indexed(a, 'gen_ai.completion').map((g) => indexedMessage(g, 'assistant')),
  )
  if (!f.input || !f.output) readEvents(f, events)
  // The whole conversation in one attribute (OpenLIT, Elastic, pre-1.37 JSON forms).
  const prompt = a['gen_ai.prompt']
  if (!f.input && prompt !== undefined && prompt !== null) f.input = toPayload(prompt)
  const completion = a['gen_ai.completion']
  if (!f.output && completion !== undefined && completion !== null)
    f.output = completionPayload(completion)

  const entityIn = a['traceloop.entity.input']
  if (!f.input && entityIn !== undefined && entityIn !== null) f.input = toPayload(entityIn)
  const entityOut = a['traceloop.entity.output']
  if (!f.output && entityOut !== undefined && entityOut !== null) f.output = toPayload(entityOut)

  const assoc = under(a, ASSOCIATION)
  f.sessionId = first(assoc, ['session_id', 'sessionId', 'thread_id', 'conversation_id'], str)
  f.userId = first(assoc, ['user_id', 'userId'], str)
  return f
}

/**
 * A whole `gen_ai.completion`: messages when it holds some, else its text (a plain string, or
 * `{text, finish_reason}` objects) as the assistant's answer.
 */
function completionPayload(v: Json): Payload {
  const p = toPayload(v)
  if (p.messages) return p
  const texts = (Array.isArray(p.value) ? p.value : [p.value]).map((x) =>
    typeof x === 'string'
      ? x
      : x && typeof x === 'object' && !Array.isArray(x) && typeof x.text === 'string'
        ? x.text
        : undefined,
  )
  if (texts.length && texts.every((t) => t !== undefined))
    p.messages = texts.map((text) => ({ role: 'assistant', text: text as string }))
  return p
}

/** Rebuilds an OpenAI-style message object from `gen_ai.prompt.N.*` keys. */
function indexedMessage(g: Attrs, defaultRole = 'user'): Json {
  const m: { [k: string]: Json } = { role: str(g, 'role') ?? defaultRole }
  const content = contentValue(g['content'])
  if (content !== undefined) m.content = content
  const calls = indexed(g, 'tool_calls').map((c) => ({
    ...(str(c, 'id') ? { id: str(c, 'id') as string } : {}),
    type: 'function',
    function: { name: str(c, 'name') ?? '', arguments: c['arguments'] ?? null },
  }))
  const fn = under(g, 'function_call')
  if (str(fn, 'name'))
    calls.push({
      type: 'function',
      function: { name: str(fn, 'name') as string, arguments: fn['arguments'] ?? null },
    })
  if (calls.length) m.tool_calls = calls
  const callId = str(g, 'tool_call_id')
  if (callId) m.tool_call_id = callId
  const finish = str(g, 'finish_reason')
  if (finish) m.finish_reason = finish
  return m
}

function readEvents(f: LlmFields, events: readonly SpanEvent[]): void {
  const input: Json[] = []
  const output: Json[] = []
  for (const e of events) {
    const ea = flattenAttributes(e.attributes ?? {})
    if (e.name === 'gen_ai.content.prompt' && !f.input) {
      const v = ea['gen_ai.prompt']
      if (v !== undefined) f.input = toPayload(v)
    } else if (e.name === 'gen_ai.content.completion' && !f.output) {
      const v = ea['gen_ai.completion']
      if (v !== undefined) f.output = toPayload(v)
    } else if (MESSAGE_EVENTS[e.name]) {
      input.push(eventMessage(ea, MESSAGE_EVENTS[e.name]))
    } else if (e.name === 'gen_ai.choice') {
      output.push(choiceMessage(ea))
    }
  }
  if (!f.input) f.input = messagesPayload(input)
  if (!f.output) f.output = messagesPayload(output)
}

/** A message event's attributes: `content`, `tool_calls`, `id` (tool messages), `role` optional. */
function eventMessage(ea: Attrs, role: string): Json {
  const m: { [k: string]: Json } = { role: str(ea, 'role') ?? role }
  const content = contentValue(ea['content'])
  if (content !== undefined) m.content = content
  const calls = contentValue(ea['tool_calls'])
  if (calls !== undefined) m.tool_calls = calls
  if (role === 'tool' && str(ea, 'id')) m.tool_call_id = str(ea, 'id') as string
  return m
}

/** `gen_ai.choice`: `{index, finish_reason, message:{role?, content, tool_calls}}`, message possibly a JSON string. */
function choiceMessage(ea: Attrs): Json {
  let msg = ea['message']
  if (typeof msg === 'string') msg = decodeJsonString(msg).value
  const body: Attrs =
    msg && typeof msg === 'object' && !Array.isArray(msg)
      ? (msg as Attrs)
      : typeof msg === 'string'
        ? { content: msg }
        : under(ea, 'message')
  return eventMessage(body, 'assistant')
}
