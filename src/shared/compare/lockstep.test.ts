import { describe, expect, it } from 'vitest'
import { compareTraces, type ComparedTrace } from './compare'
import { lockstepIndex, rowForSpans } from './lockstep'
import { sideFromSpans, type SpanLike } from './side-builder'

const facts = (id: string, spanCount: number): ComparedTrace => ({
  id,
  name: id,
  spanCount,
  status: 'ok',
  start: 0,
  duration: 0,
  inputTokens: 0,
  outputTokens: 0,
  cost: 0,
})

describe('lockstepIndex', () => {
  it('keeps a pane on its last span through a gap and marks gaps and changed pairs', () => {
    const a: SpanLike[] = [
      { name: 'agent', kind: 'agent' },
      { name: 'plan', kind: 'llm', parentIndex: 0, outputHash: 'x' },
      { name: 'answer', kind: 'llm', parentIndex: 0 },
    ]
    const b: SpanLike[] = [
      { name: 'agent', kind: 'agent' },
      { name: 'plan', kind: 'llm', parentIndex: 0, outputHash: 'y' },
      { name: 'search', kind: 'tool', parentIndex: 0 },
      { name: 'answer', kind: 'llm', parentIndex: 0 },
    ]
    const c = compareTraces({ trace: facts('A', 3), spans: sideFromSpans(a) }, { trace: facts('B', 4), spans: sideFromSpans(b) })
    const ix = lockstepIndex(c)
    expect(c.rowA).toEqual([0, 1, -1, 2])
    expect(Array.from(ix.standA)).toEqual([0, 1, 1, 2])
    expect(Array.from(ix.standB)).toEqual([0, 1, 2, 3])
    expect(Array.from(ix.rowOfB)).toEqual([0, 1, 2, 3])
    expect(Array.from(ix.marksA)).toEqual([1])
    expect(Array.from(ix.marksB)).toEqual([1, 2])
    expect(rowForSpans(ix, 2, 3)).toBe(3)
    expect(rowForSpans(ix, -1, 2)).toBe(2)
  })

  it('stands on the first span when a pane starts with a gap', () => {
    const c = compareTraces(
      { trace: facts('A', 1), spans: sideFromSpans([{ name: 'x' }]) },
      { trace: facts('B', 2), spans: sideFromSpans([{ name: 'new' }, { name: 'x' }]) },
    )
    expect(c.rowA).toEqual([-1, 0])
    expect(Array.from(lockstepIndex(c).standA)).toEqual([0, 0])
  })
})
