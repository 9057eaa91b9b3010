/**
 * The timeline's behaviour outside React: view state (time window, first row), input handling
 * (zoom, pan, minimap drag, hover, click to jump) and drawing through the shared rAF scheduler.
 * It listens to the replay store with `subscribe`, so stepping, playing and panning never
 * re-render React components; each change costs one coalesced canvas draw.
 */
import {
  criticalPath,
  type PathSegment,
  spanKind,
  spanName,
  spanTokens,
  statusLabel,
  type ReplayColumns,
} from '../../../../shared/replay'
import { SPAN_KINDS } from '../../../../shared/model'
import { cancelFrame, scheduleFrame } from '../../lib/raf'
import { fitCanvas, readTokens, readableOn } from '../../lib/canvas'
import {
  MIN_WINDOW_US,
  clampWindow,
  ensureVisible,
  fullWindow,
  panBy,
  scaleFor,
  zoomAt,
  type TimeWindow,
} from '../../lib/timescale'
import { formatCost, formatDuration, formatTokens } from '../../lib/format'
import { KIND_LABELS, currentScheme, kindColor } from '../../styles'
import type { ReplayState, ReplayStore } from '../../stores/replay-store'
import { AXIS_H, ROW_H, drawRows, visibleRowCount, type TimelinePalette } from './draw-rows'
import { MINIMAP_H, drawMinimap, renderOverview } from './minimap'

export interface TimelineElements {
  main: HTMLCanvasElement
  minimap: HTMLCanvasElement
  tooltip: HTMLElement
}

let nextId = 0
const ZOOM_STEP = 1.6

/** Controller of one timeline instance. */
export class TimelineController {
  private readonly key = `timeline-${++nextId}`
  private width = 0
  private height = 0
  private win: TimeWindow = { t0: 0, t1: 1 }
  private rowTop = 0
  private hoverRow = -1
  /** The span the tooltip's content describes (-1: none), so moving over one bar only moves it. */
  private tipSpan = -1
  private cols: ReplayColumns | null = null
  private palette: TimelinePalette | null = null
  private overview: HTMLCanvasElement | null = null
  private overviewKey = ''
  private matchSet: Set<number> | null = null
  private marks: ArrayLike<number> = []
  private markSet: Set<number> | null = null
  private unsubscribe: () => void
  private drag: {
    kind: 'pan' | 'minimap' | 'scrollbar'
    x: number
    y: number
    moved: boolean
    win: TimeWindow
    rowTop: number
  } | null = null
  private firstPaintMarked = false
  /** Critical-path segments per span (computed after the first paint, once per trace). */
  private critical: Map<number, PathSegment[]> | null = null
  private criticalTimer: ReturnType<typeof setTimeout> | null = null
  private readonly disposers: (() => void)[] = []

  constructor(
    private readonly store: ReplayStore,
    private readonly el: TimelineElements,
  ) {
    this.unsubscribe = store.subscribe((s, prev) => this.onStore(s, prev))
    this.listen()
    this.onStore(store.getState(), null)
  }

  dispose(): void {
    this.unsubscribe()
    cancelFrame(this.key)
    if (this.criticalTimer) clearTimeout(this.criticalTimer)
    for (const d of this.disposers) d()
  }

  /** The canvas box changed size. */
  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return
    this.width = Math.max(1, Math.floor(width))
    this.height = Math.max(AXIS_H + ROW_H, Math.floor(height))
    // The first size is known only after mounting: place the view around the current step now;
    // later, a smaller box (window or divider) must not leave the current step out of view.
    // Never a zoom: a trace opens fitted.
    this.follow(this.store.getState(), false)
    this.request()
  }

  /** The colour scheme changed: re-read tokens and re-render the overview. */
  restyle(): void {
    this.palette = null
    this.overviewKey = ''
    this.request()
  }

  zoomIn(): void {
    this.zoomAround(this.currentX(), ZOOM_STEP)
  }

  zoomOut(): void {
    this.zoomAround(this.currentX(), 1 / ZOOM_STEP)
  }

  /** The owner's marked spans (sorted indices), drawn apart from search matches. */
  setMarks(marks: ArrayLike<number>): void {
    if (marks === this.marks) return
    this.marks = marks
    this.markSet = marks.length ? new Set(Array.from(marks)) : null
    this.request()
  }

  /** Shows the whole trace. */
  fit(): void {
    if (!this.cols) return
    this.win = fullWindow(this.cols.extent)
    this.request()
  }

  private onStore(s: ReplayState, prev: ReplayState | null): void {
    if (s.cols !== this.cols) {
      this.cols = s.cols
      this.overviewKey = ''
      this.tipSpan = -1
      this.firstPaintMarked = false
      this.critical = null
      if (this.criticalTimer) clearTimeout(this.criticalTimer)
      const cols = s.cols
      if (cols)
        this.criticalTimer = setTimeout(() => {
          this.criticalTimer = null
          if (this.cols !== cols) return
          const map = new Map<number, PathSegment[]>()
          for (const seg of criticalPath(cols)) {
            const list = map.get(seg.index)
            if (list) list.push(seg)
            else map.set(seg.index, [seg])
          }
          this.critical = map
          this.el.main.dataset.criticalSpans = String(map.size)
          this.request()
        }, 0)
      this.win = s.cols ? fullWindow(s.cols.extent) : { t0: 0, t1: 1 }
      this.rowTop = s.rowTop
      this.matchSet = s.matches.length ? new Set(s.matches) : null
      // Every trace opens fitted (the whole trace in view), whatever its first step looks like.
      if (s.cols) this.follow(s, false)
      this.request()
      return
    }
    if (!prev) return
    // The tree scrolled (or the row under its pointer changed): follow it.
    if (s.rowTop !== prev.rowTop && Math.abs(s.rowTop - this.rowTop) > 1e-3) {
      this.rowTop = this.clampRowTop(s.rowTop)
      this.request()
    }
    if (s.hoverRow !== prev.hoverRow && s.hoverRow !== this.hoverRow) {
      this.hoverRow = s.hoverRow
      this.request()
    }
    if (s.matches !== prev.matches) this.matchSet = s.matches.length ? new Set(s.matches) : null
    // While playing, the view pans with the replay but never zooms on its own.
    if (s.current !== prev.current || s.rows !== prev.rows) this.follow(s, !s.playing)
    if (
      s.current !== prev.current ||
      s.rows !== prev.rows ||
      s.matches !== prev.matches ||
      s.playClock !== prev.playClock
    )
      this.request()
  }

  /**
   * Keeps the current span in view, horizontally and vertically. `zoom`: a bar under two pixels
   * wide may zoom the view in (a step the user asked for); otherwise the view only pans.
   */
  private follow(s: ReplayState, zoom = true): void {
    const c = s.cols
    if (!c || !c.count) return
    const i = s.current
    const span = c.duration[i]
    const barPx = (span / (this.win.t1 - this.win.t0)) * (this.width || 800)
    if (zoom && span > 0 && barPx < 2) {
      // A bar under two pixels is not "in view": zoom so it is about a twelfth of the window.
      const mid = c.start[i] + span / 2
      const w = Math.max(span * 12, MIN_WINDOW_US * 8)
      this.win = clampWindow({ t0: mid - w / 2, t1: mid + w / 2 }, c.extent)
    } else {
      this.win = ensureVisible(this.win, c.extent, c.start[i], c.start[i] + span)
    }
    const row = s.rows.rowOf(i)
    const visible = visibleRowCount(this.height || 400)
    // The current row stays a few rows away from the top and bottom edges (scroll-off), so the
    // rows around it show too.
    const margin = Math.max(0, Math.min(3, Math.floor((visible - 1) / 4)))
    if (
      row >= 0 &&
      (row < this.rowTop + margin + 0.5 || row > this.rowTop + visible - 1.5 - margin)
    ) {
      // A whole row at the top: a fractional one would be half hidden under the axis.
      this.setRowTop(Math.floor(this.clampRowTop(row - Math.floor(visible / 3))))
    }
  }

  /** Moves the first visible row, and tells the store (the execution tree scrolls with it). */
  private setRowTop(r: number): void {
    this.rowTop = r
    this.store.getState().setRowTop(r)
  }

  private clampRowTop(r: number): number {
    const visible = visibleRowCount(this.height || 400)
    const max = Math.max(0, this.store.getState().rows.rowCount - visible + 1)
    return Math.max(0, Math.min(max, r))
  }

  private request(): void {
    scheduleFrame(this.key, () => this.draw())
  }

  private readPalette(): TimelinePalette {
    const t = readTokens(this.el.main, [
      'text',
      'text-muted',
      'text-faint',
      'border',
      'surface',
      'accent',
      'selection',
      'error',
      'retry',
      'warning-soft',
      'mark',
      'mark-soft',
    ] as const)
    const scheme = currentScheme()
    const kinds = SPAN_KINDS.map((k) => kindColor(k, scheme))
    return {
      text: t.text,
      muted: t['text-muted'],
      faint: t['text-faint'],
      grid: t.border,
      bg: t.surface,
      accent: t.accent,
      current: t.selection,
      match: t['warning-soft'],
      mark: t.mark,
      markSoft: t['mark-soft'],
      error: t.error,
      retry: t.retry,
      kinds,
      kindText: kinds.map(readableOn),
      font: getComputedStyle(this.el.main).fontFamily || 'sans-serif',
    }
  }

  private draw(): void {
    const s = this.store.getState()
    const c = s.cols
    if (!this.width) return
    this.palette ??= this.readPalette()
    const main = fitCanvas(this.el.main, this.width, this.height)
    const mini = fitCanvas(this.el.minimap, this.width, MINIMAP_H)
    if (!main || !mini) return
    if (!c) {
      main.clearRect(0, 0, this.width, this.height)
      mini.clearRect(0, 0, this.width, MINIMAP_H)
      return
    }
    this.win = clampWindow(this.win, c.extent)
    this.rowTop = this.clampRowTop(this.rowTop)
    // Time-true playing: the playhead sweeps the timeline, and the view follows it.
    const playhead = s.playClock ? s.playheadAt() : null
    if (playhead !== null) {
      if (playhead < this.win.t0 || playhead > this.win.t1) {
        const span = this.win.t1 - this.win.t0
        this.win = clampWindow({ t0: playhead - span * 0.1, t1: playhead + span * 0.9 }, c.extent)
      }
      this.request()
    }
    const scale = scaleFor(this.win, this.width)
    const ticks = drawRows({
      ctx: main,
      width: this.width,
      height: this.height,
      cols: c,
      rows: s.rows,
      scale,
      rowTop: this.rowTop,
      current: s.current,
      matches: this.matchSet,
      marks: this.markSet,
      hoverRow: this.hoverRow,
      palette: this.palette,
      playhead,
      critical: this.critical,
    })
    this.drawScrollbar(main, s)
    const dpr = this.el.minimap.width / this.width
    const full = fullWindow(c.extent)
    const key = `${c.traceId}:${c.count}:${this.el.minimap.width}:${Math.round(MINIMAP_H * dpr)}`
    if (key !== this.overviewKey) {
      this.overview = renderOverview(
        c,
        full,
        this.el.minimap.width,
        Math.round(MINIMAP_H * dpr),
        this.palette,
      )
      this.overviewKey = key
    }
    const { firstSpan, lastSpan } = this.visibleSpans(s)
    drawMinimap({
      ctx: mini,
      width: this.width,
      overview: this.overview,
      full,
      view: this.win,
      firstSpan,
      lastSpan,
      count: c.count,
      current: s.current,
      currentStart: c.start[s.current] ?? 0,
      marks: this.marks,
      palette: this.palette,
    })
    this.el.main.dataset.drawnStep = String(s.current)
    this.el.main.dataset.marks = String(this.markSet?.size ?? 0)
    // The visible window, for tests and tools (µs from the trace start; first row).
    this.el.main.dataset.window = `${Math.round(this.win.t0)},${Math.round(this.win.t1)}`
    this.el.main.dataset.rowTop = String(Math.round(this.rowTop * 100) / 100)
    // The axis labels as drawn, for tests and assistive tools.
    this.el.main.dataset.ticks = ticks.join('|')
    this.el.main.dataset.hoverRow = String(this.hoverRow)
    if (playhead !== null) this.el.main.dataset.playhead = String(Math.round(playhead))
    else delete this.el.main.dataset.playhead
    if (!this.firstPaintMarked) {
      this.firstPaintMarked = true
      performance.mark('tracedeck:timeline-first-paint', {
        detail: { traceId: c.traceId, spans: c.count },
      })
      this.el.main.dataset.drawnTrace = c.traceId
    }
  }

  /** A thin vertical scrollbar on the right edge (draggable), when rows overflow. */
  private drawScrollbar(ctx: CanvasRenderingContext2D, s: ReplayState): void {
    const visible = visibleRowCount(this.height)
    const rows = s.rows.rowCount
    if (rows <= visible) return
    const track = this.height - AXIS_H
    const h = Math.max(24, (visible / rows) * track)
    const y = AXIS_H + (this.rowTop / Math.max(1, rows - visible + 1)) * (track - h)
    ctx.fillStyle = this.palette!.grid
    ctx.fillRect(this.width - 7, AXIS_H, 7, track)
    ctx.fillStyle = this.palette!.faint
    ctx.beginPath()
    ctx.roundRect(this.width - 6, y, 5, h, 2.5)
    ctx.fill()
  }

  private visibleSpans(s: ReplayState): { firstSpan: number; lastSpan: number } {
    const visible = visibleRowCount(this.height)
    const firstRow = Math.max(0, Math.floor(this.rowTop))
    const lastRow = Math.min(s.rows.rowCount - 1, Math.ceil(this.rowTop + visible) - 1)
    return {
      firstSpan: Math.max(0, s.rows.spanAt(firstRow)),
      lastSpan: Math.max(0, s.rows.spanAt(lastRow)),
    }
  }

  private currentX(): number {
    const c = this.cols
    const s = this.store.getState()
    if (!c || !c.count) return this.width / 2
    const x = scaleFor(this.win, this.width)(c.start[s.current] + c.duration[s.current] / 2)
    return x >= 0 && x <= this.width ? x : this.width / 2
  }

  private zoomAround(px: number, factor: number): void {
    if (!this.cols) return
    this.win = zoomAt(this.win, this.cols.extent, this.width, px, factor)
    this.request()
  }

  private rowAt(y: number): number {
    if (y < AXIS_H) return -1
    const row = Math.floor(this.rowTop + (y - AXIS_H) / ROW_H)
    return row < this.store.getState().rows.rowCount ? row : -1
  }

  private on<K extends keyof HTMLElementEventMap>(
    target: HTMLElement,
    type: K,
    fn: (e: HTMLElementEventMap[K]) => void,
    opts?: AddEventListenerOptions,
  ): void {
    target.addEventListener(type, fn, opts)
    this.disposers.push(() => target.removeEventListener(type, fn, opts))
  }

  private listen(): void {
    const { main, minimap } = this.el
    this.on(main, 'wheel', (e) => this.onWheel(e), { passive: false })
    this.on(main, 'pointerdown', (e) => this.onPointerDown(e, 'pan'))
    this.on(main, 'pointermove', (e) => this.onPointerMove(e))
    this.on(main, 'pointerup', (e) => this.onPointerUp(e))
    this.on(main, 'pointerleave', () => this.setHover(-1, null))
    this.on(minimap, 'pointerdown', (e) => this.onPointerDown(e, 'minimap'))
    this.on(minimap, 'pointermove', (e) => this.onPointerMove(e))
    this.on(minimap, 'pointerup', (e) => this.onPointerUp(e))
  }

  private onWheel(e: WheelEvent): void {
    if (!this.cols) return
    e.preventDefault()
    const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.height : 1
    const dx = e.deltaX * scale
    const dy = e.deltaY * scale
    const x = e.offsetX
    if (e.ctrlKey || e.metaKey) {
      // Pinch on a trackpad arrives as ctrl+wheel with small deltas: zoom finely.
      this.win = zoomAt(this.win, this.cols.extent, this.width, x, Math.exp(-dy * 0.01))
    } else if (e.shiftKey) {
      this.win = panBy(this.win, this.cols.extent, this.width, -(dy || dx))
    } else if (e.altKey) {
      this.setRowTop(this.clampRowTop(this.rowTop + dy / ROW_H))
    } else {
      if (dx) this.win = panBy(this.win, this.cols.extent, this.width, -dx)
      if (dy) this.win = zoomAt(this.win, this.cols.extent, this.width, x, Math.exp(-dy * 0.002))
    }
    this.request()
  }

  private onPointerDown(e: PointerEvent, kind: 'pan' | 'minimap'): void {
    if (e.button !== 0 || !this.cols) return
    const target = e.currentTarget as HTMLElement
    target.setPointerCapture(e.pointerId)
    const onScrollbar = kind === 'pan' && e.offsetX > this.width - 10 && e.offsetY > AXIS_H
    this.drag = {
      kind: onScrollbar ? 'scrollbar' : kind,
      x: e.clientX,
      y: e.clientY,
      moved: false,
      win: this.win,
      rowTop: this.rowTop,
    }
    if (kind === 'minimap') this.centreMinimapOn(e.offsetX, e.offsetY)
  }

  private onPointerMove(e: PointerEvent): void {
    const c = this.cols
    if (!c) return
    const d = this.drag
    if (!d) {
      if (e.currentTarget === this.el.main) this.hover(e)
      return
    }
    const dx = e.clientX - d.x
    const dy = e.clientY - d.y
    if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true
    if (!d.moved) return
    if (d.kind === 'pan') {
      this.win = panBy(d.win, c.extent, this.width, dx)
      this.setRowTop(this.clampRowTop(d.rowTop - dy / ROW_H))
      this.setHover(-1, null)
    } else if (d.kind === 'scrollbar') {
      const rows = this.store.getState().rows.rowCount
      this.setRowTop(this.clampRowTop(d.rowTop + (dy / Math.max(1, this.height - AXIS_H)) * rows))
    } else {
      this.centreMinimapOn(e.offsetX, e.offsetY)
    }
    this.request()
  }

  private onPointerUp(e: PointerEvent): void {
    const d = this.drag
    this.drag = null
    if (!d || d.moved || d.kind !== 'pan') return
    // A click without movement jumps to the span on that row.
    const row = this.rowAt(e.offsetY)
    if (row < 0) return
    const s = this.store.getState()
    const i = s.rows.spanAt(row)
    if (i >= 0) s.goTo(i, 'timeline')
  }

  /**
   * Moves the window to the minimap point. The point's height is a band of spans in step order;
   * the span of that band nearest the point's time is brought to the middle of the view, so a
   * click on the trace's shape shows the bars drawn there, whatever the zoom.
   */
  private centreMinimapOn(x: number, y: number): void {
    const c = this.cols
    if (!c || !c.count) return
    const s = this.store.getState()
    const full = fullWindow(c.extent)
    const t = full.t0 + (Math.max(0, Math.min(this.width, x)) / this.width) * (full.t1 - full.t0)
    const fy = Math.max(0, Math.min(MINIMAP_H - 0.01, y)) / MINIMAP_H
    const from = Math.floor(fy * c.count)
    const to = Math.min(c.count, Math.max(from + 1, Math.floor((fy + 1 / MINIMAP_H) * c.count)))
    let best = from
    let bestDistance = Infinity
    for (let i = from; i < to; i++) {
      const start = c.start[i]
      const end = start + c.duration[i]
      const d = t < start ? start - t : t > end ? t - end : 0
      if (d < bestDistance) {
        best = i
        bestDistance = d
        if (d === 0) break
      }
    }
    const centre = Math.min(c.start[best] + c.duration[best], Math.max(c.start[best], t))
    const span = this.win.t1 - this.win.t0
    this.win = clampWindow({ t0: centre - span / 2, t1: centre + span / 2 }, c.extent)
    let row = s.rows.rowOf(best)
    if (row < 0) row = s.rows.rowOf(s.rows.hiddenBy(best))
    this.setRowTop(this.clampRowTop(row - visibleRowCount(this.height) / 2))
    this.request()
  }

  private hover(e: PointerEvent): void {
    const c = this.cols!
    const row = this.rowAt(e.offsetY)
    if (row < 0) return this.setHover(-1, null)
    const i = this.store.getState().rows.spanAt(row)
    const scale = scaleFor(this.win, this.width)
    const x0 = scale(c.start[i]) - 4
    const x1 = Math.max(scale(c.start[i] + c.duration[i]), x0 + 6) + 4
    this.setHover(
      row,
      e.offsetX >= x0 && e.offsetX <= x1 ? { i, x: e.offsetX, y: e.offsetY } : null,
    )
  }

  private setHover(row: number, tip: { i: number; x: number; y: number } | null): void {
    if (row !== this.hoverRow) {
      this.hoverRow = row
      this.store.getState().setHoverRow(row)
      this.request()
    }
    const t = this.el.tooltip
    this.el.main.style.cursor = tip ? 'pointer' : row >= 0 ? 'default' : ''
    if (!tip || !this.cols) {
      t.hidden = true
      this.tipSpan = -1
      return
    }
    if (tip.i !== this.tipSpan) {
      this.fillTooltip(this.cols, tip.i)
      this.tipSpan = tip.i
    }
    t.hidden = false
    // Below the pointer when it fits inside the timeline, else above it.
    const w = t.offsetWidth
    const h = t.offsetHeight
    const left = tip.x + 14 + w > this.width ? tip.x - 14 - w : tip.x + 14
    const top = tip.y + 16 + h > this.height ? tip.y - 10 - h : tip.y + 16
    t.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, top) + MINIMAP_H}px)`
  }

  private fillTooltip(c: ReplayColumns, i: number): void {
    const t = this.el.tooltip
    const kind = spanKind(c, i)
    const fields: [string, string][] = [
      ['Duration', formatDuration(c.duration[i])],
      ['Tokens', formatTokens(Number.isNaN(spanTokens(c, i)) ? null : spanTokens(c, i))],
      ['Cost', formatCost(Number.isNaN(c.cost[i]) ? null : c.cost[i])],
      ['Status', statusLabel(c.status[i])],
    ]
    // Built with textContent only: span names are untrusted trace content.
    t.replaceChildren()
    const title = document.createElement('div')
    title.className = 'td-tl-tip__title'
    title.textContent = spanName(c, i)
    const sub = document.createElement('div')
    sub.className = 'td-tl-tip__sub'
    sub.textContent = `${KIND_LABELS[kind]} · step ${i + 1}`
    const grid = document.createElement('dl')
    for (const [k, v] of fields) {
      const dt = document.createElement('dt')
      dt.textContent = k
      const dd = document.createElement('dd')
      dd.textContent = v
      grid.append(dt, dd)
    }
    t.append(title, sub, grid)
  }
}
