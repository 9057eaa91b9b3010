import { describe, expect, it } from 'vitest'
import { toReplayColumns } from './columns'
import {
  localMatches,
  matchPosition,
  mergeMatches,
  nextMatch,
  parseSpanQuery,
  prevMatch,
  toSortedIndices,
} from './search'
import { spanTableOf } from './table-fixture'

const c = toReplayColumns(
  spanTableOf([
    {
      name: 'Agent run',
      kind: 'agent',
      startMs: 0,
      durationMs: 100,
      children: [
        { name: 'chat gpt-4o', kind: 'llm', startMs: 1, durationMs: 10 },
        { name: 'web_search', kind: 'tool', status: 'retry', startMs: 12, durationMs: 10 },
        { name: 'web_search', kind: 'tool', startMs: 23, durationMs: 10 },
        { name: 'chat gpt-4o', kind: 'llm', status: 'error', startMs: 40, durationMs: 10 },
      ],
    },
  ]),
)

describe('span query', () => {
  it('parses kind and status filters out of free text', () => {
    expect(parseSpanQuery('  kind:llm status:failed  timeout  ')).toEqual({
      text: 'timeout',
      kind: 'llm',
      status: 'error',
    })
    expect(parseSpanQuery('kind:banana x')).toEqual({ text: 'kind:banana x' })
  })

  it('matches names case-insensitively, with kind and status filters', () => {
    expect([...localMatches(c, parseSpanQuery('SEARCH'))]).toEqual([2, 3])
    expect([...localMatches(c, parseSpanQuery('kind:llm'))]).toEqual([1, 4])
    expect([...localMatches(c, parseSpanQuery('kind:llm status:error'))]).toEqual([4])
    expect([...localMatches(c, parseSpanQuery('status:retry search'))]).toEqual([2])
  })

  it('merges full-text hits from the host, keeping filters and dropping nonsense', () => {
    const q = parseSpanQuery('kind:llm weather')
    const merged = mergeMatches(c, q, localMatches(c, q), [4, 1, 2, 999, -1, 1])
    expect([...merged]).toEqual([1, 4]) // 2 is a tool, 999 and -1 do not exist
  })
})

describe('match navigation', () => {
  const matches = Int32Array.from([2, 5, 9])
  it('goes to the next and previous match, wrapping around', () => {
    expect(nextMatch(matches, 0)).toBe(2)
    expect(nextMatch(matches, 2)).toBe(5)
    expect(nextMatch(matches, 9)).toBe(2)
    expect(prevMatch(matches, 5)).toBe(2)
    expect(prevMatch(matches, 6)).toBe(5)
    expect(prevMatch(matches, 2)).toBe(9)
    expect(nextMatch(new Int32Array(0), 3)).toBe(-1)
  })

  it('tells where the current step is among the matches', () => {
    expect(matchPosition(matches, 5)).toBe(1)
    expect(matchPosition(matches, 6)).toBe(-1)
  })
})

describe('marked spans', () => {
  it('become a sorted set within the trace, so a mark can be looked up by position', () => {
    const marks = toSortedIndices([4, 1, 4, -1, 9, 2, 1], 5)
    expect(Array.from(marks)).toEqual([1, 2, 4])
    expect(matchPosition(marks, 4)).toBe(2)
    expect(matchPosition(marks, 3)).toBe(-1)
    expect(Array.from(toSortedIndices(new Int32Array(0), 5))).toEqual([])
  })
})
