/**
 * What the library stores and indexes for a payload: the JSON text kept in span_payloads, a
 * content hash of its value (spans.input_hash/output_hash, compared by the comparison view), and
 * the searchable text put in the full-text index (message text for conversations, otherwise
 * the value itself).
 */
import { hash as digest } from 'node:crypto'
import type { Json, Payload } from '../../../shared/model'

/** Text indexed per payload is capped: search finds what is near the top of huge payloads. */
export const FTS_TEXT_LIMIT = 64 * 1024

/**
 * A payload as stored: JSON of the Payload, except that a `raw` string that is exactly the JSON
 * of `value` (the usual case: a JSON string decoded once) is stored as `"rawIsValue":true`
 * instead of a second copy. `restorePayload` undoes it. Returns the text and the value's hash.
 */
export function storePayload(p: Payload): { text: string; hash: string } {
  const valueJson = JSON.stringify(p.value) ?? 'null'
  // One-shot hash: no Hash object per payload (a million of them in a big import).
  const hash = digest('sha1', valueJson, 'hex')
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

/**
 * Key of the reference map inside stored attributes. It cannot clash with a real attribute: one
 * of that name is itself kept in the map (as a literal) and restored.
 */
const ATTRIBUTE_REFS = '\u0000refs'
/** Shorter strings are not worth a reference. */
const MIN_REF_LENGTH = 64

type AttributeRef = 'input' | 'output' | [Json]

function defineValue<T>(obj: Record<string, T>, key: string, value: T): void {
  // Assigning __proto__ would set the prototype: that key is defined instead (slower, so only it).
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
  } else {
    obj[key] = value
  }
}

/**
 * Attributes as stored. Conventions such as OTel GenAI carry the messages as a JSON string
 * attribute that is also the input's or output's raw text; such a value is stored once, in the
 * payload, and the attribute keeps its place with a reference (`restoreAttributes` undoes it).
 */
export function storeAttributes(
  attributes: Record<string, Json> | undefined,
  input?: Payload,
  output?: Payload,
): string {
  if (!attributes) return '{}'
  const inRaw = input?.raw
  const outRaw = output?.raw
  let refs: Record<string, AttributeRef> | undefined
  if (inRaw !== undefined || outRaw !== undefined) {
    for (const key of Object.keys(attributes)) {
      const v = attributes[key]
      if (typeof v !== 'string' || v.length < MIN_REF_LENGTH) continue
      if (v === inRaw) defineValue((refs ??= {}), key, 'input')
      else if (v === outRaw) defineValue((refs ??= {}), key, 'output')
    }
  }
  if (Object.hasOwn(attributes, ATTRIBUTE_REFS))
    defineValue((refs ??= {}), ATTRIBUTE_REFS, [attributes[ATTRIBUTE_REFS]])
  if (!refs) return JSON.stringify(attributes)
  const stored: Record<string, Json> = {}
  for (const key of Object.keys(attributes))
    defineValue(stored, key, Object.hasOwn(refs, key) ? 0 : attributes[key])
  defineValue(stored, ATTRIBUTE_REFS, refs as Record<string, Json>)
  return JSON.stringify(stored)
}

/** Stored attributes back to what `storeAttributes` was given (payloads already restored). */
export function restoreAttributes(
  text: string,
  input?: Payload,
  output?: Payload,
): Record<string, Json> {
  const attributes = JSON.parse(text) as Record<string, Json>
  if (!Object.hasOwn(attributes, ATTRIBUTE_REFS)) return attributes
  const refs = attributes[ATTRIBUTE_REFS] as Record<string, AttributeRef>
  // A real attribute of that name keeps its place (it is among the refs); otherwise it goes.
  if (!Object.hasOwn(refs, ATTRIBUTE_REFS)) delete attributes[ATTRIBUTE_REFS]
  for (const key of Object.keys(refs)) {
    const ref = refs[key]
    const value = Array.isArray(ref) ? ref[0] : (ref === 'input' ? input : output)?.raw
    defineValue(attributes, key, value ?? null)
  }
  return attributes
}
