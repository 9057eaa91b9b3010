import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignTraces } from './align'
import { findDivergences, rowDiffs, stepDivergence, DIFF } from './divergence'
import { sideFromSpans, type SpanLike } from './side-builder'
import type { SpanKind } from '../model'

/** A node of a generated trace tree; flattened depth-first to step order. */
interface Node {
  span: Omit<SpanLike, 'parentIndex'>
  children: Node[]
}

function flatten(roots: Node[]): SpanLike[] {
  const out: SpanLike[] = []
  const walk = (node: Node, parent: number) => {
    const index = out.length
    out.push({ ...node.span, parentIndex: parent })
    for (const c of node.children) walk(c, index)
  }
  for (const r of roots) walk(r, -1)
  return out
}

const NAMES = ['agent', 'llm', 'search', 'fetch', 'plan', 'llm', 'llm', 'tool']
const KINDS: SpanKind[] = ['agent', 'llm', 'tool', 'tool', 'chain', 'llm', 'llm', 'tool']

/** Random trees with many repeated names (loops), as node lists: parent picks among earlier nodes. */
const treeArb = fc
  .array(fc.tuple(fc.nat(), fc.nat(NAMES.length - 1), fc.string({ maxLength: 4 })), {
    minLength: 1,
    maxLength: 60,
  })
  .map((specs) => {
    const nodes: Node[] = specs.map(([, k, out], i) => ({
      span: {
        name: NAMES[k],
        kind: KINDS[k],
        inputHash: `in-${k}`,
        outputHash: `out-${out}-${i % 3}`,
        duration: 1000 * (i + 1),
      },
      children: [],
    }))
    const roots: Node[] = [nodes[0]]
    for (let i = 1; i < nodes.length; i++) {
      const [p] = specs[i]
      // One root, mostly; sometimes a second top-level span.
      if (p % 17 === 16) roots.push(nodes[i])
      else nodes[p % i].children.push(nodes[i])
    }
    return flatten(roots)
  })

function compare(a: SpanLike[], b: SpanLike[], maxD?: number) {
  const sa = sideFromSpans(a)
  const sb = sideFromSpans(b)
  const al = alignTraces(sa, sb, { maxD })
  const diffs = rowDiffs(sa, sb, al)
  return { al, diffs, divergences: findDivergences(sa, sb, al, diffs) }
}

/** The alignment is a monotone matching covering every span exactly once. */
function expectValid(al: ReturnType<typeof alignTraces>, n: number, m: number) {
  const seenA = new Set<number>()
  const seenB = new Set<number>()
  let lastA = -1
  let lastB = -1
  for (let r = 0; r < al.rowA.length; r++) {
    const i = al.rowA[r]
    const j = al.rowB[r]
    expect(i >= 0 || j >= 0).toBe(true)
    if (i >= 0) {
      expect(i).toBeGreaterThan(lastA)
      lastA = i
      seenA.add(i)
    }
    if (j >= 0) {
      expect(j).toBeGreaterThan(lastB)
      lastB = j
      seenB.add(j)
    }
  }
  expect(seenA.size).toBe(n)
  expect(seenB.size).toBe(m)
}

describe('alignTraces', () => {
  it('aligns a trace with itself fully, with no divergence', () => {
    fc.assert(
      fc.property(treeArb, (spans) => {
        const { al, divergences } = compare(spans, spans)
        expect(al.pairs).toBe(spans.length)
        expect(al.onlyA + al.onlyB).toBe(0)
        for (let r = 0; r < al.rowA.length; r++) expect(al.rowA[r]).toBe(al.rowB[r])
        expect(divergences).toEqual([])
      }),
    )
  })

  it('finds a single changed output at exactly its step', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), (spans, pick) => {
        const k = pick % spans.length
        const changed = spans.map((s, i) => (i === k ? { ...s, outputHash: 'something else' } : s))
        const { al, divergences } = compare(spans, changed)
        expect(al.pairs).toBe(spans.length)
        expect(divergences).toHaveLength(1)
        expect(divergences[0]).toMatchObject({ a: k, b: k, reason: 'output', fields: DIFF.output })
      }),
    )
  })

  it('shows an inserted span as one gap and pairs everything else', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), (spans, at, parentPick) => {
        // Insert a leaf at step `pos`; its parent must be an ancestor-or-self of the span before it.
        const pos = 1 + (at % spans.length)
        const chain: number[] = []
        for (let p = pos - 1; p >= 0; p = spans[p].parentIndex ?? -1) chain.push(p)
        const parent = chain[parentPick % chain.length]
        const b = [
          ...spans.slice(0, pos),
          { name: 'inserted', kind: 'tool' as const, parentIndex: parent },
          ...spans.slice(pos).map((s) => ({
            ...s,
            parentIndex: (s.parentIndex ?? -1) >= pos ? s.parentIndex! + 1 : s.parentIndex,
          })),
        ]
        const { al, divergences } = compare(spans, b)
        expectValid(al, spans.length, b.length)
        expect(al.pairs).toBe(spans.length)
        expect(al.onlyB).toBe(1)
        expect(al.onlyA).toBe(0)
        expect(divergences).toHaveLength(1)
        expect(divergences[0]).toMatchObject({
          reason: 'onlyB',
          a: null,
          b: pos,
          nameB: 'inserted',
        })
      }),
    )
  })

  it('aligns repeated names in order and an extra loop iteration as one gap', () => {
    const loop = (n: number): SpanLike[] => [
      { name: 'agent', kind: 'agent' },
      ...Array.from({ length: n }, (_, i) => [
        { name: 'chat', kind: 'llm' as const, parentIndex: 0, outputHash: `answer ${i}` },
        { name: 'search', kind: 'tool' as const, parentIndex: 0, outputHash: `result ${i}` },
      ]).flat(),
    ]
    const a = loop(5)
    const same = compare(a, loop(5))
    for (let i = 0; i < a.length; i++) expect(same.al.aToB[i]).toBe(i)

    const b = loop(6)
    const { al, divergences } = compare(a, b)
    expect(al.pairs).toBe(a.length)
    expect(al.onlyB).toBe(2)
    expect(divergences).toHaveLength(1)
    expect(divergences[0]).toMatchObject({ reason: 'onlyB', b: 11 })
  })

  it('pairs a retried call with the other run’s call and shows the failed attempt as a gap', () => {
    const a = sideFromSpans([
      { name: 'agent', kind: 'agent' },
      { name: 'call', kind: 'llm', parentIndex: 0, status: 'retry' },
      { name: 'call', kind: 'llm', parentIndex: 0, outputHash: 'x' },
    ])
    const b = sideFromSpans([
      { name: 'agent', kind: 'agent' },
      { name: 'call', kind: 'llm', parentIndex: 0, outputHash: 'x' },
    ])
    const al = alignTraces(a, b)
    expect(Array.from(al.aToB)).toEqual([0, -1, 1])
    expect(findDivergences(a, b, al)[0]).toMatchObject({ reason: 'onlyA', a: 1, b: null })
  })

  it('pairs a replaced tool call as a changed pair, children included', () => {
    const a = sideFromSpans([
      { name: 'agent', kind: 'agent' },
      { name: 'plan', kind: 'llm', parentIndex: 0 },
      { name: 'search', kind: 'tool', parentIndex: 0 },
      { name: 'http', kind: 'span', parentIndex: 2 },
      { name: 'answer', kind: 'llm', parentIndex: 0 },
    ])
    const b = sideFromSpans([
      { name: 'agent', kind: 'agent' },
      { name: 'plan', kind: 'llm', parentIndex: 0 },
      { name: 'calculator', kind: 'tool', parentIndex: 0 },
      { name: 'http', kind: 'span', parentIndex: 2 },
      { name: 'answer', kind: 'llm', parentIndex: 0 },
    ])
    const al = alignTraces(a, b)
    expect(Array.from(al.aToB)).toEqual([0, 1, 2, 3, 4])
    const divs = findDivergences(a, b, al)
    expect(divs.map((d) => [d.a, d.reason])).toEqual([[2, 'name']])
  })

  it('reports a changed output before the parent output it changed (the order things happened)', () => {
    const base: SpanLike[] = [
      { name: 'agent', kind: 'agent', outputHash: 'final' },
      { name: 'plan', kind: 'llm', parentIndex: 0, outputHash: 'p' },
      { name: 'search', kind: 'tool', parentIndex: 0, outputHash: 'r1' },
      { name: 'answer', kind: 'llm', parentIndex: 0, inputHash: 'i', outputHash: 'final' },
    ]
    const changed: SpanLike[] = base.map((s, i) =>
      i === 0
        ? { ...s, outputHash: 'final2' }
        : i === 2
          ? { ...s, outputHash: 'r2' }
          : i === 3
            ? { ...s, inputHash: 'i2', outputHash: 'final2' }
            : s,
    )
    const { divergences, al } = compare(base, changed)
    expect(divergences.map((d) => [d.a, d.reason])).toEqual([
      [2, 'output'],
      [3, 'input'],
      [0, 'output'],
    ])
    const rows = al.rowA.length
    const [d1, d2, d3] = divergences
    // From the start (row 0, whose own divergence happens last), Next goes to the first one.
    expect(stepDivergence(divergences, rows, 0, 1)).toBe(d1)
    expect(stepDivergence(divergences, rows, 2, 1, d1)).toBe(d2)
    expect(stepDivergence(divergences, rows, 3, 1, d2)).toBe(d3)
    expect(stepDivergence(divergences, rows, 0, 1, d3)).toBeNull()
    expect(stepDivergence(divergences, rows, 0, -1, d3)).toBe(d2)
    // Stepped by hand onto row 3: its own start-time divergence is not "next"; previous is row 2's.
    expect(stepDivergence(divergences, rows, 3, 1)).toBe(d3)
    expect(stepDivergence(divergences, rows, 3, -1)).toBe(d1)
  })

  it('ignores ids and timestamps but reports status and model', () => {
    const a: SpanLike[] = [
      { name: 'root', kind: 'agent' },
      { name: 'chat', kind: 'llm', parentIndex: 0, model: 'gpt-4o' },
    ]
    const b: SpanLike[] = [
      { name: 'root', kind: 'agent', duration: 5 },
      { name: 'chat', kind: 'llm', parentIndex: 0, model: 'gpt-4o-mini', status: 'error' },
    ]
    const { divergences } = compare(a, b)
    expect(divergences).toHaveLength(1)
    expect(divergences[0]).toMatchObject({
      a: 1,
      reason: 'model',
      fields: DIFF.model | DIFF.status,
    })
  })

  it('stays a valid alignment for unrelated traces and when the edit bound is hit', () => {
    fc.assert(
      fc.property(treeArb, treeArb, fc.integer({ min: 1, max: 6 }), (a, b, maxD) => {
        const { al } = compare(a, b, maxD)
        expectValid(al, a.length, b.length)
      }),
    )
  })
})
