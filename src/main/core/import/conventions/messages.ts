/** Small builders shared by the conventions for payloads made of reconstructed messages. */
import type { ChatMessage, Json, Payload } from '../../../../shared/model'
import { toChatMessages, toPayload } from '../chat'
import { decodeJsonString, toJson } from '../decode'

/** A payload whose value is a list of reconstructed message objects (kept as the source had them). */
export function messagesPayload(objects: Json[], mimeType?: string): Payload | undefined {
  if (objects.length === 0) return undefined
  const p = toPayload(objects, mimeType)
  return p
}

/** Adds system messages in front of a payload's chat view (creating the payload if needed). */
export function withSystem(p: Payload | undefined, system: ChatMessage[]): Payload | undefined {
  if (system.length === 0) return p
  if (!p) return { value: system.map((m) => ({ role: m.role, content: m.text ?? null })), messages: system }
  return { ...p, messages: [...system, ...(p.messages ?? [])] }
}

/**
 * System messages from an instructions value: a plain string, a JSON list of GenAI parts
 * (`[{type:'text',content}]`), or messages.
 */
export function systemMessages(value: Json | undefined): ChatMessage[] {
  if (value === undefined || value === null) return []
  const v = typeof value === 'string' ? decodeJsonString(value).value : value
  if (typeof v === 'string') return v ? [{ role: 'system', text: v }] : []
  const asMessages = toChatMessages(v)
  if (asMessages) return asMessages.map((m) => ({ ...m, role: m.role || 'system' }))
  const parts = Array.isArray(v) ? v : [v]
  return toChatMessages([{ role: 'system', parts }]) ?? [{ role: 'system', text: JSON.stringify(v) }]
}

/** Decodes a value that may be a JSON string holding a list of content parts; other text stays text. */
export function contentValue(v: Json | undefined): Json | undefined {
  if (typeof v !== 'string') return v
  const d = decodeJsonString(v)
  return Array.isArray(d.value) ? d.value : v
}

export { toJson, toPayload }
