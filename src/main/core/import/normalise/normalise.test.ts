import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RawSpan, RawTrace } from '../../../../shared/model'
import { loadPriceTable } from '../../pricing/price-table'
import { span, T0 } from '../test-fixtures'
import { mergeRawTraces, normaliseTrace, normaliseTraces, traceIdFor } from './normalise'

const ctx = { format: 'test', file: 'f.json', fileHash: 'abc', prices: loadPriceTable() }
const norm = (spans: RawSpan[], extra: Partial<RawTrace> = {}) =>
  normaliseTrace({ sourceTraceId: 't', spans, ...extra }, ctx)
const names = (t: ReturnType<typeof norm>) => t.spans.map((s) => s.name)

describe('step order', () => {
  it('is depth-first, parent before children, siblings by start, ties by source order', () => {
    const t = norm([
      span('c2', 'root', 'child B', 50, 10),
      span('g1', 'c1', 'grandchild', 15, 5),
      span('c1', 'root', 'child A', 10, 20),
      span('c3', 'root', 'child C (tie, later in file)', 50, 10),
      span('root', null, 'root', 0, 100),
    ])
    expect(names(t)).toEqual([
      'root',
      'child A',
      'grandchild',
      'child B',
      'child C (tie, later in file)',
    ])
    expect(t.spans.map((s) => s.parentIndex)).toEqual([-1, 0, 1, 0, 0])
    expect(t.spans.map((s) => s.depth)).toEqual([0, 1, 2, 1, 1])
    expect(t.spans.map((s) => s.index)).toEqual([0, 1, 2, 3, 4])
    expect(t.trace).toMatchObject({
      name: 'root',
      start: T0,
      duration: 100_000,
      spanCount: 5,
      status: 'ok',
    })
  })

  it('handles a chain a hundred thousand spans deep without recursion', () => {
    const spans: RawSpan[] = []
    for (let i = 0; i < 100_000; i++)
      spans.push(span(`s${i}`, i ? `s${i - 1}` : null, `n${i}`, i / 1000, 1000))
    const t = norm(spans.reverse())
    expect(t.spans[99_999].depth).toBe(99_999)
    expect(t.spans[99_999].parentIndex).toBe(99_998)
  })

  it('keeps invariants on random forests (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            parent: fc.nat(60),
            start: fc.nat(1000),
            dur: fc.nat(500),
            hasParent: fc.boolean(),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (recs) => {
          const spans = recs.map((r, i) =>
            span(
              `s${i}`,
              r.hasParent ? `s${r.parent % recs.length}` : null,
              `n${i}`,
              r.start,
              r.dur,
            ),
          )
          const t = norm(spans)
          expect(t.spans).toHaveLength(spans.length)
          expect(new Set(t.spans.map((s) => s.id)).size).toBe(spans.length)
          t.spans.forEach((s, i) => {
            expect(s.index).toBe(i)
            if (s.parentIndex === -1) expect(s.depth).toBe(0)
            else {
              expect(s.parentIndex).toBeLessThan(i)
              expect(s.depth).toBe(t.spans[s.parentIndex].depth + 1)
            }
          })
          // Every subtree is contiguous: a span's descendants directly follow it.
          for (let i = 1; i < t.spans.length; i++) {
            const p = t.spans[i].parentIndex
            if (p >= 0)
              for (let k = p + 1; k < i; k++)
                expect(t.spans[k].depth).toBeGreaterThan(t.spans[p].depth)
          }
        },
      ),
    )
  })
})

describe('retries and status', () => {
  it('marks a failed span followed by a same-name same-kind sibling as a retry; the trace recovered', () => {
    const t = norm([
      span('r', null, 'agent', 0, 100),
      span('a', 'r', 'call', 1, 5, { kind: 'llm', failed: true }),
      span('x', 'r', 'other', 7, 1),
      span('b', 'r', 'call', 10, 5, { kind: 'llm', failed: true }),
      span('c', 'r', 'call', 20, 5, { kind: 'llm' }),
    ])
    expect(t.spans.map((s) => s.status)).toEqual(['ok', 'retry', 'ok', 'retry', 'ok'])
    expect(t.trace).toMatchObject({ status: 'warning', retryCount: 2, errorCount: 2 })
  })

  it('is an error when the last attempt failed, or a failure was not retried', () => {
    const lastFailed = norm([
      span('a', null, 'call', 0, 5, { failed: true }),
      span('b', null, 'call', 10, 5, { failed: true }),
    ])
    expect(lastFailed.spans.map((s) => s.status)).toEqual(['retry', 'error'])
    expect(lastFailed.trace.status).toBe('error')
    // A different kind is not a retry of the same operation.
    const otherKind = norm([
      span('a', null, 'call', 0, 5, { failed: true, kind: 'tool' }),
      span('b', null, 'call', 10, 5, { kind: 'llm' }),
    ])
    expect(otherKind.trace.status).toBe('error')
    // An error object counts as a failure.
    expect(norm([span('a', null, 'x', 0, 1, { error: { message: 'boom' } })]).trace.status).toBe(
      'error',
    )
  })
})

describe('the retry rule: a later sibling must repeat the same operation', () => {
  const http = (url: string, method = 'GET') => ({ attributes: { 'http.method': method, 'http.url': url } })
  const statusOf = (spans: RawSpan[]) => {
    const t = norm(spans)
    return { spans: t.spans.slice(1).map((s) => s.status), trace: t.trace.status }
  }

  it('a 404 followed by a call with the same name to another URL is an error, not a retry', () => {
    expect(
      statusOf([
        span('r', null, 'frontend', 0, 100),
        span('a', 'r', 'GET', 1, 5, { failed: true, ...http('http://api/users/7') }),
        span('b', 'r', 'GET', 10, 5, http('http://api/orders')),
      ]),
    ).toEqual({ spans: ['error', 'ok'], trace: 'error' })
  })

  it('the same URL again is a retry, and the trace recovered', () => {
    expect(
      statusOf([
        span('r', null, 'frontend', 0, 100),
        span('a', 'r', 'GET', 1, 5, { failed: true, ...http('http://api/users/7') }),
        span('b', 'r', 'GET', 10, 5, http('http://api/users/7')),
      ]),
    ).toEqual({ spans: ['retry', 'ok'], trace: 'warning' })
    // Same URL, other method: another operation.
    expect(
      statusOf([
        span('r', null, 'frontend', 0, 100),
        span('a', 'r', 'call', 1, 5, { failed: true, ...http('http://api/x', 'POST') }),
        span('b', 'r', 'call', 10, 5, http('http://api/x', 'DELETE')),
      ]).trace,
    ).toBe('error')
  })

  it('a tool is retried only with the same arguments', () => {
    const tool = (id: string, start: number, args: string, failed = false) =>
      span(id, 'r', 'search', start, 5, { kind: 'tool', failed, input: { value: { q: args } } })
    const root = span('r', null, 'agent', 0, 100)
    expect(statusOf([root, tool('a', 1, 'lyon', true), tool('b', 10, 'lyon')]).trace).toBe('warning')
    expect(statusOf([root, tool('a', 1, 'lyon', true), tool('b', 10, 'paris')])).toEqual({
      spans: ['error', 'ok'],
      trace: 'error',
    })
  })

  it('an LLM call is retried only with the same model and input', () => {
    const llm = (id: string, start: number, model: string, prompt: string, failed = false) =>
      span(id, 'r', 'chat', start, 5, { kind: 'llm', model, failed, input: { value: prompt } })
    const root = span('r', null, 'agent', 0, 100)
    expect(statusOf([root, llm('a', 1, 'gpt-4o', 'hi', true), llm('b', 9, 'gpt-4o', 'hi')]).trace).toBe(
      'warning',
    )
    expect(
      statusOf([root, llm('a', 1, 'gpt-4o', 'hi', true), llm('b', 9, 'gpt-4o-mini', 'hi')]).trace,
    ).toBe('error')
    expect(
      statusOf([root, llm('a', 1, 'gpt-4o', 'hi', true), llm('b', 9, 'gpt-4o', 'bye')]).trace,
    ).toBe('error')
  })

  it('a later sibling under another parent, or an earlier one, is no retry', () => {
    expect(
      statusOf([
        span('r', null, 'agent', 0, 100),
        span('p1', 'r', 'step', 1, 20),
        span('p2', 'r', 'step2', 30, 20),
        span('a', 'p1', 'call', 2, 5, { failed: true }),
        span('b', 'p2', 'call', 31, 5),
      ]).trace,
    ).toBe('error')
    expect(
      statusOf([
        span('r', null, 'agent', 0, 100),
        span('a', 'r', 'call', 1, 5),
        span('b', 'r', 'call', 10, 5, { failed: true }),
      ]).spans,
    ).toEqual(['ok', 'error'])
  })
})

describe('repairs', () => {
  it('makes orphans top-level, flags and reports them', () => {
    const t = norm([span('r', null, 'root', 0, 10), span('o', 'missing', 'lost child', 2, 1)])
    expect(t.spans[1]).toMatchObject({
      name: 'lost child',
      parentIndex: -1,
      depth: 0,
      parentId: 'missing',
      flags: ['orphan'],
    })
    expect(t.report.repairs).toEqual([
      expect.objectContaining({ kind: 'orphan', spanId: 'o', spanName: 'lost child' }),
    ])
  })

  it('treats empty and all-zero parent ids as no parent', () => {
    const t = norm([span('a', '', 'a', 0, 1), span('b', '0000000000000000', 'b', 1, 1)])
    expect(t.report.repairs).toEqual([])
    expect(t.spans.every((s) => s.parentIndex === -1)).toBe(true)
  })

  it('merges records of one span reported twice, and renames a different span sharing an id', () => {
    const t = norm([
      span('r', null, 'root', 0, 100),
      span('x', 'r', 'rpc', 10, 20, { service: 'client' }),
      span('x', 'r', 'rpc', 12, 15, { model: 'gpt-4o', inputTokens: 5 }),
      span('x', 'r', 'something else', 40, 5),
      span('child', 'x', 'inner', 13, 2),
    ])
    expect(names(t)).toEqual(['root', 'rpc', 'inner', 'something else'])
    const rpc = t.spans[1]
    expect(rpc).toMatchObject({
      id: 'x',
      duration: 20_000,
      service: 'client',
      model: 'gpt-4o',
      inputTokens: 5,
      flags: ['duplicate-id'],
    })
    expect(t.spans[3]).toMatchObject({ id: 'x~2', flags: ['duplicate-id'] })
    expect(t.report.repairs.map((r) => r.kind)).toEqual(['duplicate-id', 'duplicate-id'])
  })

  it('flags clock skew (child outside its parent) and keeps the times as recorded', () => {
    const t = norm([span('p', null, 'parent', 10, 10), span('c', 'p', 'early child', 5, 20)])
    expect(t.spans[1]).toMatchObject({ start: T0 + 5000, duration: 20_000, flags: ['clock-skew'] })
    expect(t.report.repairs).toEqual([expect.objectContaining({ kind: 'clock-skew', spanId: 'c' })])
    const backwards = norm([{ id: 'b', name: 'backwards', start: T0 + 10_000, end: T0 }])
    expect(backwards.spans[0]).toMatchObject({ duration: 0, flags: ['clock-skew'] })
  })

  it('tolerates skew up to 1 ms (SDK stamping artefacts) and flags anything beyond it', () => {
    // A child ending 0.6 ms after its parent, one starting 1 ms before it, one ending 1 µs backwards.
    const t = norm([
      { id: 'p', name: 'parent', start: T0 + 1000, end: T0 + 20_000 },
      { id: 'a', parentId: 'p', name: 'late end', start: T0 + 2000, end: T0 + 20_600 },
      { id: 'b', parentId: 'p', name: 'early start', start: T0, end: T0 + 5000 },
      { id: 'c', parentId: 'p', name: 'backwards', start: T0 + 3001, end: T0 + 3000 },
      { id: 'd', parentId: 'p', name: 'far out', start: T0 + 2000, end: T0 + 21_001 },
    ])
    const byId = new Map(t.spans.map((s) => [s.id, s]))
    expect(byId.get('a')?.flags).toBeUndefined()
    expect(byId.get('b')?.flags).toBeUndefined()
    expect(byId.get('c')).toMatchObject({ duration: 0 })
    expect(byId.get('c')?.flags).toBeUndefined()
    expect(byId.get('d')?.flags).toEqual(['clock-skew'])
    expect(t.report.repairs.map((r) => [r.kind, r.spanId])).toEqual([['clock-skew', 'd']])
  })

  it('flags a missing end and extends the span to its last child', () => {
    const t = norm([
      span('p', null, 'open', 0, null),
      span('c', 'p', 'child', 5, 10),
      span('e', null, 'an event', 1, null, { kind: 'event' }),
    ])
    expect(t.spans[0]).toMatchObject({ name: 'open', duration: 15_000, flags: ['missing-end'] })
    expect(t.spans[2]).toMatchObject({ name: 'an event', duration: 0 })
    expect(t.spans[2].flags).toBeUndefined()
    expect(t.report.repairs.map((r) => r.kind)).toEqual(['missing-end'])
  })

  it('breaks parent cycles at the earliest span of the cycle', () => {
    const t = norm([
      span('a', 'b', 'A', 5, 1),
      span('b', 'a', 'B', 0, 10),
      span('self', 'self', 'S', 20, 1),
    ])
    expect(names(t)).toEqual(['B', 'A', 'S'])
    expect(t.spans.map((s) => s.depth)).toEqual([0, 1, 0])
    expect(t.report.repairs.map((r) => r.kind).sort()).toEqual(['cycle', 'cycle'])
  })

  it('caps the listing of repeated repairs and summarises the rest', () => {
    const spans = [span('r', null, 'root', 0, 1)]
    for (let i = 0; i < 500; i++) spans.push(span(`o${i}`, `gone${i}`, 'orphan', 0, 1))
    const t = norm(spans)
    expect(t.report.repairs).toHaveLength(200)
    expect(t.report.warnings).toEqual(['300 more "orphan" repairs not listed (500 in all)'])
  })
})

describe('totals, cost and metadata', () => {
  it('sums tokens only over spans with no token-bearing descendant (roll-ups are not counted twice)', () => {
    const t = norm([
      span('r', null, 'ai.generateText', 0, 100, { inputTokens: 300, outputTokens: 30 }),
      span('a', 'r', 'ai.generateText.doGenerate', 0, 40, {
        inputTokens: 100,
        outputTokens: 10,
        model: 'gpt-4o',
      }),
      span('b', 'r', 'ai.generateText.doGenerate', 50, 40, {
        inputTokens: 200,
        outputTokens: 20,
        model: 'gpt-4o-mini',
      }),
      span('tool', 'r', 'tool', 95, 1),
    ])
    expect(t.trace).toMatchObject({
      inputTokens: 300,
      outputTokens: 30,
      models: ['gpt-4o', 'gpt-4o-mini'],
    })
    expect(t.spans[0].inputTokens).toBe(300) // each span still shows its own figures
  })

  it('uses stated cost where given, estimates the rest from the price table, and marks estimates', () => {
    const stated = norm([
      span('a', null, 'llm', 0, 1, {
        model: 'gpt-4o',
        inputTokens: 1000,
        outputTokens: 100,
        cost: 0.5,
      }),
    ])
    expect(stated.trace).toMatchObject({ cost: 0.5, costEstimated: false })
    expect(stated.spans[0].costEstimated).toBeUndefined()

    const mixed = norm([
      span('r', null, 'root', 0, 10),
      span('a', 'r', 'llm', 0, 1, {
        model: 'gpt-4o-2024-08-06',
        inputTokens: 1_000_000,
        outputTokens: 0,
      }),
      span('b', 'r', 'llm', 2, 1, { model: 'my-local-model', inputTokens: 10 }),
      span('c', 'r', 'llm', 3, 1, { model: 'x', cost: 1 }),
    ])
    expect(mixed.spans[1]).toMatchObject({ cost: 2.5, costEstimated: true })
    expect(mixed.spans[2].cost).toBeUndefined()
    expect(mixed.trace).toMatchObject({ cost: 3.5, costEstimated: true })
  })

  it('takes a stated trace-level cost over the span sum', () => {
    const t = norm([span('a', null, 'llm', 0, 1, { model: 'gpt-4o', inputTokens: 10 })], {
      cost: 0.25,
    })
    expect(t.trace).toMatchObject({ cost: 0.25, costEstimated: false })
  })

  it('names the trace after its first root unless the source names it; session from spans', () => {
    expect(norm([span('a', null, 'root op', 0, 1)]).trace.name).toBe('root op')
    expect(norm([span('a', null, 'root op', 0, 1)], { name: 'Given' }).trace.name).toBe('Given')
    const s = norm([
      span('a', null, 'x', 0, 1),
      span('b', 'a', 'y', 0, 1, { sessionId: 'conv-7', userId: 'u' }),
    ])
    expect(s.trace).toMatchObject({ sessionId: 'conv-7', userId: 'u' })
  })

  it('gives stable ids: same file content and source id → same trace id', () => {
    const a = norm([span('a', null, 'x', 0, 1)])
    expect(a.trace.id).toBe(traceIdFor('abc', 't'))
    expect(a.trace.id).toMatch(/^[0-9a-f]{32}$/)
    expect(traceIdFor('abd', 't')).not.toBe(a.trace.id)
    expect(a.report.traceId).toBe(a.trace.id)
  })

  it('merges traces split across documents and skips empty ones', () => {
    const merged = mergeRawTraces([
      { sourceTraceId: 'x', spans: [span('a', null, 'a', 0, 10)] },
      { sourceTraceId: 'y', spans: [] },
      { sourceTraceId: 'x', sessionId: 's', spans: [span('b', 'a', 'b', 1, 1)] },
    ])
    expect(merged.map((t) => [t.sourceTraceId, t.spans.length, t.sessionId])).toEqual([
      ['x', 2, 's'],
      ['y', 0, undefined],
    ])
    const out = normaliseTraces(
      [
        { sourceTraceId: 'x', spans: [span('a', null, 'a', 0, 10)] },
        { sourceTraceId: 'y', spans: [] },
        { sourceTraceId: 'x', spans: [span('b', 'a', 'b', 1, 1)] },
      ],
      ctx,
    )
    expect(out).toHaveLength(1)
    expect(out[0].spans.map((s) => s.depth)).toEqual([0, 1])
  })

  it('keeps payloads with their span through reordering', () => {
    const t = norm([
      span('c', 'p', 'child', 5, 1, {
        input: { value: 'child input' },
        attributes: { k: 1 },
        events: [{ name: 'e', time: T0 }],
      }),
      span('p', null, 'parent', 0, 10, { output: { value: 'parent output' } }),
    ])
    expect(t.spans[0].output?.value).toBe('parent output')
    expect(t.spans[1]).toMatchObject({
      input: { value: 'child input' },
      attributes: { k: 1 },
      events: [{ name: 'e', time: T0 }],
    })
  })
})

describe('report counts', () => {
  it('counts every repair once, past the listing cap, and tells kept-as-recorded findings apart', () => {
    const children = Array.from({ length: 300 }, (_, k) =>
      // Each child ends after its parent: a finding, the times stay as recorded.
      span(`c${k}`, 'r', `child ${k}`, 5, 20),
    )
    const t = norm([span('r', null, 'root', 0, 10), ...children, span('o', 'gone', 'orphan', 1, 1)])
    expect(t.report.counts).toEqual({ repaired: 1, kept: 300, warnings: 0 })
    expect(t.report.repairs.filter((r) => r.kept)).toHaveLength(200)
    expect(t.report.repairs.find((r) => r.kind === 'orphan')?.kept).toBeUndefined()
    expect(t.report.warnings).toEqual(['100 more "clock-skew" repairs not listed (300 in all)'])
  })
})
