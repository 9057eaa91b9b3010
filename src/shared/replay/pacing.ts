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
