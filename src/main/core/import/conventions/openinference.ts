/**
 * OpenInference (Arize Phoenix): `openinference.span.kind`, `llm.model_name`, `llm.provider` /
 * `llm.system`, indexed `llm.input_messages.N.message.*` / `llm.output_messages.N.message.*`
 * (text contents, multimodal `contents`, tool calls), `input.value` / `output.value` with their
 * mime types, `llm.token_count.*`, `llm.cost.*`, `session.id`, `user.id`, `tool.name`,
 * `retrieval.documents.N.document.*`.
 */
import type { Json, Payload } from '../../../../shared/model'
import { toChatMessages } from '../chat'
import { first, indexed, num, str, under, type Attrs } from './attrs'
import { kindFromOpenInference } from './kind'
import { toPayload } from './messages'
import type { LlmFields } from './types'

export function readOpenInference(a: Attrs): LlmFields {
  const f: LlmFields = {}
  const kind = str(a, 'openinference.span.kind')
  if (kind) {
    f.kindHint = kind
    f.kind = kindFromOpenInference(kind)
  }
  f.model = str(a, 'llm.model_name') ?? str(a, 'embedding.model_name')
  f.provider = first(a, ['llm.provider', 'llm.system'], str)
  f.inputTokens = num(a, 'llm.token_count.prompt')
  f.outputTokens = num(a, 'llm.token_count.completion')
  const costTotal = num(a, 'llm.cost.total')
  const costIn = num(a, 'llm.cost.prompt')
  const costOut = num(a, 'llm.cost.completion')
  f.cost =
    costTotal ??
    (costIn !== undefined || costOut !== undefined ? (costIn ?? 0) + (costOut ?? 0) : undefined)
  f.sessionId = str(a, 'session.id')
  f.userId = str(a, 'user.id')

  f.input = payload(a, 'input', indexed(a, 'llm.input_messages').map(message))
  f.output = payload(a, 'output', indexed(a, 'llm.output_messages').map(message))
  if (!f.output) f.output = documents(a)
  if (!f.kind && f.model) f.kind = 'llm'
  return f
}

/**
 * `input.value` (as given, with its mime type) is the payload; the indexed messages, when present,
 * are the chat view (they are the structured form of what the model saw).
 */
function payload(a: Attrs, side: 'input' | 'output', messages: Json[]): Payload | undefined {
  const value = a[`${side}.value`]
  const mime = str(a, `${side}.mime_type`)
  const chat = messages.length ? toChatMessages(messages) : undefined
  if (value === undefined || value === null) {
    return messages.length
      ? { ...toPayload(messages), ...(chat ? { messages: chat } : {}) }
      : undefined
  }
  const p = toPayload(value, mime)
  if (chat) p.messages = chat
  return p
}

/** Rebuilds an OpenAI-style message from `llm.*_messages.N.message.*` keys. */
function message(g: Attrs): Json {
  const m = under(g, 'message')
  const out: { [k: string]: Json } = { role: str(m, 'role') ?? 'user' }
  const contents = indexed(m, 'contents').map((c): Json => {
    const mc = under(c, 'message_content')
    const type = str(mc, 'type') ?? 'text'
    if (type === 'image')
      return { type: 'image_url', image_url: { url: str(mc, 'image.image.url') ?? '' } }
    return { type, text: str(mc, 'text') ?? '' }
  })
  if (m['content'] !== undefined) out.content = m['content']
  else if (contents.length) out.content = contents
  const calls = indexed(m, 'tool_calls').map((c) => {
    const tc = under(c, 'tool_call')
    return {
      ...(str(tc, 'id') ? { id: str(tc, 'id') as string } : {}),
      type: 'function',
      function: {
        name: str(tc, 'function.name') ?? '',
        arguments: tc['function.arguments'] ?? null,
      },
    }
  })
  if (calls.length) out.tool_calls = calls
  if (str(m, 'tool_call_id')) out.tool_call_id = str(m, 'tool_call_id') as string
  if (str(m, 'name')) out.name = str(m, 'name') as string
  return out
}

/** Retriever output: `retrieval.documents.N.document.{id,content,score,metadata}`. */
function documents(a: Attrs): Payload | undefined {
  const docs = indexed(a, 'retrieval.documents').map((g) => {
    const d = under(g, 'document')
    const out: { [k: string]: Json } = {}
    for (const [k, v] of Object.entries(d)) out[k] = v
    return out as Json
  })
  return docs.length ? toPayload(docs) : undefined
}
