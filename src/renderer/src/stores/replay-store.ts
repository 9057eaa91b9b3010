/**
 * Replay state for one trace pane: the loaded columns, the current step, playback, tree
 * collapse and search. One store instance per pane (`createReplayStore`), so the comparison view
 * can run two panes side by side and drive both. Views read it with `useStore(store, selector)`;
 * canvas views subscribe to it directly and redraw in the rAF scheduler, not through React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { TraceApi, TraceDetail } from '../../../shared/api'
import { decodeSpanTable } from '../../../shared/span-table-binary'
import {
  DEFAULT_PACING,
  buildRowModel,
  clampSpeed,
  clampStep,
  computeLandmarks,
  isEmptyQuery,
  localMatches,
  mergeMatches,
  nextError,
  nextMatch,
  normalizeBounds,
  parseSpanQuery,
  prevMatch,
  revealIn,
  isPacingMode,
  stepDelayMs,
  stepSpeed,
  timeTrueDelayMs,
  type PacingMode,
  replayColumnsFromBinary,
  type Landmarks,
  type PacingBounds,
  type ReplayColumns,
  type RowModel,
} from '../../../shared/replay'
import { forgetTraceDetail, forgetTraceDetails, getTraceDetail } from './trace-details'

/** Why the current step changed: views use it (e.g. the tree scrolls differently on its own clicks). */
export type StepSource =
  'control' | 'play' | 'timeline' | 'tree' | 'search' | 'sidebar' | 'external'

export interface ReplayState {
  traceId: string | null
  phase: 'idle' | 'loading' | 'ready' | 'error'
  error: string | null
  detail: TraceDetail | null
  cols: ReplayColumns | null
  landmarks: Landmarks | null
  /** Current step (span index). */
  current: number
  source: StepSource
  playing: boolean
  speed: number
  bounds: PacingBounds
  /** Readable (clamped step delays) or time-true (the recorded timeline ÷ speed). */
  pacing: PacingMode
  /**
   * While playing time-true: the playhead was at `startUs` (µs from the trace start) at
   * `atMs` (performance.now()) and moves at `speed`× real time. Null otherwise.
   */
  playClock: { startUs: number; atMs: number; speed: number } | null
  /** The summary report is shown (play reached the last step, or it was opened). */
  finished: boolean
  collapsed: ReadonlySet<number>
  rows: RowModel
  /**
   * The first visible row (fractional) shared by the execution tree and the timeline, so their
   * rows line up and scroll together; and the row under the pointer in either (-1: none).
   */
  rowTop: number
  hoverRow: number
  query: string
  matches: Int32Array
  searching: boolean
  searchError: string | null
  /** Time to load the trace (ms), for the benchmark and the status line. */
  loadMs: number

  load(traceId: string, step?: number): Promise<void>
  /**
   * Re-reads the open trace (a live trace that grew or was committed) and keeps the user's
   * place: the same span stays current and collapsed, wherever new spans land in step order.
   */
  refresh(): Promise<void>
  goTo(index: number, source?: StepSource): void
  next(): void
  prev(): void
  first(): void
  last(): void
  firstError(): void
  nextError(): void
  slowest(): void
  mostExpensive(): void
  parent(): void
  play(): void
  pause(): void
  togglePlay(): void
  setSpeed(speed: number): void
  faster(): void
  slower(): void
  setBounds(bounds: Partial<PacingBounds>): void
  setPacing(mode: PacingMode): void
  /** Where the time-true playhead is now (µs from the trace start), or null when not playing so. */
  playheadAt(nowMs?: number): number | null
  setRowTop(rowTop: number): void
  setHoverRow(row: number): void
  toggleCollapse(index: number): void
  setCollapsed(collapsed: Iterable<number>): void
  search(query: string): Promise<void>
  nextMatch(): void
  prevMatch(): void
  /** Shows the summary report (it also opens by itself when playing reaches the end). */
  openReport(): void
  dismissReport(): void
  dispose(): void
}

export type ReplayStore = StoreApi<ReplayState>

const BOUNDS_KEY = 'tracedeck.replay.pacing'
const SPEED_KEY = 'tracedeck.replay.speed'
const PACING_KEY = 'tracedeck.replay.pacing-mode'
const EMPTY_ROWS = buildRowModel(new Int32Array(0), 0, [])
const NO_MATCHES = new Int32Array(0)

/**
 * The last few traces opened, as loaded columns: going back to the library and reopening a
 * trace (or switching between two) skips the fetch and the conversion. Traces do not change
 * once imported; the cache is dropped whenever the library changes (forgetReplayCache).
 */
const CACHED_TRACES = 3
const loadedCache = new Map<
  string,
  { detail: TraceDetail; cols: ReplayColumns; landmarks: Landmarks }
>()

/**
 * Where each span of `a` is in `b` (the same trace after it grew): spans are matched by absolute
 * start, name and depth (step indices shift when earlier spans arrive). -1 when not found.
 */
function spanRemap(a: ReplayColumns, b: ReplayColumns): (i: number) => number {
  const key = (c: ReplayColumns, i: number) =>
    `${c.origin + c.start[i]}\0${c.names[c.name[i]]}\0${c.depth[i]}`
  let index: Map<string, number> | undefined
  return (i) => {
    if (i < 0 || i >= a.count) return -1
    if (!index) {
      index = new Map()
      for (let j = b.count - 1; j >= 0; j--) index.set(key(b, j), j)
    }
    return index.get(key(a, i)) ?? -1
  }
}

/** Drops cached traces (call when the library changes: delete, re-import). */
export function forgetReplayCache(): void {
  loadedCache.clear()
  forgetTraceDetails()
}

function readSetting<T>(key: string, fallback: T): T {
  try {
    const raw = globalThis.localStorage?.getItem(key)
    return raw ? (JSON.parse(raw) as T) : fallback
  } catch (error) {
    console.warn(`tracedeck: ignoring unreadable setting ${key}`, error)
    return fallback
  }
}

function writeSetting(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value))
  } catch (error) {
    console.warn(`tracedeck: could not save setting ${key}`, error)
  }
}

/** Creates a replay store bound to a host API (one per pane). */
export function createReplayStore(api: () => TraceApi): ReplayStore {
  let timer: ReturnType<typeof setTimeout> | null = null
  /** Where a time-true replay paused (to resume from the same point on the same step). */
  let paused: { step: number; atUs: number } | null = null
  let loadSeq = 0
  let searchSeq = 0

  const stopTimer = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
  }

  return createStore<ReplayState>()((set, get) => {
    const jump = (index: number, source: StepSource = 'control'): void => {
      const { cols, collapsed } = get()
      if (!cols || index < 0) return
      const i = clampStep(index, cols.count)
      const nextCollapsed = revealIn(collapsed, cols.parentIndex, i)
      set({
        current: i,
        source,
        finished: false,
        ...(nextCollapsed !== collapsed
          ? {
              collapsed: nextCollapsed,
              rows: buildRowModel(cols.subtreeEnd, cols.count, nextCollapsed),
            }
          : {}),
      })
    }
    /** A manual step stops playback, like a video player. */
    const manual = (index: number, source: StepSource = 'control'): void => {
      if (get().playing) get().pause()
      jump(index, source)
    }
    const playheadAt = (nowMs: number): number | null => {
      const clock = get().playClock
      if (!clock) return null
      const t = clock.startUs + (nowMs - clock.atMs) * 1000 * clock.speed
      return Math.min(get().cols?.extent ?? t, t)
    }
    /** Time-true: show every step whose start the playhead has reached, then wait for the next. */
    const tickTrue = (): void => {
      const s = get()
      const c = s.cols
      if (!c || !s.playing || !s.playClock) return
      const t = playheadAt(performance.now()) ?? 0
      let i = s.current
      while (i + 1 < c.count && c.start[i + 1] <= t) i++
      if (i !== s.current) jump(i, 'play')
      const due = i + 1 < c.count ? c.start[i + 1] : c.extent
      if (i + 1 >= c.count && t >= c.extent) {
        set({ playing: false, finished: true, playClock: null })
        return
      }
      // +1 ms so the timer never fires a hair before the playhead reaches the start.
      timer = setTimeout(
        () => {
          timer = null
          tickTrue()
        },
        timeTrueDelayMs(due, t, s.playClock.speed) + 1,
      )
    }
    const tick = (): void => {
      const { cols, current, speed, bounds, playing, pacing } = get()
      if (!cols || !playing) return
      if (pacing === 'time-true') return tickTrue()
      timer = setTimeout(
        () => {
          timer = null
          const s = get()
          if (!s.playing || !s.cols) return
          if (s.current >= s.cols.count - 1) {
            set({ playing: false, finished: true })
            return
          }
          jump(s.current + 1, 'play')
          tick()
        },
        stepDelayMs(cols.duration[current], speed, bounds),
      )
    }

    return {
      traceId: null,
      phase: 'idle',
      error: null,
      detail: null,
      cols: null,
      landmarks: null,
      current: 0,
      source: 'external',
      playing: false,
      speed: clampSpeed(readSetting(SPEED_KEY, 1)),
      bounds: normalizeBounds(readSetting(BOUNDS_KEY, DEFAULT_PACING)),
      pacing: ((m: unknown) => (isPacingMode(m) ? m : 'readable'))(
        readSetting<unknown>(PACING_KEY, 'readable'),
      ),
      playClock: null,
      finished: false,
      collapsed: new Set(),
      rows: EMPTY_ROWS,
      rowTop: 0,
      hoverRow: -1,
      query: '',
      matches: NO_MATCHES,
      searching: false,
      searchError: null,
      loadMs: 0,

      async load(traceId, step) {
        const seq = ++loadSeq
        stopTimer()
        const began = performance.now()
        set({
          traceId,
          phase: 'loading',
          error: null,
          playing: false,
          playClock: null,
          finished: false,
          query: '',
          matches: NO_MATCHES,
        })
        try {
          let loaded = loadedCache.get(traceId)
          if (!loaded) {
            const [detail, table] = await Promise.all([
              getTraceDetail(api(), traceId), // shared with the top bar's breadcrumb
              api().getSpanColumns({ id: traceId }),
            ])
            if (seq !== loadSeq) return
            performance.mark('tracedeck:trace-fetched', { detail: { traceId } })
            const cols = replayColumnsFromBinary(decodeSpanTable(table))
            loaded = { detail, cols, landmarks: computeLandmarks(cols) }
            performance.mark('tracedeck:trace-ready', { detail: { traceId } })
          }
          loadedCache.delete(traceId)
          loadedCache.set(traceId, loaded)
          if (loadedCache.size > CACHED_TRACES)
            loadedCache.delete(loadedCache.keys().next().value as string)
          const { detail, cols, landmarks } = loaded
          const collapsed = new Set<number>()
          set({
            detail,
            cols,
            landmarks,
            current: clampStep(step ?? 0, cols.count),
            source: 'external',
            collapsed,
            rows: buildRowModel(cols.subtreeEnd, cols.count, collapsed),
            rowTop: 0,
            hoverRow: -1,
            phase: 'ready',
            loadMs: performance.now() - began,
          })
        } catch (error) {
          if (seq !== loadSeq) return
          set({ phase: 'error', error: error instanceof Error ? error.message : String(error) })
        }
      },

      async refresh() {
        const { traceId, cols: before, phase, current, collapsed } = get()
        if (!traceId || phase !== 'ready' || !before) return
        const seq = loadSeq
        loadedCache.delete(traceId)
        forgetTraceDetail(traceId)
        let detail: TraceDetail
        let cols: ReplayColumns
        try {
          const [d, table] = await Promise.all([
            getTraceDetail(api(), traceId),
            api().getSpanColumns({ id: traceId }),
          ])
          detail = d
          cols = replayColumnsFromBinary(decodeSpanTable(table))
        } catch (error) {
          // The trace stays as it was shown; the next growth tries again.
          console.warn('tracedeck: could not refresh the live trace', error)
          return
        }
        if (seq !== loadSeq || get().traceId !== traceId) return
        const remap = spanRemap(before, cols)
        const nextCollapsed = new Set<number>()
        for (const i of collapsed) {
          const j = remap(i)
          if (j >= 0) nextCollapsed.add(j)
        }
        const landmarks = computeLandmarks(cols)
        loadedCache.set(traceId, { detail, cols, landmarks })
        const at = remap(current)
        set({
          detail,
          cols,
          landmarks,
          current: clampStep(at >= 0 ? at : current, cols.count),
          collapsed: nextCollapsed,
          rows: buildRowModel(cols.subtreeEnd, cols.count, nextCollapsed),
        })
      },

      goTo: (index, source = 'external') => manual(index, source),
      next: () => manual(get().current + 1),
      prev: () => manual(get().current - 1),
      first: () => manual(0),
      last: () => manual((get().cols?.count ?? 1) - 1),
      firstError: () => manual(get().landmarks?.firstError ?? -1),
      nextError: () => {
        const { cols, current } = get()
        if (cols) manual(nextError(cols, current))
      },
      slowest: () => manual(get().landmarks?.slowest ?? -1),
      mostExpensive: () => manual(get().landmarks?.mostExpensive ?? -1),
      parent: () => {
        const { cols, current } = get()
        if (cols) manual(cols.parentIndex[current] ?? -1)
      },

      play() {
        const { cols, current, playing } = get()
        if (!cols || !cols.count || playing) return
        // Playing from the last step replays from the start, as a player would.
        if (current >= cols.count - 1) jump(0, 'play')
        const { pacing, speed } = get()
        const at = get().current
        const startUs =
          paused && paused.step === at
            ? Math.max(cols.start[at], paused.atUs)
            : (cols.start[at] ?? 0)
        paused = null
        set({
          playing: true,
          finished: false,
          playClock: pacing === 'time-true' ? { startUs, atMs: performance.now(), speed } : null,
        })
        tick()
      },
      pause() {
        stopTimer()
        const t = playheadAt(performance.now())
        paused = t === null ? null : { step: get().current, atUs: t }
        set({ playing: false, playClock: null })
      },
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      setSpeed(speed) {
        const s = clampSpeed(speed)
        writeSetting(SPEED_KEY, s)
        // Time-true: the playhead goes on from where it is, at the new speed.
        const t = playheadAt(performance.now())
        set({
          speed: s,
          ...(t !== null ? { playClock: { startUs: t, atMs: performance.now(), speed: s } } : {}),
        })
        // The new speed applies from the step being shown now.
        if (get().playing) {
          stopTimer()
          tick()
        }
      },
      faster: () => get().setSpeed(stepSpeed(get().speed, 1)),
      slower: () => get().setSpeed(stepSpeed(get().speed, -1)),
      setBounds(bounds) {
        const b = normalizeBounds({ ...get().bounds, ...bounds })
        writeSetting(BOUNDS_KEY, b)
        set({ bounds: b })
      },
      setPacing(mode) {
        if (!isPacingMode(mode) || mode === get().pacing) return
        writeSetting(PACING_KEY, mode)
        const { playing, cols, current, speed } = get()
        const t = playheadAt(performance.now())
        stopTimer()
        set({
          pacing: mode,
          playClock:
            playing && mode === 'time-true' && cols
              ? { startUs: t ?? cols.start[current], atMs: performance.now(), speed }
              : null,
        })
        if (playing) tick()
      },
      playheadAt: (nowMs = performance.now()) => playheadAt(nowMs),

      setRowTop(rowTop) {
        const r = Number.isFinite(rowTop) ? Math.max(0, rowTop) : 0
        if (Math.abs(r - get().rowTop) > 1e-3) set({ rowTop: r })
      },
      setHoverRow(row) {
        if (row !== get().hoverRow) set({ hoverRow: row })
      },
      toggleCollapse(index) {
        const { cols, collapsed } = get()
        if (!cols) return
        const next = new Set(collapsed)
        if (next.has(index)) next.delete(index)
        else next.add(index)
        get().setCollapsed(next)
      },
      setCollapsed(collapsedIn) {
        const { cols, current } = get()
        if (!cols) return
        const collapsed = new Set(collapsedIn)
        const rows = buildRowModel(cols.subtreeEnd, cols.count, collapsed)
        // Collapsing over the current step moves it to the collapsed span that hides it.
        const hider = rows.hiddenBy(current)
        set({ collapsed, rows, ...(hider >= 0 ? { current: hider, source: 'tree' as const } : {}) })
      },

      async search(query) {
        const seq = ++searchSeq
        const { cols, traceId } = get()
        const q = parseSpanQuery(query)
        if (!cols || !traceId || isEmptyQuery(q)) {
          set({ query, matches: NO_MATCHES, searching: false, searchError: null })
          return
        }
        const local = localMatches(cols, q)
        set({ query, matches: local, searching: Boolean(q.text), searchError: null })
        if (!q.text) return
        try {
          const remote = await api().searchSpans({
            traceId,
            text: q.text,
            kind: q.kind,
            status: q.status,
          })
          if (seq !== searchSeq) return
          set({ matches: mergeMatches(cols, q, local, remote), searching: false })
        } catch (error) {
          if (seq !== searchSeq) return
          // Name matches still work; say that text inside payloads could not be searched.
          set({
            searching: false,
            searchError: `Full-text search failed: ${error instanceof Error ? error.message : String(error)}`,
          })
        }
      },
      nextMatch: () => manual(nextMatch(get().matches, get().current), 'search'),
      prevMatch: () => manual(prevMatch(get().matches, get().current), 'search'),
      openReport: () => set({ finished: true }),
      dismissReport: () => set({ finished: false }),
      dispose() {
        stopTimer()
        loadSeq++
        searchSeq++
        set({ playing: false, playClock: null })
      },
    }
  })
}
