import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PACING,
  clampSpeed,
  normalizeBounds,
  speedLabel,
  stepDelayMs,
  stepSpeed,
  playbackLengthMs,
  timeTrueDelayMs,
  formatPlaybackLength,
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

describe('pacing modes and the expected playback length', () => {
  // A 7-step agent trace shaped like the one in issue 11: LLM steps of seconds, quick tools.
  const starts = [0, 100, 2_600, 2_700, 6_000, 6_100, 9_500].map(ms)
  const durations = [12_000, 2_400, 80, 3_200, 60, 3_300, 2_400].map(ms)
  const trace = { count: 7, start: starts, duration: durations, extent: ms(12_000) }

  it('readable pacing barely changes with speed because LLM steps hit the ceiling', () => {
    const slow = playbackLengthMs(trace, 0, 0.25, 'readable')
    const fast = playbackLengthMs(trace, 0, 5, 'readable')
    // 0.25×: every step but the two tools clamps to 550 ms; 5×: LLM steps still clamp to 550 ms.
    expect(slow).toBe(550 * 5 + 320 + 240)
    expect(fast).toBe(550 * 3 + 480 * 2 + 80 * 2)
    expect(slow / fast).toBeLessThan(1.5)
  })

  it('time-true playback is the recorded length divided by the speed', () => {
    expect(playbackLengthMs(trace, 0, 1, 'time-true')).toBe(12_000)
    expect(playbackLengthMs(trace, 0, 5, 'time-true')).toBe(2_400)
    expect(playbackLengthMs(trace, 0, 0.25, 'time-true')).toBe(48_000)
    // From step 5 (starts at 6.1 s) the rest of the trace is 5.9 s.
    expect(playbackLengthMs(trace, 5, 1, 'time-true')).toBeCloseTo(5_900)
    // From a paused playhead between steps.
    expect(playbackLengthMs(trace, 5, 2, 'time-true', DEFAULT_PACING, ms(7_000))).toBe(2_500)
  })

  it('waits for the next start in time-true mode, never a negative delay', () => {
    expect(timeTrueDelayMs(ms(2_600), ms(100), 1)).toBe(2_500)
    expect(timeTrueDelayMs(ms(2_600), ms(100), 10)).toBe(250)
    expect(timeTrueDelayMs(ms(100), ms(2_600), 1)).toBe(0) // a parallel branch already started
  })

  it('formats the expected length for the control', () => {
    expect(formatPlaybackLength(2_450)).toBe('2.5 s')
    expect(formatPlaybackLength(48_000)).toBe('48 s')
    expect(formatPlaybackLength(185_000)).toBe('3m 05s')
    expect(formatPlaybackLength(3_720_000)).toBe('1h 02m')
    expect(formatPlaybackLength(0)).toBe('0 s')
  })
})
