import { describe, expect, it } from 'vitest'
import {
  describeStatus,
  spanStatusCodeWord,
  spanStatusWord,
  statusOfRank,
  statusRank,
  traceStatusWord,
  worstStatus,
} from './status'

describe('the status vocabulary', () => {
  it('names trace statuses OK / Recovered / Error and span statuses OK / Retried / Error', () => {
    expect((['ok', 'warning', 'error'] as const).map(traceStatusWord)).toEqual([
      'OK',
      'Recovered',
      'Error',
    ])
    expect((['ok', 'retry', 'error'] as const).map(spanStatusWord)).toEqual(['OK', 'Retried', 'Error'])
    // SpanTable codes: 0 ok, 1 error, 2 retry.
    expect([0, 1, 2].map(spanStatusCodeWord)).toEqual(['OK', 'Error', 'Retried'])
  })

  it('gives every status a word, a symbol and a hint; none of the old words survive', () => {
    for (const s of ['ok', 'warning', 'retry', 'error']) {
      const d = describeStatus(s)
      expect(d.symbol).not.toBe('')
      expect(d.hint).toContain(d.word)
      expect(['SUCCESS', 'FAILED', 'RETRY', 'Warning', 'Failed']).not.toContain(d.word)
    }
    expect(describeStatus('warning').hint).toMatch(/retried successfully/)
  })

  it('makes a session the worst of its traces', () => {
    expect(worstStatus([])).toBe('ok')
    expect(worstStatus(['ok', 'warning', 'ok'])).toBe('warning')
    expect(worstStatus(['warning', 'error', 'ok'])).toBe('error')
    for (const s of ['ok', 'warning', 'error'] as const) expect(statusOfRank(statusRank(s))).toBe(s)
  })
})
