import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeJsonDeep, decodeJsonString, looksLikeJson } from './decode'

describe('decodeJsonDeep', () => {
  it('decodes an object held in a string and keeps the raw string', () => {
    const raw = '{"city":"Paris","days":3}'
    expect(decodeJsonDeep(raw)).toEqual({ value: { city: 'Paris', days: 3 }, raw })
  })

  it('peels off a second encoding layer', () => {
    const twice = JSON.stringify(JSON.stringify([{ role: 'user', content: 'hi' }]))
    expect(decodeJsonDeep(twice)).toEqual({ value: [{ role: 'user', content: 'hi' }], raw: twice })
  })

  it('decodes JSON strings nested inside objects (tool arguments, metadata)', () => {
    const v = { name: 'get_weather', arguments: '{"city":"Tokyo"}', note: 'plain text' }
    expect(decodeJsonDeep(v)).toEqual({
      value: { name: 'get_weather', arguments: { city: 'Tokyo' }, note: 'plain text' },
    })
  })

  it('leaves free text, numbers-in-strings and broken JSON alone', () => {
    for (const s of ['hello', '42', 'true', 'null', '{not json', '[1,2', '{"a":1} trailing', '']) {
      expect(decodeJsonDeep(s)).toEqual({ value: s })
    }
  })

  it('turns non-JSON values into JSON-compatible ones', () => {
    expect(decodeJsonDeep(undefined).value).toBeNull()
    expect(decodeJsonDeep(10n).value).toBe('10')
    expect(decodeJsonDeep({ a: undefined, b: NaN }).value).toEqual({ b: 'NaN' })
  })

  it('decodes a twice-encoded plain string to the string', () => {
    expect(decodeJsonString('"\\"hi\\""')).toEqual({ value: 'hi', raw: '"\\"hi\\""' })
  })

  it('never throws, whatever the string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const d = decodeJsonDeep(s)
        if (d.raw !== undefined) expect(d.raw).toBe(s)
        else expect(d.value).toBe(s)
      }),
    )
    fc.assert(
      fc.property(fc.jsonValue(), (v) => void decodeJsonDeep(JSON.stringify(JSON.stringify(v)))),
    )
  })

  it('round-trips any JSON object or array encoded once or twice', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.integer()), fc.dictionary(fc.string(), fc.integer())),
        (v) => {
          expect(decodeJsonDeep(JSON.stringify(v)).value).toEqual(v)
          expect(decodeJsonDeep(JSON.stringify(JSON.stringify(v))).value).toEqual(v)
        },
      ),
    )
  })

  it('keeps a "__proto__" key of untrusted content as a key', () => {
    const d = decodeJsonDeep('{"__proto__":{"polluted":1},"a":"{\\"__proto__\\":0}"}')
    expect(Object.keys(d.value as object)).toEqual(['__proto__', 'a'])
    expect(Object.getPrototypeOf(d.value)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('recognises JSON-looking strings cheaply', () => {
    expect(looksLikeJson('  {"a":1}\n')).toBe(true)
    expect(looksLikeJson('[]')).toBe(true)
    expect(looksLikeJson('{')).toBe(false)
    expect(looksLikeJson('12')).toBe(false)
  })
})
