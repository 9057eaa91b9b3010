import { describe, expect, it } from 'vitest'
import { formatStartOffset } from './trace-start'

describe('a span start relative to its trace', () => {
  it('reads at a precision that orders steps by eye', () => {
    expect(formatStartOffset(0)).toBe('+0 ms')
    expect(formatStartOffset(850)).toBe('+850 µs')
    expect(formatStartOffset(30_000)).toBe('+30 ms')
    expect(formatStartOffset(76_543)).toBe('+76.543 ms')
    expect(formatStartOffset(1_500_000)).toBe('+1.5 s')
    expect(formatStartOffset(1_234_000)).toBe('+1.234 s')
    expect(formatStartOffset(59_999_000)).toBe('+59.999 s')
    expect(formatStartOffset(125_120_000)).toBe('+2m 05.120s')
    expect(formatStartOffset(3_725_000_000)).toBe('+1h 02m 05s')
  })

  it('shows a span recorded before its trace start (clock skew) as negative', () => {
    expect(formatStartOffset(-120_000)).toBe('−120 ms')
  })
})
