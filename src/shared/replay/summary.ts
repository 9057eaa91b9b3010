/**
 * The end-of-replay report (seeds/003): prompt, model, project/environment, latency, tokens,
 * cost, retries, steps, status and the final response. Which spans hold the prompt and the
 * response is decided here once, for the app and the terminal replay alike.
 */
import type { Json, Payload } from '../model'
import { STATUS_OK, type ReplayColumns } from './columns'
import { SPAN_KINDS } from '../model'

const LLM = SPAN_KINDS.indexOf('llm')

/**
 * Spans to read for the report: the prompt comes from the first top-level span's input, else
 * the first LLM call's; the response from the first top-level span's output, else the last
 * LLM call's. Candidates are listed in preference order; the caller takes the first non-empty.
 */
export function reportSources(c: ReplayColumns): { prompt: number[]; response: number[] } {
  let firstLlm = -1
  let lastLlm = -1
  for (let i = 0; i < c.count; i++) {
    if (c.kind[i] !== LLM) continue
    if (firstLlm < 0) firstLlm = i
    if (c.status[i] === STATUS_OK || lastLlm < 0) lastLlm = i
  }
  const root = c.count ? 0 : -1
  return {
    prompt: [root, firstLlm].filter((i, k, a) => i >= 0 && a.indexOf(i) === k),
    response: [root, lastLlm].filter((i, k, a) => i >= 0 && a.indexOf(i) === k),
  }
}

/** The user's prompt in a payload: the last user message of a conversation, else its text. */
export function promptText(p: Payload | undefined): string {
  if (!p) return ''
  if (p.messages?.length) {
    const users = p.messages.filter((m) => m.role === 'user')
    const m = users[users.length - 1] ?? p.messages[p.messages.length - 1]
    return messageText(m)
  }
  return valueText(p.value)
}

/** The final answer in a payload: the last assistant message of a conversation, else its text. */
export function responseText(p: Payload | undefined): string {
  if (!p) return ''
  if (p.messages?.length) {
    const replies = p.messages.filter((m) => m.role === 'assistant')
    const m = replies[replies.length - 1] ?? p.messages[p.messages.length - 1]
    return messageText(m)
  }
  return valueText(p.value)
}

function messageText(m: NonNullable<Payload['messages']>[number]): string {
  if (m.text) return m.text
  const parts = (m.parts ?? []).map((part) => part.text ?? '').filter(Boolean)
  if (parts.length) return parts.join('\n')
  if (m.toolCalls?.length)
    return m.toolCalls.map((t) => `${t.name}(${valueText(t.arguments ?? null)})`).join('\n')
  return ''
}

/** A payload value as readable text: strings as they are, common wrappers unwrapped, else JSON. */
export function valueText(v: Json | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v !== 'object' || Array.isArray(v)) return JSON.stringify(v)
  for (const key of [
    'output',
    'answer',
    'response',
    'text',
    'content',
    'prompt',
    'input',
    'question',
    'query',
  ]) {
    const inner = v[key]
    if (typeof inner === 'string' && inner) return inner
  }
  return JSON.stringify(v)
}
