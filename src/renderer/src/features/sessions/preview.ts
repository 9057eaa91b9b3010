/** One-line previews of span payloads for the inline span list (pure). */
import type { ChatMessage, Json, Payload } from '../../../../shared/model'

const MAX = 160

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > MAX ? flat.slice(0, MAX - 1) + '…' : flat
}

function messageLine(m: ChatMessage): string {
  const text = m.text ?? (m.parts ?? []).map((p) => p.text ?? '').join(' ')
  if (text.trim()) return text
  if (m.toolCalls?.length) return m.toolCalls.map((c) => `${c.name}(…)`).join(', ')
  return ''
}

function valueLine(value: Json): string {
  if (value === null) return ''
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/**
 * A payload as one short line: for a conversation, the last message (with its role); for
 * anything else, the text or compact JSON. Empty when there is nothing to show.
 */
export function payloadPreview(payload: Payload | undefined): string {
  if (!payload) return ''
  const messages = payload.messages
  if (messages?.length) {
    const last = messages[messages.length - 1]
    const line = messageLine(last)
    return line ? oneLine(`${last.role}: ${line}`) : ''
  }
  return oneLine(valueLine(payload.value))
}
