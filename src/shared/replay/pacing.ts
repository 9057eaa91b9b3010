/**
 * Replay pacing (seeds/003): delay = step duration ÷ speed, clamped so that tiny steps stay
 * visible and slow ones do not stall the replay. The clamp bounds are user settings.
 */

export interface PacingBounds {
  /** Shortest delay between steps, ms (default 80). */
  minMs: number
  /** Longest delay between steps, ms (default 550). */
  maxMs: number
}

export const DEFAULT_PACING: Readonly<PacingBounds> = { minMs: 80, maxMs: 550 }
export const MIN_SPEED = 0.1
export const MAX_SPEED = 10
/** Speeds offered by the speed control, slowest first. */
export const SPEEDS: readonly number[] = [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10]

/** Clamps a speed multiplier into [0.1, 10]; non-numbers become 1. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) return speed === Infinity ? MAX_SPEED : 1
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed))
}

/** Validates bounds: non-negative, min ≤ max; falls back to the defaults for nonsense. */
export function normalizeBounds(bounds: Partial<PacingBounds> | undefined): PacingBounds {
  const minMs =
    Number.isFinite(bounds?.minMs) && bounds!.minMs! >= 0 ? bounds!.minMs! : DEFAULT_PACING.minMs
  const maxMs =
    Number.isFinite(bounds?.maxMs) && bounds!.maxMs! >= 0 ? bounds!.maxMs! : DEFAULT_PACING.maxMs
  return minMs <= maxMs ? { minMs, maxMs } : { minMs: maxMs, maxMs: minMs }
}

/**
 * Delay in ms before advancing past a step of `durationUs` microseconds at `speed`×.
 * 50 ms → 80 ms (floor), 340 ms → 340 ms (170 ms at 2×), 1200 ms → 550 ms (ceiling).
 */
export function stepDelayMs(
  durationUs: number,
  speed: number,
  bounds: PacingBounds = DEFAULT_PACING,
): number {
  const durationMs = Number.isFinite(durationUs) && durationUs > 0 ? durationUs / 1000 : 0
  const delay = durationMs / clampSpeed(speed)
  return Math.max(bounds.minMs, Math.min(bounds.maxMs, delay))
}

/** Speed label as the control shows it: "0.25×", "1×", "10×". */
export const speedLabel = (speed: number): string => `${Number(clampSpeed(speed).toFixed(2))}×`

/** The next faster / slower speed among SPEEDS. */
export function stepSpeed(speed: number, direction: 1 | -1): number {
  const s = clampSpeed(speed)
  if (direction > 0) return SPEEDS.find((v) => v > s + 1e-9) ?? MAX_SPEED
  return [...SPEEDS].reverse().find((v) => v < s - 1e-9) ?? MIN_SPEED
}

/**
 * How playing advances: `readable` waits each step's duration ÷ speed, clamped to the bounds
 * (seeds/003, every step visible); `time-true` follows the recorded timeline: a playhead moves at
 * speed × real time and each step is shown when the playhead reaches its start, so gaps and
 * durations keep their proportions (a 20 s trace plays in 20 s at 1×, 4 s at 5×).
 */
export type PacingMode = 'readable' | 'time-true'
export const PACING_MODES: readonly PacingMode[] = ['readable', 'time-true']
export const PACING_MODE_LABELS: Readonly<Record<PacingMode, string>> = {
  readable: 'Readable',
  'time-true': 'Time-true',
}

export const isPacingMode = (v: unknown): v is PacingMode => v === 'readable' || v === 'time-true'

/** The columns pacing reads: step start and duration (µs from the trace start), in step order. */
export interface PacingTimes {
  count: number
  start: ArrayLike<number>
  duration: ArrayLike<number>
  /** Latest end of any span (µs from the trace start). */
  extent: number
}

/**
 * Time-true: ms of real time until step `next` is due when the playhead is at `playheadUs`
 * (0 when the playhead has already passed its start, e.g. parallel branches).
 */
export function timeTrueDelayMs(targetUs: number, playheadUs: number, speed: number): number {
  const gap = targetUs - playheadUs
  return gap > 0 && Number.isFinite(gap) ? gap / 1000 / clampSpeed(speed) : 0
}

/**
 * Expected real time (ms) to play from step `from` to the end of the replay with this mode,
 * speed and bounds: readable sums the clamped delays of every remaining step; time-true is the
 * recorded time from the playhead (default: the step's start) to the trace's end ÷ speed.
 */
export function playbackLengthMs(
  t: PacingTimes,
  from: number,
  speed: number,
  mode: PacingMode,
  bounds: PacingBounds = DEFAULT_PACING,
  playheadUs?: number,
): number {
  if (!t.count) return 0
  const i0 = Math.max(0, Math.min(t.count - 1, from))
  if (mode === 'time-true') {
    const at = playheadUs ?? t.start[i0]
    return timeTrueDelayMs(t.extent, at, speed)
  }
  let total = 0
  for (let i = i0; i < t.count; i++) total += stepDelayMs(t.duration[i], speed, bounds)
  return total
}

/** A playback length as the control shows it: "0.9 s", "12 s", "3m 05s", "1h 02m". */
export function formatPlaybackLength(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 s'
  const s = ms / 1000
  if (s < 10) return `${Math.max(0.1, Math.round(s * 10) / 10)} s`
  if (s < 60) return `${Math.round(s)} s`
  const total = Math.round(s)
  const m = Math.floor(total / 60)
  if (m < 60) return `${m}m ${String(total % 60).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`
}
