import { describe, expect, it } from 'vitest'
import { toReplayColumns } from './columns'
import {
  clampStep,
  computeLandmarks,
  firstError,
  mostExpensiveSpan,
  nextError,
  nextStep,
  prevStep,
  selfTimes,
  slowestSpan,
} from './jumps'
import { spanTableOf } from './table-fixture'

// An agent run: plan (LLM), a tool that fails then is retried, a final LLM answer.
const agentRun = toReplayColumns(
  spanTableOf([
    {
      name: 'agent:start',
      kind: 'agent',
      startMs: 0,
      durationMs: 3000,
      inputTokens: 900, // repeats its children's usage, as many producers do
      cost: 0.09,
      children: [
        {
          name: 'plan',
          kind: 'llm',
          startMs: 10,
          durationMs: 400,
          inputTokens: 300,
          outputTokens: 50,
          cost: 0.02,
        },
        { name: 'search', kind: 'tool', status: 'retry', startMs: 420, durationMs: 100 },
        { name: 'search', kind: 'tool', startMs: 530, durationMs: 300 },
        {
          name: 'answer',
          kind: 'chain',
          startMs: 840,
          durationMs: 2100,
          children: [
            {
              name: 'generate',
              kind: 'llm',
              startMs: 850,
              durationMs: 2000,
              inputTokens: 500,
              cost: 0.07,
            },
          ],
        },
      ],
    },
  ]),
)

describe('step navigation', () => {
  it('moves one step and stops at both ends', () => {
    expect(nextStep(0, 6)).toBe(1)
    expect(nextStep(5, 6)).toBe(5)
    expect(prevStep(0, 6)).toBe(0)
    expect(prevStep(3, 6)).toBe(2)
    expect(clampStep(99, 6)).toBe(5)
    expect(clampStep(-4, 6)).toBe(0)
    expect(clampStep(3, 0)).toBe(0)
  })
})

describe('landmarks', () => {
  it('first error is the first failed or retried step', () => {
    expect(firstError(agentRun)).toBe(2)
    expect(nextError(agentRun, 2)).toBe(2) // only one failure: wraps to itself
  })

  it('slowest span is where time was spent, not the root that waits on everything', () => {
    const self = selfTimes(agentRun)
    expect(self[0]).toBeCloseTo((3000 - 400 - 100 - 300 - 2100) * 1000)
    expect(self[4]).toBeCloseTo(100 * 1000) // chain waits 2000 of its 2100 ms on the LLM
    expect(slowestSpan(agentRun)).toBe(5)
  })

  it('parallel children are not subtracted twice from their parent', () => {
    const c = toReplayColumns(
      spanTableOf([
        {
          name: 'fanout',
          startMs: 0,
          durationMs: 1000,
          children: [
            { name: 'a', startMs: 0, durationMs: 600 },
            { name: 'b', startMs: 100, durationMs: 600 },
            { name: 'c', startMs: 900, durationMs: 50 },
          ],
        },
      ]),
    )
    expect(selfTimes(c)[0]).toBeCloseTo((1000 - 700 - 50) * 1000)
  })

  it('most expensive span ignores parents that repeat their children cost', () => {
    expect(mostExpensiveSpan(agentRun)).toBe(5)
  })

  it('falls back to tokens when no span states a cost, and to -1 when nothing does', () => {
    const byTokens = toReplayColumns(
      spanTableOf([
        { name: 'a', kind: 'llm', startMs: 0, durationMs: 1, inputTokens: 10 },
        { name: 'b', kind: 'llm', startMs: 2, durationMs: 1, inputTokens: 10, outputTokens: 5 },
      ]),
    )
    expect(mostExpensiveSpan(byTokens)).toBe(1)
    const bare = toReplayColumns(spanTableOf([{ name: 'a', startMs: 0, durationMs: 1 }]))
    expect(mostExpensiveSpan(bare)).toBe(-1)
    expect(firstError(bare)).toBe(-1)
  })

  it('summarises the landmarks once', () => {
    expect(computeLandmarks(agentRun)).toEqual({
      firstError: 2,
      slowest: 5,
      mostExpensive: 5,
      errorCount: 1,
    })
  })
})
