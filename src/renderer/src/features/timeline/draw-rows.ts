/**
 * Draws the time axis and the visible rows of the timeline. Only rows on screen are visited
 * (O(visible)); bars are culled horizontally and filled in batches, one path per colour.
 */
import { isolatedText } from '../../../../shared/display-text'
import type { ScaleLinear } from 'd3-scale'
import { SPAN_KINDS } from '../../../../shared/model'
import {
  STATUS_ERROR,
  STATUS_RETRY,
  spanName,
  type ReplayColumns,
  type RowModel,
} from '../../../../shared/replay'
import { fitText, withAlpha } from '../../lib/canvas'
import { tickLabels } from '../../lib/timescale'
import { formatDuration } from '../../lib/format'

export const ROW_H = 20
export const BAR_H = 12
export const AXIS_H = 24

/** Colours read from the design tokens (CSS variables) for the current scheme. */
export interface TimelinePalette {
  text: string
  muted: string
  faint: string
  grid: string
  bg: string
  accent: string
  current: string
  match: string
  /** Owner marks (ReplayPane `marks`): stripe and soft row background. */
  mark: string
  markSoft: string
  error: string
  retry: string
  kinds: string[]
  /** Label colour readable on each kind's bar. */
  kindText: string[]
  font: string
}

export interface RowsFrame {
  ctx: CanvasRenderingContext2D
  width: number
  height: number
  cols: ReplayColumns
  rows: RowModel
  scale: ScaleLinear<number, number>
  /** Fractional index of the first row at the top of the rows area. */
  rowTop: number
  current: number
  matches: ReadonlySet<number> | null
  marks: ReadonlySet<number> | null
  hoverRow: number
  palette: TimelinePalette
  /** Time-true playing: where the playhead is (µs from the trace start); else it marks the current span's start. */
  playhead?: number | null
  /** Critical-path segments per span: drawn as a dark band through the bars (Jaeger UI). */
  critical?: ReadonlyMap<number, readonly { start: number; end: number }[]> | null
}

/** Number of rows that fit in a canvas of this height. */
export const visibleRowCount = (height: number): number => Math.max(1, (height - AXIS_H) / ROW_H)

/** Draws the whole timeline frame (axis, grid, rows, playhead); returns the tick labels drawn. */
export function drawRows(f: RowsFrame): string[] {
  const { ctx, width, height, cols, rows, scale, rowTop, current, palette: p } = f
  ctx.clearRect(0, 0, width, height)
  ctx.font = `11px ${p.font}`
  ctx.textBaseline = 'middle'
  const ticks = scale.ticks(Math.max(2, Math.floor(width / 110)))
  const tickStep = ticks.length > 1 ? ticks[1] - ticks[0] : 1

  // Grid lines behind the rows.
  ctx.beginPath()
  for (const t of ticks) {
    const x = Math.round(scale(t)) + 0.5
    ctx.moveTo(x, AXIS_H)
    ctx.lineTo(x, height)
  }
  ctx.strokeStyle = p.grid
  ctx.lineWidth = 1
  ctx.stroke()

  const first = Math.max(0, Math.floor(rowTop))
  const last = Math.min(rows.rowCount - 1, Math.ceil(rowTop + visibleRowCount(height)))
  const yOf = (row: number): number => AXIS_H + (row - rowTop) * ROW_H

  // Row backgrounds: current, matching, marked and hovered rows; a mark also gets a stripe at
  // the left edge, so it still shows on the current or a matching row.
  for (let r = first; r <= last; r++) {
    const i = rows.spanAt(r)
    const y = yOf(r)
    const marked = f.marks?.has(i) ?? false
    if (i === current) fillRow(ctx, y, width, p.current)
    else if (f.matches?.has(i)) fillRow(ctx, y, width, p.match)
    else if (marked) fillRow(ctx, y, width, p.markSoft)
    else if (r === f.hoverRow) fillRow(ctx, y, width, withAlpha(p.text, 0.05))
    if (marked) {
      ctx.fillStyle = p.mark
      ctx.fillRect(0, y + 2, 3, ROW_H - 4)
    }
  }

  // Bars, batched per (kind, pending) so each colour is one fill.
  const kinds = SPAN_KINDS.length
  const batches: Path2D[] = Array.from({ length: kinds * 2 }, () => new Path2D())
  const used = new Uint8Array(kinds * 2)
  const errors = new Path2D()
  const retries = new Path2D()
  const labels: {
    text: string
    x: number
    y: number
    inside: boolean
    dim: boolean
    kind: number
  }[] = []
  const charW = 6.2
  for (let r = first; r <= last; r++) {
    const i = rows.spanAt(r)
    const y = yOf(r) + (ROW_H - BAR_H) / 2
    const x0 = scale(cols.start[i])
    const x1 = scale(cols.start[i] + cols.duration[i])
    if (x1 < -1 || x0 > width + 1) {
      labels.push({
        text: `${x1 < 0 ? '◂ ' : ''}${isolatedText(spanName(cols, i))}${x0 > width ? ' ▸' : ''}`,
        x: x1 < 0 ? 4 : width - 4,
        y: y + BAR_H / 2,
        inside: false,
        dim: true,
        kind: 0,
      })
      continue
    }
    const bx = Math.max(-2, x0)
    const bw = Math.max(2, Math.min(width + 2, x1) - bx)
    const pending = i > current ? 1 : 0
    const b = cols.kind[i] * 2 + pending
    batches[b].rect(bx, y, bw, BAR_H)
    used[b] = 1
    if (cols.status[i] === STATUS_ERROR) errors.rect(bx + 0.5, y + 0.5, bw - 1, BAR_H - 1)
    else if (cols.status[i] === STATUS_RETRY) retries.rect(bx + 0.5, y + 0.5, bw - 1, BAR_H - 1)
    const label = `${isolatedText(spanName(cols, i))}  ${formatDuration(cols.duration[i])}`
    const inside = bw > label.length * charW + 10
    labels.push({
      text: label,
      x: inside ? bx + 5 : Math.min(bx + bw + 5, width),
      y: y + BAR_H / 2,
      inside,
      dim: pending === 1,
      kind: cols.kind[i],
    })
  }
  for (let b = 0; b < batches.length; b++) {
    if (!used[b]) continue
    const color = p.kinds[b >> 1] ?? p.faint
    ctx.fillStyle = b & 1 ? withAlpha(color, 0.38) : color
    ctx.fill(batches[b])
  }
  ctx.lineWidth = 1.5
  ctx.strokeStyle = p.error
  ctx.stroke(errors)
  ctx.setLineDash([3, 2])
  ctx.strokeStyle = p.retry
  ctx.stroke(retries)
  ctx.setLineDash([])

  // The critical path: a dark band along the bars, where the trace waited on them.
  if (f.critical && f.critical.size) {
    const band = new Path2D()
    for (let r = first; r <= last; r++) {
      const segs = f.critical.get(rows.spanAt(r))
      if (!segs) continue
      // Along the bottom edge of the bar, so the label inside stays readable.
      const y = yOf(r) + (ROW_H - BAR_H) / 2 + BAR_H - 3
      for (const seg of segs) {
        const x0 = Math.max(-2, scale(seg.start))
        const x1 = Math.min(width + 2, scale(seg.end))
        if (x1 < 0 || x0 > width) continue
        band.rect(x0, y, Math.max(1, x1 - x0), 3)
      }
    }
    ctx.fillStyle = withAlpha(p.text, 0.7)
    ctx.fill(band)
  }

  // Error / retry glyphs at the start of failed bars, so they read without colour too.
  for (let r = first; r <= last; r++) {
    const i = rows.spanAt(r)
    if (cols.status[i] !== STATUS_ERROR && cols.status[i] !== STATUS_RETRY) continue
    const x = Math.max(0, scale(cols.start[i])) - 12
    ctx.fillStyle = cols.status[i] === STATUS_ERROR ? p.error : p.retry
    ctx.fillText(cols.status[i] === STATUS_ERROR ? '✗' : '↻', Math.max(1, x), yOf(r) + ROW_H / 2)
  }

  // Labels, clipped to the canvas.
  for (const l of labels) {
    const room = l.inside ? width - l.x : width - l.x - 4
    if (l.x >= width - 4 && !l.inside) {
      ctx.textAlign = 'right'
      ctx.fillStyle = l.dim ? p.faint : p.muted
      ctx.fillText(fitText(ctx, l.text, width * 0.5, charW), width - 4, l.y)
      ctx.textAlign = 'left'
      continue
    }
    const text = fitText(ctx, l.text, room, charW)
    if (!text) continue
    ctx.fillStyle = l.inside
      ? l.dim
        ? p.text
        : (p.kindText[l.kind] ?? '#ffffff')
      : l.dim
        ? p.faint
        : p.muted
    ctx.fillText(text, l.x, l.y)
  }

  // Current span: outline and playhead line at its start.
  const cr = rows.rowOf(current)
  if (cr >= 0 && cols.count) {
    const x0 = scale(cols.start[current])
    const x1 = scale(cols.start[current] + cols.duration[current])
    if (cr >= first && cr <= last) {
      ctx.lineWidth = 2
      ctx.strokeStyle = p.accent
      ctx.strokeRect(
        Math.max(-2, x0) - 1,
        yOf(cr) + (ROW_H - BAR_H) / 2 - 1,
        Math.max(2, Math.min(width + 2, x1) - Math.max(-2, x0)) + 2,
        BAR_H + 2,
      )
    }
  }
  const headAt = f.playhead ?? (cr >= 0 && cols.count ? cols.start[current] : null)
  if (headAt !== null) {
    const x0 = scale(headAt)
    if (x0 >= 0 && x0 <= width) {
      ctx.fillStyle = withAlpha(p.accent, f.playhead != null ? 0.95 : 0.7)
      ctx.fillRect(
        Math.round(x0) - (f.playhead != null ? 1 : 0.5),
        AXIS_H,
        f.playhead != null ? 2 : 1,
        height - AXIS_H,
      )
    }
  }

  const drawn = drawAxis(ctx, width, scale, ticks, tickStep, p)
  if (headAt !== null) {
    const x = scale(headAt)
    if (x >= 0 && x <= width) {
      ctx.fillStyle = p.accent
      ctx.beginPath()
      ctx.moveTo(x - 5, AXIS_H - 6)
      ctx.lineTo(x + 5, AXIS_H - 6)
      ctx.lineTo(x, AXIS_H)
      ctx.fill()
    }
  }
  return drawn
}

function fillRow(ctx: CanvasRenderingContext2D, y: number, width: number, color: string): void {
  ctx.fillStyle = color
  ctx.fillRect(0, y, width, ROW_H)
}

function drawAxis(
  ctx: CanvasRenderingContext2D,
  width: number,
  scale: ScaleLinear<number, number>,
  ticks: number[],
  step: number,
  p: TimelinePalette,
): string[] {
  ctx.fillStyle = p.bg
  ctx.fillRect(0, 0, width, AXIS_H)
  ctx.fillStyle = p.grid
  ctx.fillRect(0, AXIS_H - 1, width, 1)
  ctx.fillStyle = p.muted
  ctx.textAlign = 'left'
  const labels = tickLabels(ticks, step)
  // A label never runs into the next one (long first labels such as "5m 01.126s").
  let freeFrom = -Infinity
  const drawn: string[] = []
  ticks.forEach((t, k) => {
    const x = Math.round(scale(t)) + 0.5
    ctx.fillRect(x - 0.5, AXIS_H - 5, 1, 4)
    if (x + 4 < freeFrom) return
    const label = labels[k]
    const w = ctx.measureText(label).width
    // The last label stays inside the canvas.
    const lx = Math.min(x + 4, width - w - 2)
    if (lx < freeFrom) return
    ctx.fillText(label, lx, AXIS_H / 2 - 1)
    drawn.push(label)
    freeFrom = lx + w + 8
  })
  return drawn
}
