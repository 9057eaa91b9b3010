import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatCost,
  formatCount,
  formatDuration,
  formatTime,
  formatTokens,
  plural,
} from './format'

describe('formatDuration (microseconds in)', () => {
  it('picks a unit a person reads at a glance', () => {
    expect(formatDuration(850)).toBe('850 µs')
    expect(formatDuration(1_000)).toBe('1 ms')
    expect(formatDuration(12_400)).toBe('12.4 ms')
    expect(formatDuration(245_000)).toBe('245 ms')
    expect(formatDuration(1_482_000)).toBe('1.48 s')
    expect(formatDuration(42_300_000)).toBe('42.3 s')
    expect(formatDuration(125_000_000)).toBe('2m 05s')
    expect(formatDuration(3_720_000_000)).toBe('1h 02m')
    expect(formatDuration(3 * 86_400_000_000)).toBe('3d 00h')
  })
  it('shows a dash when there is nothing to show', () => {
    expect(formatDuration(undefined)).toBe('–')
    expect(formatDuration(NaN)).toBe('–')
  })
  it('keeps the sign of negative (clock-skewed) values', () => {
    expect(formatDuration(-2_500)).toBe('-2.5 ms')
  })
})

describe('formatTokens', () => {
  it('groups thousands then abbreviates', () => {
    expect(formatTokens(0)).toBe('0')
    expect(formatTokens(1204)).toBe('1,204')
    expect(formatTokens(12_345)).toBe('12.3k')
    expect(formatTokens(4_100_000)).toBe('4.1M')
    expect(formatTokens(null)).toBe('–')
  })
})

describe('formatCost', () => {
  it('keeps sub-cent precision and marks estimates', () => {
    expect(formatCost(0)).toBe('$0')
    expect(formatCost(0.00041)).toBe('$0.00041')
    expect(formatCost(0.0123)).toBe('$0.0123')
    expect(formatCost(1.2449)).toBe('$1.24')
    expect(formatCost(1204.4)).toBe('$1,204')
    expect(formatCost(0.0035, true)).toBe('~$0.0035')
    expect(formatCost(1e-9)).toBe('$<0.000001')
    expect(formatCost(undefined)).toBe('–')
  })
})

describe('times, bytes, counts, plurals', () => {
  it('groups thousands in counts', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(1_204_000)).toBe('1,204,000')
  })
  it('formats an absolute local time with milliseconds', () => {
    const us = new Date(2025, 5, 13, 14, 0, 1, 482).getTime() * 1000
    expect(formatTime(us)).toBe('2025-06-13 14:00:01.482')
    expect(formatTime(us, false)).toBe('2025-06-13 14:00:01')
  })
  it("shows a time on a file's own clock (a Chrome trace counts from boot) as an offset, not 1970", () => {
    const sinceBoot = (34 * 3600 + 17 * 60 + 36.789) * 1_000_000
    expect(formatTime(sinceBoot)).toBe('clock +34:17:36.789')
    expect(formatTime(sinceBoot, false)).toBe('clock +34:17:36')
    expect(formatTime(0)).toBe('clock +0:00:00.000')
  })
  it('formats byte sizes', () => {
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(4300)).toBe('4.2 KB')
    expect(formatBytes(13_200_000)).toBe('13 MB')
  })
  it('pluralises', () => {
    expect(plural(1, 'span')).toBe('1 span')
    expect(plural(1204, 'span')).toBe('1,204 spans')
  })
})
