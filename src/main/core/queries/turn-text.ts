/**
 * Reading a turn as a conversation: the user's message that opened it and the model's response,
 * as plain text, from stored span payloads. Pure functions over the model's `Payload`.
 */
import type { ChatMessage, Json, Payload } from '../../../shared/model'

/** Longest text kept per message in the conversation view (the span detail has the rest). */
export const TURN_TEXT_MAX = 20_000

// Keys under which producers commonly put the human-readable part of a non-chat payload.
const TEXT_KEYS = [
  'input',
  'query',
  'question',
  'prompt',
  'message',
  'user_input',
  'content',
  'text',
  'output',
  'answer',
  'response',
  'result',
  'completion',
]

/** Parses a stored payload column; anything that is not a Payload is treated as its value. */
export function readPayload(column: string | null): Payload | null {
  if (column === null) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(column)
  } catch (err) {
    if (err instanceof SyntaxError) return { value: column }
    throw err
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'value' in parsed)
    return parsed as Payload
  return { value: parsed as Json }
}

/** The text of a chat message: its text, else its text parts, else a marker for other content. */
export function messageText(m: ChatMessage): string {
  if (m.text) return m.text
  const parts = m.parts ?? []
  const texts = parts.filter((p) => p.type === 'text' && p.text).map((p) => p.text as string)
  if (texts.length) return texts.join('\n')
  if (parts.some((p) => p.type === 'image')) return '[image]'
  if (m.toolCalls?.length) return m.toolCalls.map((c) => `→ ${c.name}(…)`).join('\n')
  return ''
}

function clip(text: string): string {
  return text.length > TURN_TEXT_MAX ? text.slice(0, TURN_TEXT_MAX) + '…' : text
}

/** Best text of a non-chat value: a string, or a well-known text field, else compact JSON. */
export function valueText(value: Json | undefined, depth = 0): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (!Array.isArray(value) && depth < 3) {
    for (const key of TEXT_KEYS) {
      const found = valueText(value[key], depth + 1)
      if (found) return found
    }
  }
  const json = JSON.stringify(value)
  return json === '{}' || json === '[]' ? null : json
}

/** The newest user message of a prompt (earlier ones are the history the client resent). */
export function userText(p: Payload | null): string | null {
  if (!p) return null
  if (p.messages?.length) {
    for (let i = p.messages.length - 1; i >= 0; i--) {
      const m = p.messages[i]
      if (m.role === 'user' || m.role === 'human') {
        const text = messageText(m)
        if (text) return clip(text)
      }
    }
    return null
  }
  const text = valueText(p.value)
  return text ? clip(text) : null
}

/** The assistant's text in an output; null when it holds only tool calls (not yet an answer). */
export function responseText(p: Payload | null): string | null {
  if (!p) return null
  if (p.messages?.length) {
    for (let i = p.messages.length - 1; i >= 0; i--) {
      const m = p.messages[i]
      if (m.role === 'assistant' || m.role === 'ai' || m.role === 'model') {
        const text =
          m.text ||
          (m.parts ?? [])
            .filter((x) => x.type === 'text')
            .map((x) => x.text)
            .join('\n')
        if (text) return clip(text)
      }
    }
    return null
  }
  const text = valueText(p.value)
  return text ? clip(text) : null
}
