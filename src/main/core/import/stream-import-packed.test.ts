import { describe, expect, it } from 'vitest'
import type { Span } from '../../../shared/model'
import { spanColumnsOf } from '../store/span-table'
import { PackedSpans, stringInterner } from './stream-import-packed'

const T0 = 1_750_000_000_000_000

function span(index: number, extra: Partial<Span>): Span {
  return {
    index,
    id: `span-${index}-${'f'.repeat(12)}`,
    parentId: null,
    parentIndex: -1,
    depth: 0,
    name: 'chat gpt-4o',
    kind: 'llm',
    status: 'ok',
    start: T0 + index * 1000,
    duration: 500,
    attributes: {},
    events: [],
    ...extra,
  }
}

const spans: Span[] = [
  span(0, { kind: 'agent', name: 'agent run', service: 'svc' }),
  span(1, {
    parentId: 'span-0-ffffffffffff',
    parentIndex: 0,
    depth: 1,
    model: 'gpt-4o',
    provider: 'openai',
    inputTokens: 0,
    outputTokens: 12,
    cost: 0.1 + 0.2,
    costEstimated: true,
    status: 'retry',
  }),
  // A parent that was never found: the id is kept although there is no parent step.
  span(2, { parentId: 'missing-parent', flags: ['orphan'], status: 'error', duration: 0 }),
  span(3, {
    parentId: 'span-1-ffffffffffff',
    parentIndex: 1,
    depth: 2,
    kind: 'tool',
    name: 'get_weather',
    flags: ['clock-skew', 'missing-end'],
    start: T0 - 5,
  }),
]

describe('packed spans', () => {
  it('give back every span as it was (without payloads)', () => {
    const packed = new PackedSpans(spans, stringInterner())
    expect(packed.count).toBe(4)
    expect(spans.map((_, i) => packed.span(i))).toEqual(spans)
  })

  it('give the columns a span table is built from', () => {
    expect(new PackedSpans(spans, stringInterner()).columns()).toEqual(spanColumnsOf(spans))
  })

  it('share one copy of repeated strings', () => {
    const intern = stringInterner()
    const a = intern(['chat', 'gpt'].join(' '))
    const b = intern(['chat', 'gpt'].join(' '))
    expect(b).toBe(a)
    expect(intern(undefined)).toBeUndefined()
  })
})
