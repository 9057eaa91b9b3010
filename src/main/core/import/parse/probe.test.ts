import { describe, expect, it } from 'vitest'
import { looksMultiDocument, probeHead } from './probe'

describe('probeHead', () => {
  it('closes a cut document so format detection can look at it', () => {
    const doc = JSON.stringify({
      resourceSpans: [
        {
          resource: { a: 1 },
          scopeSpans: [{ scope: {}, spans: [{ spanId: '1', name: 'x,}' }, { spanId: '2' }] }],
        },
      ],
    })
    for (let cut = 20; cut < doc.length; cut += 7) {
      const p = probeHead(Buffer.from(doc.slice(0, cut)))
      const v = p && 'value' in p ? (p.value as { resourceSpans?: unknown[] }) : null
      if (v) expect(Array.isArray(v.resourceSpans)).toBe(true)
    }
    const cutAt = doc.indexOf('{"spanId":"2"')
    expect(probeHead(Buffer.from(doc.slice(0, cutAt)))).toEqual({
      value: {
        resourceSpans: [
          {
            resource: { a: 1 },
            scopeSpans: [{ scope: {}, spans: [{ spanId: '1', name: 'x,}' }] }],
          },
        ],
      },
    })
    expect(probeHead(Buffer.from('{"data":[{"object":"trace"},{"obj'))).toEqual({
      value: { data: [{ object: 'trace' }] },
    })
    expect(probeHead(Buffer.from('no json here'))).toBeNull()
    expect(probeHead(Buffer.from('{"data":[{,"x":1},{"y":'))).toHaveProperty('error')
  })
})

describe('looksMultiDocument', () => {
  it('tells JSON Lines and concatenated objects from one big document', () => {
    expect(looksMultiDocument(Buffer.from('{"a":1}\n{"b":'))).toBe(true)
    expect(looksMultiDocument(Buffer.from('{\n "a": 1\n}\n{\n'))).toBe(true)
    expect(looksMultiDocument(Buffer.from('{"a":[1,2,3'))).toBe(false)
    expect(looksMultiDocument(Buffer.from('{"a":1}\n  '))).toBe(false)
  })
})
