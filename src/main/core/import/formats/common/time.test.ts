import { describe, expect, it } from 'vitest'
import { anyTimeToMicros, isoToMicros } from './time'

describe('ISO and epoch times to microseconds', () => {
  const base = Date.UTC(2024, 0, 1, 0, 0, 0) * 1000
  it('keeps microseconds and truncates nanoseconds', () => {
    expect(isoToMicros('2024-01-01T00:00:00.123456Z')).toBe(base + 123456)
    expect(isoToMicros('2024-01-01T00:00:00.123456789Z')).toBe(base + 123456)
    expect(isoToMicros('2024-01-01T00:00:00.1Z')).toBe(base + 100000)
  })
  it('reads a time without a zone as UTC (LangSmith, Python isoformat)', () => {
    expect(isoToMicros('2024-01-01T00:00:00.100000')).toBe(base + 100000)
    expect(isoToMicros('2024-01-01 00:00:00')).toBe(base)
  })
  it('applies offsets', () => {
    expect(isoToMicros('2024-01-01T01:30:00+01:30')).toBe(base)
    expect(isoToMicros('2023-12-31T19:00:00.5-05:00')).toBe(base + 500000)
    expect(isoToMicros('2024-01-01T00:00:00+0000')).toBe(base)
  })
  it('rejects what is not a date-time', () => {
    expect(isoToMicros('yesterday')).toBeNull()
    expect(isoToMicros('2024-13-01T00:00:00Z')).toBeNull()
    expect(anyTimeToMicros(null)).toBeNull()
    expect(anyTimeToMicros(-5)).toBeNull()
  })
  it('guesses the unit of epoch numbers from their size', () => {
    expect(anyTimeToMicros(1704067200)).toBe(base) // seconds
    expect(anyTimeToMicros(1704067200123)).toBe(base + 123000) // milliseconds (LangSmith JS)
    expect(anyTimeToMicros(1704067200123456)).toBe(base + 123456) // microseconds
    expect(anyTimeToMicros('1704067200123456789')).toBe(base + 123456) // nanoseconds, exact via BigInt
  })
})
