/**
 * What the library stores and indexes for a payload: the JSON text kept in span_payloads, a
 * content hash of its value (spans.input_hash/output_hash, compared by the comparison view), and
 * the searchable text put in the full-text index (message text for conversations, otherwise
 * the value itself).
 */
import { createHash } from 'node:crypto'
import type { Json, Payload } from '../../../shared/model'

/** Text indexed per payload is capped: search finds what is near the top of huge payloads. */
export const FTS_TEXT_LIMIT = 64 * 1024

/** Hash of a payload's value (same value → same hash, whatever the raw form). */
export function hashPayloadValue(value: Json): string {
  return createHash('sha1')
    .update(JSON.stringify(value) ?? 'null')
    .digest('hex')
}

/**
 * A payload as stored: JSON of the Payload, except that a `raw` string that is exactly the JSON
 * of `value` (the usual case: a JSON string decoded once) is stored as `"rawIsValue":true`
 * instead of a second copy. `restorePayload` undoes it. Returns the text and the value's hash.
 */
export function storePayload(p: Payload): { text: string; hash: string } {
  const valueJson = JSON.stringify(p.value) ?? 'null'
  const hash = createHash('sha1').update(valueJson).digest('hex')
  let text = `{"value":${valueJson}`
  if (p.raw !== undefined)
    text += p.raw === valueJson ? ',"rawIsValue":true' : `,"raw":${JSON.stringify(p.raw)}`
  if (p.mimeType !== undefined) text += `,"mimeType":${JSON.stringify(p.mimeType)}`
  if (p.messages !== undefined) text += `,"messages":${JSON.stringify(p.messages)}`
  return { text: `${text}}`, hash }
}

/** A stored payload's text back to the Payload that was stored. */
export function restorePayload(text: string): Payload {
  const p = JSON.parse(text) as Payload & { rawIsValue?: boolean }
  if (p.rawIsValue) {
    delete p.rawIsValue
    p.raw = JSON.stringify(p.value)
  }
  return p
}

function collect(value: Json, out: string[], budget: { left: number }): void {
  if (budget.left <= 0 || value === null) return
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

/** The searchable text of a payload (capped at FTS_TEXT_LIMIT characters). */
export function payloadSearchText(p: Payload | undefined): string {
  if (!p) return ''
  const out: string[] = []
  const budget = { left: FTS_TEXT_LIMIT }
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
  return text.length > FTS_TEXT_LIMIT ? text.slice(0, FTS_TEXT_LIMIT) : text
}
