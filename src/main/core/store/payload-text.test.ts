import { describe, expect, it } from 'vitest'
import type { Json, Payload } from '../../../shared/model'
import { restoreAttributes, restorePayload, storeAttributes, storePayload } from './payload-text'

const messages = [
  { role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris today?' }] },
]
const inputRaw = JSON.stringify(messages)
const outputRaw =
  '[ {"role": "assistant", "parts": [{"type": "text", "content": "Sunny, 24°C and light wind."}]} ]'
const input: Payload = { value: messages as Json, raw: inputRaw }
const output: Payload = { value: JSON.parse(outputRaw) as Json, raw: outputRaw }

/** Stores a span's payloads and attributes as the writer does and reads them back. */
function roundTrip(attributes: Record<string, Json>, inp = input, out = output) {
  const text = storeAttributes(attributes, inp, out)
  const i = restorePayload(storePayload(inp).text)
  const o = restorePayload(storePayload(out).text)
  return { text, restored: restoreAttributes(text, i, o) }
}

describe('stored attributes', () => {
  it('keep a message attribute that is the raw input or output once, in its payload', () => {
    const attributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.input.messages': inputRaw,
      'gen_ai.output.messages': outputRaw,
      'gen_ai.usage.input_tokens': 12,
    }
    const { text, restored } = roundTrip(attributes)
    expect(text).not.toContain('Paris')
    expect(text).not.toContain('Sunny')
    expect(restored).toEqual(attributes)
    expect(Object.keys(restored)).toEqual(Object.keys(attributes)) // the order shown is kept
  })

  it('store everything else as it is', () => {
    const attributes = { a: 1, b: 'x'.repeat(100), c: { nested: inputRaw }, d: null }
    const { text, restored } = roundTrip(attributes)
    expect(text).toBe(JSON.stringify(attributes))
    expect(restored).toEqual(attributes)
    expect(storeAttributes(undefined)).toBe('{}')
    expect(restoreAttributes('{"k":[1,2]}')).toEqual({ k: [1, 2] })
  })

  it('survive hostile keys: __proto__ and the reference key itself', () => {
    const attributes = JSON.parse(
      `{"__proto__": ${JSON.stringify(inputRaw)}, "\\u0000refs": {"__proto__": "input"}, "x": 1}`,
    ) as Record<string, Json>
    const { restored } = roundTrip(attributes)
    expect(Object.keys(restored)).toEqual(['__proto__', '\u0000refs', 'x'])
    expect(Object.getOwnPropertyDescriptor(restored, '__proto__')?.value).toBe(inputRaw)
    expect(JSON.stringify(restored['\u0000refs'])).toBe('{"__proto__":"input"}')
    expect(Object.getPrototypeOf(restored)).toBe(Object.prototype)
    expect(JSON.stringify(restored)).toBe(JSON.stringify(attributes))
  })

  it('are not referenced when the payload has no raw text or a different one', () => {
    const attributes = { m: inputRaw }
    const valueOnly: Payload = { value: messages as Json }
    expect(storeAttributes(attributes, valueOnly, undefined)).toBe(JSON.stringify(attributes))
    const other: Payload = { value: 1, raw: `${inputRaw} ` }
    expect(roundTrip(attributes, other, other).restored).toEqual(attributes)
  })
})
