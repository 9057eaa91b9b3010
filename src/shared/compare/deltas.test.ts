import { describe, expect, it } from 'vitest'
import { delta, pairDeltas, totalDeltas } from './deltas'
import { sideFromSpans } from './side-builder'

describe('deltas', () => {
  it('gives direction and percentage of B against A', () => {
    expect(delta(200, 150)).toEqual({ a: 200, b: 150, diff: -50, pct: -25, direction: 'down' })
    expect(delta(10, 10)).toMatchObject({ diff: 0, pct: 0, direction: 'same' })
    expect(delta(0, 3)).toMatchObject({ diff: 3, pct: null, direction: 'up' })
    expect(delta(null, 3)).toMatchObject({ diff: null, direction: 'none' })
    expect(delta(NaN, 3)).toMatchObject({ a: null, diff: null, direction: 'none' })
    // Float noise in summed costs is not a change.
    expect(delta(0.1 + 0.2, 0.3).direction).toBe('same')
  })

  it('compares one pair, a gap and the whole traces', () => {
    const a = sideFromSpans([
      { name: 'x', duration: 2_000_000, inputTokens: 100, outputTokens: 20, cost: 0.01 },
    ])
    const b = sideFromSpans([
      { name: 'x', duration: 1_000_000, inputTokens: 100, outputTokens: 40, cost: 0.004 },
    ])
    const d = pairDeltas(a, b, 0, 0)
    expect(d.durationMs).toMatchObject({ a: 2000, b: 1000, pct: -50, direction: 'down' })
    expect(d.outputTokens).toMatchObject({ diff: 20, pct: 100, direction: 'up' })
    expect(d.totalTokens).toMatchObject({ a: 120, b: 140 })
    expect(d.cost.direction).toBe('down')
    expect(pairDeltas(a, b, 0, -1).durationMs.direction).toBe('none')
    const t = totalDeltas(
      { duration: 1_000_000, inputTokens: 10, outputTokens: 5, cost: 1 },
      { duration: 1_500_000, inputTokens: 10, outputTokens: 5, cost: 2 },
    )
    expect(t.durationMs).toMatchObject({ diff: 500, pct: 50, direction: 'up' })
    expect(t.inputTokens.direction).toBe('same')
  })
})
