/**
 * Time-axis maths for the timeline: the visible time window, d3 scales over it, and zoom/pan
 * expressed with d3-zoom transforms. Times are µs relative to the trace start. Pure functions:
 * the view is a value, every interaction returns a new one.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale'
import { zoomIdentity, type ZoomTransform } from 'd3-zoom'

/** The visible time window [t0, t1] in µs from the trace start. */
export interface TimeWindow {
  t0: number
  t1: number
}

/** Narrowest window (µs): zooming further shows nothing new. */
export const MIN_WINDOW_US = 2

/**
 * The whole trace, from its start (0) to its end: the view never shows time before the trace
 * began or after it ended, and every trace opens in this window (fitted).
 */
export function fullWindow(extent: number): TimeWindow {
  return { t0: 0, t1: Math.max(Number.isFinite(extent) ? extent : 0, MIN_WINDOW_US * 10) }
}

/** A d3 linear scale from the window to [0, width] px. */
export function scaleFor(w: TimeWindow, width: number): ScaleLinear<number, number> {
  return scaleLinear()
    .domain([w.t0, w.t1])
    .range([0, Math.max(1, width)])
}

/** The d3-zoom transform of a window relative to the full window (k = magnification). */
export function transformOf(w: TimeWindow, extent: number, width: number): ZoomTransform {
  const full = fullWindow(extent)
  const k = (full.t1 - full.t0) / (w.t1 - w.t0)
  const x = -((w.t0 - full.t0) / (full.t1 - full.t0)) * width * k
  return zoomIdentity.translate(x, 0).scale(k)
}

/** The window a d3-zoom transform shows (inverse of transformOf). */
export function windowOf(t: ZoomTransform, extent: number, width: number): TimeWindow {
  const base = scaleFor(fullWindow(extent), width)
  const [t0, t1] = t.rescaleX(base).domain()
  return { t0, t1 }
}

/** Keeps a window inside the full window and at least MIN_WINDOW_US wide. */
export function clampWindow(w: TimeWindow, extent: number): TimeWindow {
  const full = fullWindow(extent)
  const fullSpan = full.t1 - full.t0
  let span = Math.min(fullSpan, Math.max(MIN_WINDOW_US, w.t1 - w.t0))
  if (!Number.isFinite(span)) span = fullSpan
  let t0 = Number.isFinite(w.t0) ? w.t0 : full.t0
  t0 = Math.max(full.t0, Math.min(full.t1 - span, t0))
  return { t0, t1: t0 + span }
}

/** Zooms by `factor` (>1 zooms in) keeping the time under pixel `px` fixed (d3-zoom's scaleBy about a point). */
export function zoomAt(
  w: TimeWindow,
  extent: number,
  width: number,
  px: number,
  factor: number,
): TimeWindow {
  const t = transformOf(w, extent, width)
  const k = t.k * factor
  const next = zoomIdentity.translate(px - (px - t.x) * (k / t.k), 0).scale(k)
  return clampWindow(windowOf(next, extent, width), extent)
}

/** Pans by `dx` pixels (positive moves the content right, i.e. shows earlier time). */
export function panBy(w: TimeWindow, extent: number, width: number, dx: number): TimeWindow {
  const dt = (dx / Math.max(1, width)) * (w.t1 - w.t0)
  return clampWindow({ t0: w.t0 - dt, t1: w.t1 - dt }, extent)
}

/**
 * The window after bringing [start, end] into view: unchanged when already visible; otherwise
 * centred on it, zooming out only if the span is wider than the window.
 */
export function ensureVisible(
  w: TimeWindow,
  extent: number,
  start: number,
  end: number,
): TimeWindow {
  const span = w.t1 - w.t0
  const margin = span * 0.05
  if (start >= w.t0 + margin * 0.2 && end <= w.t1 - margin * 0.2) return w
  const needed = end - start
  if (needed > span * 0.9) {
    // Wider than the window: show its start with the window's width, unless it fits when zoomed out a little.
    if (needed < span * 1.5)
      return clampWindow({ t0: start - needed * 0.05, t1: end + needed * 0.05 }, extent)
    return clampWindow({ t0: start - margin, t1: start - margin + span }, extent)
  }
  const mid = (start + end) / 2
  return clampWindow({ t0: mid - span / 2, t1: mid + span / 2 }, extent)
}

/**
 * Tick labels for one axis, readable at every zoom level. A time is an offset from the trace
 * start, written with the largest unit that fits and the precision the tick step needs:
 * "1.5 s", "39.8 ms", "250 µs", "5m 01.126s", "1h 05m". When the window is zoomed deep into a
 * long trace (the offset needs more than ~4 significant digits beyond the step), the first
 * tick gets the full offset and the others the distance from it ("+1 ms", "+2 ms"), as
 * Perfetto does, instead of "301126ms … 301133ms".
 */
export function tickLabels(ticks: readonly number[], stepUs: number): string[] {
  if (!ticks.length) return []
  const step = Math.abs(stepUs) || 1
  const base = ticks[0]
  const relative = ticks.length > 1 && Math.abs(base) / step >= 1000
  // One unit per axis (the largest label's), so "500 ms" and "1 s" do not sit side by side.
  let largest = 0
  for (const t of ticks) largest = Math.max(largest, Math.abs(relative ? t - base : t))
  return ticks.map((t, k) =>
    relative && k > 0
      ? `+${formatSpan(t - base, step, largest)}`
      : formatOffset(t, step, relative ? undefined : largest),
  )
}

/** One tick label (see tickLabels) without the relative form. */
export function tickLabel(us: number, stepUs: number): string {
  return formatOffset(us, Math.abs(stepUs) || 1)
}

/** Decimals needed to show multiples of `step` in `unit` (both µs). */
function decimalsFor(step: number, unit: number): number {
  const ratio = step / unit
  if (ratio >= 1) return 0
  return Math.min(6, Math.ceil(-Math.log10(ratio) - 1e-9))
}

/** An offset from the trace start: minutes and seconds past a minute, else s, ms or µs. */
function formatOffset(us: number, step: number, unitOf?: number): string {
  if (us === 0) return '0'
  const sign = us < 0 ? '−' : ''
  const a = Math.abs(us)
  if (a >= 3_600_000_000 && step >= 60_000_000) {
    const m = Math.round(a / 60_000_000)
    return `${sign}${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`
  }
  if (a >= 60_000_000 || (unitOf ?? 0) >= 60_000_000) {
    const d = decimalsFor(step, 1_000_000)
    const scaled = Math.round(a / 10 ** (6 - d)) // in units of 10^-d s
    const perMinute = 60 * 10 ** d
    const m = Math.floor(scaled / perMinute)
    const secUnits = scaled - m * perMinute
    const sec = (secUnits / 10 ** d).toFixed(d)
    const secPadded = sec.padStart(d ? d + 3 : 2, '0')
    const h = Math.floor(m / 60)
    if (h) return `${sign}${h}h ${String(m % 60).padStart(2, '0')}m ${secPadded}s`
    return d === 0 && secUnits === 0 ? `${sign}${m}m` : `${sign}${m}m ${secPadded}s`
  }
  return sign + formatSpan(a, step, unitOf)
}

/** A duration with the largest unit at or below it, precise to `step`: "1.5 s", "39.8 ms". */
function formatSpan(us: number, step: number, unitOf = us): string {
  const a = Math.abs(us)
  const u = Math.max(a, Math.abs(unitOf))
  if (u >= 1_000_000) return `${trim((a / 1_000_000).toFixed(decimalsFor(step, 1_000_000)))} s`
  if (u >= 1000) return `${trim((a / 1000).toFixed(decimalsFor(step, 1000)))} ms`
  return `${trim(a.toFixed(decimalsFor(step, 1)))} µs`
}

const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s)
