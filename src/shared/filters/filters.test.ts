import { describe, expect, it } from 'vitest'
import { DateParseError, parseDateBound } from './dates'
import { cleanFilter, describeFilter, parseFilterQuery } from './query'

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0)

describe('parseDateBound', () => {
  it('reads relative forms back from now', () => {
    expect(parseDateBound('7d', 'since', NOW)).toBe((NOW - 7 * 86_400_000) * 1000)
    expect(parseDateBound('last 7 days', 'since', NOW)).toBe((NOW - 7 * 86_400_000) * 1000)
    expect(parseDateBound('24h', 'since', NOW)).toBe((NOW - 86_400_000) * 1000)
    expect(parseDateBound('2w', 'since', NOW)).toBe((NOW - 14 * 86_400_000) * 1000)
    expect(parseDateBound('3 months ago', 'since', NOW)).toBe((NOW - 90 * 86_400_000) * 1000)
  })

  it('reads ISO dates; a bare date as the since-start or the until-end of the local day', () => {
    const start = new Date(2024, 4, 1).getTime()
    expect(parseDateBound('2024-05-01', 'since')).toBe(start * 1000)
    expect(parseDateBound('2024-05-01', 'until')).toBe((start + 86_400_000 - 1) * 1000)
    expect(parseDateBound('2024-05-01T10:00:00Z', 'since')).toBe(Date.UTC(2024, 4, 1, 10) * 1000)
    expect(parseDateBound(1714557600000, 'since')).toBe(1714557600000 * 1000)
  })

  it('rejects what it cannot read, naming the input', () => {
    expect(() => parseDateBound('soon', 'since')).toThrow(DateParseError)
    expect(() => parseDateBound('2024-13-45x', 'since')).toThrow(/2024-13-45x/)
    expect(() => parseDateBound('2024-02-31', 'until')).toThrow(DateParseError)
  })
})

describe('parseFilterQuery', () => {
  it('reads the two example questions as typed queries', () => {
    expect(parseFilterQuery('since:7d cost>1').filter).toEqual({ since: '7d', minCost: 1 })
    expect(parseFilterQuery('status:failed model:gpt-4o').filter).toEqual({
      status: 'failed',
      model: 'gpt-4o',
    })
  })

  it('keeps the rest as free text and reports bad values', () => {
    const parsed = parseFilterQuery(
      'tag:prod tag:"eu west" refund "order 66" status:weird since:soon',
    )
    expect(parsed.filter).toEqual({ tags: ['prod', 'eu west'], text: 'refund order 66' })
    expect(parsed.errors).toHaveLength(2)
    expect(parsed.errors[0]).toMatch(/status is one of/)
  })

  it('treats unknown key:value words as text (ids and urls contain colons)', () => {
    expect(parseFilterQuery('urn:trace:1').filter).toEqual({ text: 'urn:trace:1' })
    expect(parseFilterQuery('http://api/x').errors).toEqual([])
  })

  it('reads kind: and the status words the views show, and says when a token is not a filter', () => {
    expect(parseFilterQuery('kind:tool status:recovered refund').filter).toEqual({
      kind: 'tool',
      status: 'warning',
      text: 'refund',
    })
    expect(parseFilterQuery('kind:robot').errors[0]).toMatch(/kind is one of llm, tool/)
    const typo = parseFilterQuery('stauts:error')
    expect(typo.filter).toEqual({ text: 'stauts:error' })
    expect(typo.errors[0]).toMatch(/stauts: is not a filter \(searched as text\); filters are status:/)
  })
})

describe('describeFilter', () => {
  it('says each active filter in a few words', () => {
    expect(describeFilter({ since: '7d', minCost: 1 })).toEqual(['last 7 days', 'cost ≥ $1'])
    expect(
      describeFilter({ status: 'failed', model: 'gpt-4o', tags: ['prod'], text: ' hi ' }),
    ).toEqual(['any failed span', 'tag prod', 'model gpt-4o', '“hi”'])
    expect(describeFilter({ since: '2024-05-01', until: '2024-05-31' })).toEqual([
      'since 2024-05-01',
      'until 2024-05-31',
    ])
  })

  it('cleans blank fields out of a filter', () => {
    expect(cleanFilter({ text: '  ', tags: [], model: ' gpt-4o ', minCost: 0 })).toEqual({
      model: 'gpt-4o',
      minCost: 0,
    })
  })
})
