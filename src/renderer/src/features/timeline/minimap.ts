/**
 * The minimap: the whole trace at a glance (time across, step order down), with the visible
 * window drawn on top. The overview is rasterised once per trace/size/scheme into an offscreen
 * canvas by writing pixels into a typed array, so a 1M-span trace costs one pass, and each
 * frame only copies that image and draws the window rectangle.
 */
import { STATUS_OK, type ReplayColumns } from '../../../../shared/replay'
import { packColor, withAlpha } from '../../lib/canvas'
import type { TimeWindow } from '../../lib/timescale'
import type { TimelinePalette } from './draw-rows'

export const MINIMAP_H = 44

/** Rasterises the overview (device pixels) for a full time window. */
export function renderOverview(
  cols: ReplayColumns,
  full: TimeWindow,
  widthPx: number,
  heightPx: number,
  palette: TimelinePalette,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, widthPx)
  canvas.height = Math.max(1, heightPx)
  const ctx = canvas.getContext('2d')
  if (!ctx || !cols.count) return canvas
  const image = ctx.createImageData(canvas.width, canvas.height)
  const px = new Uint32Array(image.data.buffer)
  const kindColors = palette.kinds.map((c) => packColor(c))
  const errorColor = packColor(palette.error)
  const W = canvas.width
  const H = canvas.height
  const k = W / (full.t1 - full.t0)
  const n = cols.count
  // Guard against pathological traces (every span as wide as the trace): stop widening bars
  // after a budget of pixel writes; every span still gets its first pixel.
  let budget = 40 * W * H
  const paint = (i: number, color: number): void => {
    const y0 = Math.floor((i * H) / n)
    const y1 = Math.max(y0 + 1, Math.floor(((i + 1) * H) / n))
    const x0 = Math.max(0, Math.floor((cols.start[i] - full.t0) * k))
    const x1 = Math.min(
      W,
      Math.max(x0 + 1, Math.ceil((cols.start[i] + cols.duration[i] - full.t0) * k)),
    )
    const xEnd = budget > 0 ? x1 : x0 + 1
    for (let y = y0; y < y1 && y < H; y++) {
      const row = y * W
      for (let x = x0; x < xEnd; x++) px[row + x] = color
    }
    budget -= (xEnd - x0) * (y1 - y0)
  }
  for (let i = 0; i < n; i++)
    paint(i, kindColors[cols.kind[i]] ?? kindColors[kindColors.length - 1])
  // Failures on top, so a red line stays visible however dense the trace.
  for (let i = 0; i < n; i++) if (cols.status[i] !== STATUS_OK) paint(i, errorColor)
  ctx.putImageData(image, 0, 0)
  return canvas
}

export interface MinimapFrame {
  ctx: CanvasRenderingContext2D
  width: number
  overview: HTMLCanvasElement | null
  full: TimeWindow
  view: TimeWindow
  /** First and last visible span indices (the window's vertical extent). */
  firstSpan: number
  lastSpan: number
  count: number
  current: number
  currentStart: number
  /** Marked spans (sorted indices): ticks at the left edge, at their place in step order. */
  marks: ArrayLike<number>
  palette: TimelinePalette
}

/** The window rectangle in minimap CSS pixels. */
export function windowRect(
  f: Pick<MinimapFrame, 'width' | 'full' | 'view' | 'firstSpan' | 'lastSpan' | 'count'>,
): { x: number; y: number; w: number; h: number } {
  const k = f.width / (f.full.t1 - f.full.t0)
  const n = Math.max(1, f.count)
  // Never smaller than 8 px, grown about its centre, so a deep zoom stays visible and grabbable.
  const grow = (pos: number, size: number, max: number): [number, number] => {
    const s = Math.max(8, size)
    return [Math.max(0, Math.min(max - s, pos - (s - size) / 2)), s]
  }
  const [x, w] = grow((f.view.t0 - f.full.t0) * k, (f.view.t1 - f.view.t0) * k, f.width)
  const [y, h] = grow(
    (f.firstSpan / n) * MINIMAP_H,
    ((f.lastSpan + 1 - f.firstSpan) / n) * MINIMAP_H,
    MINIMAP_H,
  )
  return { x, y, w, h }
}

/** Draws one minimap frame: the cached overview, a veil outside the window, the window, the playhead. */
export function drawMinimap(f: MinimapFrame): void {
  const { ctx, width, palette: p } = f
  ctx.clearRect(0, 0, width, MINIMAP_H)
  if (f.overview) ctx.drawImage(f.overview, 0, 0, width, MINIMAP_H)
  const r = windowRect(f)
  ctx.fillStyle = withAlpha(p.bg.startsWith('#') ? p.bg : '#000000', 0.55)
  ctx.fillRect(0, 0, width, r.y)
  ctx.fillRect(0, r.y + r.h, width, MINIMAP_H - r.y - r.h)
  ctx.fillRect(0, r.y, r.x, r.h)
  ctx.fillRect(r.x + r.w, r.y, width - r.x - r.w, r.h)
  if (f.marks.length) {
    ctx.fillStyle = p.mark
    const n = Math.max(1, f.count)
    const h = Math.max(1, MINIMAP_H / n)
    let lastY = -1
    for (let k = 0; k < f.marks.length; k++) {
      const y = Math.floor((f.marks[k] / n) * MINIMAP_H)
      if (y === lastY) continue // many marks on one pixel row: draw it once
      lastY = y
      ctx.fillRect(0, y, 4, h)
    }
  }
  ctx.strokeStyle = p.accent
  ctx.lineWidth = 1.5
  ctx.strokeRect(r.x + 0.75, r.y + 0.75, Math.max(1, r.w - 1.5), Math.max(1, r.h - 1.5))
  // Playhead: the current step's start and row.
  const k = width / (f.full.t1 - f.full.t0)
  const x = (f.currentStart - f.full.t0) * k
  const y = (f.current / Math.max(1, f.count)) * MINIMAP_H
  ctx.fillStyle = p.accent
  ctx.fillRect(Math.round(x) - 0.5, 0, 1, MINIMAP_H)
  ctx.beginPath()
  ctx.arc(x, Math.min(MINIMAP_H - 3, Math.max(3, y)), 3, 0, Math.PI * 2)
  ctx.fill()
}
