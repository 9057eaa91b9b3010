import { describe, expect, it } from 'vitest'
import { knownCost, knownTokens, totalsNote, usageBreakdown, withUnknownsAsNull } from './usage'

describe('unknown usage', () => {
  it('is null, not zero: a zero cost that is neither stated nor estimated, zero tokens', () => {
    expect(knownCost(0, false)).toBeNull()
    expect(knownCost(0, true)).toBe(0)
    expect(knownCost(0.002, false)).toBe(0.002)
    expect(knownTokens(0)).toBeNull()
    expect(knownTokens(12)).toBe(12)
    const row = { id: 'x', cost: 0, costEstimated: false, inputTokens: 0, outputTokens: 0, totalTokens: 0 }
    expect(withUnknownsAsNull(row)).toEqual({
      id: 'x',
      cost: null,
      costEstimated: false,
      inputTokens: null,
      outputTokens: null,
      totalTokens: null,
    })
  })
})

describe('how a total was formed', () => {
  // A Langfuse-like trace: a generation parent that repeats its two children's cost.
  const cols = {
    count: 4,
    parentIndex: [-1, 0, 1, 1],
    cost: [NaN, 0.0006, 0.0002, 0.0004],
    inputTokens: [NaN, 300, 100, 200],
    outputTokens: [NaN, 30, 10, 20],
  }

  it('counts leaf spans only, and says what the naive sum would be', () => {
    const b = usageBreakdown(cols)
    expect(b).toMatchObject({ counted: 2, bearing: 3 })
    expect(b.costCounted).toBeCloseTo(0.0006)
    expect(b.costAll).toBeCloseTo(0.0012)
    expect(totalsNote(b, (v) => `$${v.toFixed(4)}`)).toBe(
      "Sum of 2 leaf spans; the file's 3 spans with usage sum to $0.0012 including roll-ups (parents that repeat their children's usage are counted once here)",
    )
  })

  it('says plainly when nothing was rolled up, or nothing states usage', () => {
    const flat = { ...cols, parentIndex: [-1, 0, 0, 0] }
    expect(totalsNote(usageBreakdown(flat), String)).toBe('Sum of 3 spans with usage')
    const none = { count: 1, parentIndex: [-1], cost: [NaN], inputTokens: [NaN], outputTokens: [NaN] }
    expect(totalsNote(usageBreakdown(none), String)).toBe('No span states tokens or cost')
  })
})
