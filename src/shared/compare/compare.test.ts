import { describe, expect, it } from 'vitest'
import { compareTraces, summarise, type ComparedTrace } from './compare'
import { payloadContentKey } from './payload-key'
import { sideFromSpans, type SpanLike } from './side-builder'

const trace = (
  id: string,
  spanCount: number,
  extra: Partial<ComparedTrace> = {},
): ComparedTrace => ({
  id,
  name: id,
  spanCount,
  status: 'ok',
  start: 0,
  duration: 3_000_000,
  inputTokens: 100,
  outputTokens: 50,
  cost: 0.003,
  ...extra,
})

describe('compareTraces + summarise', () => {
  it('summarises in the shape of `tracedeck diff --json`, with 1-based steps', () => {
    const a: SpanLike[] = [
      { name: 'agent', kind: 'agent' },
      { name: 'chat', kind: 'llm', parentIndex: 0, outputHash: 'Paris' },
      { name: 'search', kind: 'tool', parentIndex: 0 },
    ]
    const b: SpanLike[] = [
      { name: 'agent', kind: 'agent' },
      { name: 'chat', kind: 'llm', parentIndex: 0, outputHash: 'Lyon' },
      { name: 'search', kind: 'tool', parentIndex: 0 },
      { name: 'extra', kind: 'tool', parentIndex: 0 },
    ]
    const c = compareTraces(
      { trace: trace('A', 3), spans: sideFromSpans(a) },
      {
        trace: trace('B', 4, { duration: 2_500_000, outputTokens: 70, cost: 0.001 }),
        spans: sideFromSpans(b),
      },
    )
    expect(JSON.parse(JSON.stringify(summarise(c)))).toEqual({
      a: { id: 'A', spanCount: 3 },
      b: { id: 'B', spanCount: 4 },
      pairs: 3,
      onlyA: 0,
      onlyB: 1,
      firstDivergence: { stepA: 2, stepB: 2, nameA: 'chat', nameB: 'chat', reason: 'output' },
      delta: { durationMs: -500, inputTokens: 0, outputTokens: 20, cost: -0.002 },
    })
    expect(c.divergences.map((d) => d.reason)).toEqual(['output', 'onlyB'])
    expect(c.rowA).toEqual([0, 1, 2, -1])
    expect(c.rowB).toEqual([0, 1, 2, 3])
  })

  it('has no first divergence for identical traces', () => {
    const s = sideFromSpans([{ name: 'x' }])
    expect(
      summarise(
        compareTraces({ trace: trace('A', 1), spans: s }, { trace: trace('B', 1), spans: s }),
      ).firstDivergence,
    ).toBeNull()
  })
})

describe('payloadContentKey', () => {
  it('ignores the envelope of a conversation but not its content', () => {
    const run = (id: string, text: string, args: string) => ({
      value: { id, created: Number(id.slice(-1)), choices: [{ message: { content: text } }] },
      messages: [
        {
          role: 'assistant',
          text,
          toolCalls: [{ id: `call_${id}`, name: 'search', arguments: args }],
        },
      ],
    })
    expect(payloadContentKey(run('chatcmpl-1', 'Paris', '{"q": "x"}'))).toBe(
      payloadContentKey(run('chatcmpl-2', 'Paris', '{"q":"x"}')),
    )
    expect(payloadContentKey(run('chatcmpl-1', 'Paris', '{}'))).not.toBe(
      payloadContentKey(run('chatcmpl-1', 'Lyon', '{}')),
    )
    expect(payloadContentKey({ value: { id: 1 } })).not.toBe(
      payloadContentKey({ value: { id: 2 } }),
    )
  })
})
