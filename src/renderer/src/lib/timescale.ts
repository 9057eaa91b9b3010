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

/** The whole trace plus a small margin so the last bar does not touch the edge. */
export function fullWindow(extent: number): TimeWindow {
  const e = Math.max(extent, MIN_WINDOW_US * 10)
  return { t0: -e * 0.01, t1: e * 1.02 }
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

/** Tick label for a time offset in µs, with the unit chosen from the tick step. */
export function tickLabel(us: number, stepUs: number): string {
  if (us === 0) return '0'
  if (stepUs >= 60_000_000 || (stepUs >= 10_000_000 && Math.abs(us) >= 60_000_000)) {
    const total = Math.round(us / 1_000_000)
    const m = Math.floor(total / 60)
    const sec = total % 60
    return m >= 60
      ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
      : sec
        ? `${m}m${String(sec).padStart(2, '0')}s`
        : `${m}m`
  }
  if (stepUs >= 100_000)
    return `${trim((us / 1_000_000).toFixed(stepUs >= 1_000_000 ? 0 : stepUs >= 100_000 ? 1 : 2))}s`
  if (stepUs >= 1000) return `${trim((us / 1000).toFixed(stepUs >= 10_000 ? 0 : 1))}ms`
  return `${Math.round(us)}µs`
}

const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s)
