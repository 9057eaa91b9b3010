/**
 * Pure helpers that turn span payloads into text for display: raw text, size, clipping to the
 * size gate, pretty tool-call arguments, and which view suits a payload best.
 */
import type { ChatMessage, ChatPart, Json, Payload } from '../../../../shared/model'

export type PayloadView = 'conversation' | 'json' | 'raw'

/** The payload as one text: the raw source string when there is one, else the value. */
export function payloadText(payload: Payload): string {
  if (typeof payload.raw === 'string') return payload.raw
  return valueText(payload.value)
}

/** A JSON value as text: strings as themselves, everything else as indented JSON. */
export function valueText(value: Json | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    // Not reachable for real JSON; a cyclic object from a buggy importer should still show.
    return String(value)
  }
}

/** True when the value has structure worth a tree (object or array). */
export function isStructured(value: Json | undefined): boolean {
  return value !== null && typeof value === 'object'
}

/** The views a payload offers, best first, honouring the user's preference when possible. */
export function payloadViews(payload: Payload, preferred: PayloadView): PayloadView[] {
  const views: PayloadView[] = []
  if (payload.messages && payload.messages.length > 0) views.push('conversation')
  if (isStructured(payload.value)) views.push('json')
  views.push('raw')
  if (views.includes(preferred)) return [preferred, ...views.filter((v) => v !== preferred)]
  return views
}

/** The canonical tab order for display (views keep a stable position). */
export const VIEW_ORDER: PayloadView[] = ['conversation', 'json', 'raw']

export interface Clipped {
  text: string
  clipped: boolean
  /** Length of the full text in characters. */
  total: number
}

/** The first `limit` characters of a text (not splitting a surrogate pair). */
export function clip(text: string, limit: number): Clipped {
  if (text.length <= limit) return { text, clipped: false, total: text.length }
  let end = limit
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end-- // high surrogate: keep the pair whole
  return { text: text.slice(0, end), clipped: true, total: text.length }
}

/** Tool-call arguments, pretty-printed when they are (possibly twice-encoded) JSON. */
export function prettyArguments(args: Json | undefined): string {
  if (args === undefined || args === null) return ''
  let value: Json = args
  for (let i = 0; i < 3 && typeof value === 'string'; i++) {
    const trimmed = value.trim()
    if (!/^[[{"]/.test(trimmed)) break
    try {
      value = JSON.parse(trimmed) as Json
    } catch {
      break
    }
  }
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

/** The readable text of a message: its text, else its text parts joined. */
export function messageText(message: ChatMessage): string {
  if (typeof message.text === 'string') return message.text
  return (message.parts ?? [])
    .filter((p) => p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text)
    .join('\n')
}

/** Parts other than plain text (images, tool calls/results kept as parts, other data). */
export function nonTextParts(message: ChatMessage): ChatPart[] {
  if (typeof message.text === 'string')
    return (message.parts ?? []).filter((p) => p.type !== 'text')
  return (message.parts ?? []).filter((p) => p.type !== 'text' || typeof p.text !== 'string')
}

/** Display tone of a chat role. */
export function roleTone(role: string): 'system' | 'user' | 'assistant' | 'tool' | 'other' {
  const r = role.toLowerCase()
  if (r === 'system' || r === 'developer') return 'system'
  if (r === 'user' || r === 'human') return 'user'
  if (r === 'assistant' || r === 'ai' || r === 'model' || r === 'bot') return 'assistant'
  if (r === 'tool' || r === 'function' || r === 'ipython') return 'tool'
  return 'other'
}
