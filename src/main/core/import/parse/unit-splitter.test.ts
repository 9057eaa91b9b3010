import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { UnitSplitter, type PathStep } from './unit-splitter'

function split(text: string, path: PathStep[], chunk: number) {
  const units: { value: unknown; context: unknown[]; offset: number }[] = []
  const s = new UnitSplitter(path, {
    unit: (t, context, offset) =>
      units.push({ value: JSON.parse(t), context: structuredClone(context), offset }),
  })
  const buf = Buffer.from(text)
  for (let i = 0; i < buf.length; i += chunk) s.push(buf.subarray(i, i + chunk))
  s.end()
  return { units, skipped: s.skipped }
}

const otlp = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a"}]\\' } }] },
      scopeSpans: [
        {
          scope: { name: 's1' },
          spans: [
            { spanId: '1', name: 'é😀 \\"x\\"' },
            { spanId: '2', name: '[{' },
          ],
        },
        { scope: { name: 's2' }, spans: [] },
      ],
    },
    {
      resource: {},
      scopeSpans: [
        {
          scope: { name: 's3' },
          spans: [{ spanId: '3', n: [1, { a: null }], b: true, c: -1.5e3 }],
        },
      ],
    },
  ],
}
const PATH = ['resourceSpans', '*', 'scopeSpans', '*', 'spans', '*']

describe('UnitSplitter', () => {
  it('finds every unit at the path with its enclosing context, whatever the chunk size', () => {
    const text = JSON.stringify(otlp, null, 2)
    for (const chunk of [1, 2, 3, 5, 7, 64, 1 << 20]) {
      const { units } = split(text, PATH, chunk)
      expect(units.map((u) => u.value)).toEqual([
        ...otlp.resourceSpans[0].scopeSpans[0].spans,
        ...otlp.resourceSpans[1].scopeSpans[0].spans,
      ])
      expect(units[0].context).toEqual([
        {},
        { resource: otlp.resourceSpans[0].resource },
        { scope: { name: 's1' } },
      ])
      expect(units[2].context[2]).toEqual({ scope: { name: 's3' } })
      const bytes = Buffer.from(text)
      expect(bytes.toString('utf8', units[1].offset, units[1].offset + 25)).toBe(
        '{\n              "spanId":',
      )
    }
  })

  it('passes the same context object to every unit of one enclosing object', () => {
    const ctxs: unknown[] = []
    const s = new UnitSplitter(PATH, { unit: (_t, c) => ctxs.push(c[2]) })
    s.push(Buffer.from(JSON.stringify(otlp)))
    s.end()
    expect(ctxs[0]).toBe(ctxs[1])
    expect(ctxs[2]).not.toBe(ctxs[0])
  })

  it('matches snake_case keys against a camelCase path', () => {
    const text = '{"resource_spans":[{"scope_spans":[{"spans":[{"x":1}]}]}]}'
    expect(split(text, PATH, 4).units.map((u) => u.value)).toEqual([{ x: 1 }])
  })

  it('reads a top-level array as a list of documents when the path starts with a key', () => {
    const text = JSON.stringify([
      otlp,
      { resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: '4' }] }] }] },
    ])
    const { units } = split(text, PATH, 3)
    expect(units.map((u) => (u.value as { spanId: string }).spanId)).toEqual(['1', '2', '3', '4'])
  })

  it('skips values whose shape does not fit the path', () => {
    const { units, skipped } = split('{"resourceSpans":{"not":"an array"},"other":[1,2]}', PATH, 3)
    expect(units).toEqual([])
    expect(skipped).toBe(1)
  })

  it('with an empty path, yields each top-level value (JSON Lines, concatenated objects)', () => {
    const text = '{"a":1}\n{"b":[2,"}"]}\n  {\n "c": 3\n}\n[4]\n"five"\n6'
    expect(split(text, [], 2).units.map((u) => u.value)).toEqual([
      { a: 1 },
      { b: [2, '}'] },
      { c: 3 },
      [4],
      'five',
      6,
    ])
  })

  it('reports a truncated document and stray characters', () => {
    expect(() =>
      split('{"resourceSpans":[{"scopeSpans":[{"spans":[{"x":1},{"y":', PATH, 5),
    ).toThrow(/looks truncated/)
    expect(() => split('{"a":1}}', [], 3)).toThrow(/unexpected "}" at byte 7/)
  })

  it('agrees with JSON.parse on arbitrary documents split anywhere (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 9 }),
        (docs, chunk) => {
          const text = docs.map((d) => JSON.stringify(d)).join('\n')
          const { units } = split(text, [], chunk)
          expect(units.map((u) => u.value)).toEqual(JSON.parse(JSON.stringify(docs)))
        },
      ),
    )
  })

  it('finds array elements under a key at any chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 6 }),
        fc.jsonValue(),
        fc.integer({ min: 1, max: 9 }),
        (items, meta, chunk) => {
          const doc = { meta, traces: items, after: 1 }
          const { units } = split(JSON.stringify(doc), ['traces', '*'], chunk)
          expect(units.map((u) => u.value)).toEqual(JSON.parse(JSON.stringify(items)))
          for (const u of units)
            expect(u.context).toEqual([{ meta: JSON.parse(JSON.stringify(meta)) }])
        },
      ),
    )
  })
})
