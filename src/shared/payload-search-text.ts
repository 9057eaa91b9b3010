/**
 * The searchable text of a payload: the messages' text (and tool calls) for a conversation,
 * else every string and number in the value, capped. The library indexes exactly this (SQLite
 * FTS5), and a shared file searches it in the page, so both find the same spans.
 */
import type { Json, Payload } from './model'

/** Text searched per payload is capped: search finds what is near the top of huge payloads. */
export const SEARCH_TEXT_LIMIT = 64 * 1024

function collect(value: Json | undefined, out: string[], budget: { left: number }): void {
  if (budget.left <= 0 || value === null || value === undefined) return
  if (typeof value === 'string') {
    out.push(value)
    budget.left -= value.length
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    out.push(String(value))
    budget.left -= 8
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, out, budget)
  } else {
    for (const k in value) collect(value[k], out, budget)
  }
}

/** The searchable text of a payload (at most SEARCH_TEXT_LIMIT characters). */
export function payloadSearchText(p: Payload | undefined): string {
  if (!p) return ''
  const out: string[] = []
  const budget = { left: SEARCH_TEXT_LIMIT }
  if (p.messages?.length) {
    for (const m of p.messages) {
      if (m.text) collect(m.text, out, budget)
      for (const part of m.parts ?? []) if (part.text) collect(part.text, out, budget)
      for (const call of m.toolCalls ?? []) {
        collect(call.name, out, budget)
        if (call.arguments !== undefined) collect(call.arguments, out, budget)
      }
    }
  } else {
    collect(p.value, out, budget)
  }
  const text = out.join('\n')
  return text.length > SEARCH_TEXT_LIMIT ? text.slice(0, SEARCH_TEXT_LIMIT) : text
}
