/**
 * What comparison looks at in a payload. A conversation compares by its messages — roles, text,
 * parts and tool calls (name and arguments) — not by the envelope around them, which carries
 * per-run noise (response ids, `created` timestamps, usage) — nor by tool-call ids, which differ
 * on every run. Any other payload
 * compares by its value.
 */
import type { Json, Payload } from '../model'

function canonicalArguments(args: Json | undefined): Json {
  if (typeof args !== 'string') return args ?? null
  try {
    return JSON.parse(args) as Json // '{"a": 1}' and '{"a":1}' are the same call
  } catch {
    return args // not JSON: compare the text as given
  }
}

// Per-run identifiers a part's data may carry (which call a tool result answers, etc.).
const PART_ID_KEYS = new Set(['id', 'toolCallId', 'tool_call_id', 'call_id', 'tool_use_id'])

function partData(data: Json | undefined): Json {
  if (data === undefined) return null
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data
  return Object.fromEntries(Object.entries(data).filter(([k]) => !PART_ID_KEYS.has(k)))
}

/** A string equal for two payloads exactly when comparison treats them as the same content. */
export function payloadContentKey(payload: Payload | null | undefined): string {
  if (!payload) return ''
  if (payload.messages?.length) {
    return JSON.stringify(
      payload.messages.map((m) => [
        m.role,
        m.name ?? null,
        m.text ?? null,
        (m.parts ?? []).map((p) => [p.type, p.text ?? null, partData(p.data)]),
        (m.toolCalls ?? []).map((c) => [c.name, canonicalArguments(c.arguments)]),
      ]),
    )
  }
  return JSON.stringify(payload.value) ?? 'null'
}
