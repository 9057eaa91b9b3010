/**
 * What the library stores for a payload: the JSON text kept in span_payloads and a content
 * hash of its value (spans.input_hash/output_hash, compared by the comparison view). The text
 * put in the full-text index is shared/payload-search-text.ts (a shared file searches the same).
 */
import { hash as digest } from 'node:crypto'
import type { Json, Payload } from '../../../shared/model'

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
