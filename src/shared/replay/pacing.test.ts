import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PACING,
  clampSpeed,
  normalizeBounds,
  speedLabel,
  stepDelayMs,
  stepSpeed,
} from './pacing'

const ms = (v: number): number => v * 1000 // durations are stored in µs

describe('replay pacing (seeds/003 table)', () => {
  it.each([
    [50, 1, 80],
    [50, 2, 80],
    [340, 1, 340],
    [340, 2, 170],
    [1200, 1, 550],
    [1200, 2, 550],
  ])('a %i ms step at %i× waits %i ms', (duration, speed, expected) => {
    expect(stepDelayMs(ms(duration), speed)).toBe(expected)
  })

  it('scales linearly: 0.5× doubles the delay', () => {
    expect(stepDelayMs(ms(200), 0.5)).toBe(400)
    expect(stepDelayMs(ms(200), 4)).toBe(80)
  })

  it('uses bounds from settings', () => {
    const bounds = { minMs: 10, maxMs: 2000 }
    expect(stepDelayMs(ms(50), 1, bounds)).toBe(50)
    expect(stepDelayMs(ms(1200), 1, bounds)).toBe(1200)
    expect(stepDelayMs(0, 1, bounds)).toBe(10)
  })

  it('keeps speed within 0.1× and 10×', () => {
    expect(clampSpeed(50)).toBe(10)
    expect(clampSpeed(0.01)).toBe(0.1)
    expect(clampSpeed(Number.NaN)).toBe(1)
    expect(stepDelayMs(ms(100_000), 1000)).toBe(550) // 100 s / 10 = 10 s, then the ceiling
    expect(speedLabel(0.25)).toBe('0.25×')
    expect(speedLabel(2)).toBe('2×')
  })

  it('steps through the offered speeds and stops at the ends', () => {
    expect(stepSpeed(1, 1)).toBe(1.5)
    expect(stepSpeed(1, -1)).toBe(0.5)
    expect(stepSpeed(10, 1)).toBe(10)
    expect(stepSpeed(0.1, -1)).toBe(0.1)
  })

  it('repairs nonsense bounds', () => {
    expect(normalizeBounds({ minMs: 600, maxMs: 100 })).toEqual({ minMs: 100, maxMs: 600 })
    expect(normalizeBounds({ minMs: -1 })).toEqual(DEFAULT_PACING)
  })
})
