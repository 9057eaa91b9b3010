import { describe, expect, it } from 'vitest'
import { plainValue, preserialised, serialisedJson } from './preserialised'

const text = JSON.stringify({ traceId: 't', count: 2, start: [0, 5], names: ['a', 'b'] })

describe('preserialised values', () => {
  it('read as the parsed value and carry their JSON text for transports', () => {
    const v = preserialised<{ traceId: string; count: number; start: number[] }>(text)
    expect(serialisedJson(v)).toBe(text)
    expect(v.count).toBe(2)
    expect(v).toEqual(JSON.parse(text))
    expect(Object.keys(v)).toEqual(['traceId', 'count', 'start', 'names'])
    expect('start' in v).toBe(true)
    expect(JSON.stringify(v)).toBe(text)
    const bytes = preserialised<{ count: number }>(Buffer.from(text))
    expect(bytes.count).toBe(2)
    expect(serialisedJson(bytes)).toEqual(Buffer.from(text))
    expect(serialisedJson({ count: 2 })).toBeUndefined()
    expect(serialisedJson(null)).toBeUndefined()
  })

  it('stay unparsed when awaited (an async handler returns them through a promise)', async () => {
    let parses = 0
    const parse = JSON.parse
    JSON.parse = ((t: string) => (parses++, parse(t))) as typeof JSON.parse
    try {
      const v = await Promise.resolve(preserialised<{ count: number }>(text))
      expect(serialisedJson(v)).toBe(text)
      expect(parses).toBe(0)
      expect(v.count).toBe(2)
      expect(parses).toBe(1)
    } finally {
      JSON.parse = parse
    }
  })

  it('drop the text once a caller changes the value, so a transport sends what it holds', () => {
    const v = preserialised<{ count: number; names?: string[] }>(text)
    v.count = 3
    expect(serialisedJson(v)).toBeUndefined()
    expect(JSON.parse(JSON.stringify(v)).count).toBe(3)
    const w = preserialised<{ names?: string[] }>(text)
    delete w.names
    expect(serialisedJson(w)).toBeUndefined()
  })

  it('become plain (structured-cloneable, as Electron IPC needs) through plainValue', () => {
    const v = preserialised<object>(text)
    expect(() => structuredClone(v)).toThrow()
    expect(structuredClone(plainValue(v))).toEqual(JSON.parse(text))
    const plain = { a: 1 }
    expect(plainValue(plain)).toBe(plain)
    expect(plainValue(7)).toBe(7)
  })
})
