/**
 * Comparison state for one CompareView: the comparison (from `compareTraces`), the current
 * aligned row, lockstep on/off, lockstep playback and divergence navigation. It drives the two
 * panes' replay stores (`attach`): on each row both panes go to their span — or, on a gap, the
 * pane lacking the span keeps its place and the view shows an empty slot. When locked, a click in
 * either pane moves the other to the counterpart; when unlocked, panes move alone, and locking
 * again re-aligns at the pane the user moved last.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { TraceApi } from '../../../shared/api'
import type { TraceComparison } from '../../../shared/compare/compare'
import { stepDivergence, type Divergence } from '../../../shared/compare/divergence'
import { lockstepIndex, rowForSpans, type LockstepIndex } from '../../../shared/compare/lockstep'
import { clampSpeed, stepDelayMs, stepSpeed, DEFAULT_PACING } from '../../../shared/replay'
import type { ReplayStore } from './replay-store'

export type Side = 'a' | 'b'

export interface CompareState {
  phase: 'loading' | 'ready' | 'error'
  error: string | null
  comparison: TraceComparison | null
  index: LockstepIndex | null
  /** Current aligned row. */
  row: number
  locked: boolean
  playing: boolean
  speed: number
  /** The divergence reached through divergence navigation (null after any other move). */
  divergence: Divergence | null
  /** The pane the user moved last (re-locking aligns at it). */
  lastMoved: Side

  load(a: string, b: string, focus?: { a: number; b: number }): Promise<void>
  /** Lets the store drive two pane stores; returns the detach function. */
  attach(panes: { a: ReplayStore; b: ReplayStore }): () => void
  goToRow(row: number, divergence?: Divergence | null): void
  next(): void
  prev(): void
  first(): void
  last(): void
  play(): void
  pause(): void
  togglePlay(): void
  setSpeed(speed: number): void
  faster(): void
  slower(): void
  firstDivergence(): void
  nextDivergence(): void
  prevDivergence(): void
  setLocked(locked: boolean): void
  /** The spans the panes show now (for keeping the place across a swap). */
  shownSpans(): { a: number; b: number }
  dispose(): void
}

export type CompareStore = StoreApi<CompareState>

/** Creates the comparison store of one view. */
export function createCompareStore(api: () => TraceApi): CompareStore {
  let panes: { a: ReplayStore; b: ReplayStore } | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let driving = false
  let loadSeq = 0
  let pendingFocus: { a: number; b: number } | null = null

  const stopTimer = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
  }

  return createStore<CompareState>()((set, get) => {
    /** Moves both panes to the current row (only the panes whose place changes). */
    const sync = (only?: Side): void => {
      const { index, row } = get()
      if (!panes || !index || !index.rows) return
      driving = true
      try {
        for (const side of ['a', 'b'] as const) {
          if (only && only !== side) continue
          const pane = panes[side].getState()
          const target = side === 'a' ? index.standA[row] : index.standB[row]
          if (pane.phase === 'ready' && target >= 0 && pane.current !== target)
            pane.goTo(target, 'external')
        }
      } finally {
        driving = false
      }
    }

    const move = (row: number, divergence: Divergence | null = null): void => {
      const { index } = get()
      if (!index || !index.rows) return
      const r = Math.max(0, Math.min(index.rows - 1, row))
      set({ row: r, divergence })
      sync()
    }
    const manual = (row: number, divergence: Divergence | null = null): void => {
      if (get().playing) get().pause()
      move(row, divergence)
    }

    /** A divergence jump shows the pair in both panes, so it locks them again. */
    const jumpTo = (d: Divergence): void => {
      if (!get().locked) set({ locked: true })
      manual(d.row, d)
    }

    const onPane = (
      side: Side,
      now: { current: number; phase: string },
      before: { current: number; phase: string },
    ): void => {
      if (now.phase === 'ready' && before.phase !== 'ready') {
        sync(side)
        return
      }
      if (driving || now.phase !== 'ready' || now.current === before.current) return
      const { index, locked } = get()
      set({ lastMoved: side, divergence: null })
      if (!locked || !index) return
      // Locked: the row of the span the user picked; the other pane follows.
      const r = side === 'a' ? index.rowOfA[now.current] : index.rowOfB[now.current]
      if (r < 0) return
      if (get().playing) get().pause()
      set({ row: r })
      sync(side === 'a' ? 'b' : 'a')
    }

    const tick = (): void => {
      const { comparison, index, row, speed, playing } = get()
      if (!comparison || !index || !playing) return
      const dur = (s: ReplayStore | undefined, i: number) =>
        i >= 0 ? (s?.getState().cols?.duration[i] ?? 0) : 0
      const duration = Math.max(
        dur(panes?.a, comparison.rowA[row]),
        dur(panes?.b, comparison.rowB[row]),
      )
      const bounds = panes?.a.getState().bounds ?? DEFAULT_PACING
      timer = setTimeout(
        () => {
          timer = null
          const s = get()
          if (!s.playing || !s.index) return
          if (s.row >= s.index.rows - 1) {
            set({ playing: false })
            return
          }
          move(s.row + 1)
          tick()
        },
        stepDelayMs(duration, speed, bounds),
      )
    }

    return {
      phase: 'loading',
      error: null,
      comparison: null,
      index: null,
      row: 0,
      locked: true,
      playing: false,
      speed: 1,
      divergence: null,
      lastMoved: 'a',

      async load(a, b, focus) {
        const seq = ++loadSeq
        stopTimer()
        pendingFocus = focus ?? null
        set({
          phase: 'loading',
          error: null,
          comparison: null,
          index: null,
          row: 0,
          playing: false,
          divergence: null,
        })
        try {
          const comparison = await api().compareTraces({ a, b })
          if (seq !== loadSeq) return
          const index = lockstepIndex(comparison)
          const row = pendingFocus ? rowForSpans(index, pendingFocus.a, pendingFocus.b) : 0
          set({ phase: 'ready', comparison, index, row })
          sync()
        } catch (error) {
          if (seq !== loadSeq) return
          set({ phase: 'error', error: error instanceof Error ? error.message : String(error) })
        }
      },

      attach(next) {
        panes = next
        const stops = (['a', 'b'] as const).map((side) =>
          next[side].subscribe((now, before) => onPane(side, now, before)),
        )
        sync()
        return () => {
          stops.forEach((stop) => stop())
          if (panes === next) panes = null
        }
      },

      goToRow: (row, divergence = null) => manual(row, divergence),
      next: () => manual(get().row + 1),
      prev: () => manual(get().row - 1),
      first: () => manual(0),
      last: () => manual((get().index?.rows ?? 1) - 1),

      play() {
        const { index, row, playing } = get()
        if (!index || !index.rows || playing) return
        if (!get().locked) get().setLocked(true)
        if (row >= index.rows - 1) move(0)
        set({ playing: true })
        tick()
      },
      pause() {
        stopTimer()
        set({ playing: false })
      },
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      setSpeed(speed) {
        set({ speed: clampSpeed(speed) })
        if (get().playing) {
          stopTimer()
          tick()
        }
      },
      faster: () => get().setSpeed(stepSpeed(get().speed, 1)),
      slower: () => get().setSpeed(stepSpeed(get().speed, -1)),

      firstDivergence() {
        const d = get().comparison?.divergences[0]
        if (d) jumpTo(d)
      },
      nextDivergence() {
        const { comparison, index, row, divergence } = get()
        const d =
          comparison && index
            ? stepDivergence(comparison.divergences, index.rows, row, 1, divergence)
            : null
        if (d) jumpTo(d)
      },
      prevDivergence() {
        const { comparison, index, row, divergence } = get()
        const d =
          comparison && index
            ? stepDivergence(comparison.divergences, index.rows, row, -1, divergence)
            : null
        if (d) jumpTo(d)
      },

      setLocked(locked) {
        const { index, lastMoved } = get()
        if (!locked) {
          get().pause()
          set({ locked: false })
          return
        }
        set({ locked: true })
        if (!index || !panes) return
        // Re-lock at the pair of the span shown in the pane moved last.
        const current = panes[lastMoved].getState().current
        const r = lastMoved === 'a' ? index.rowOfA[current] : index.rowOfB[current]
        if (r >= 0) move(r)
        else sync()
      },

      shownSpans: () => ({
        a: panes?.a.getState().current ?? -1,
        b: panes?.b.getState().current ?? -1,
      }),

      dispose() {
        stopTimer()
        loadSeq++
        panes = null
        set({ playing: false })
      },
    }
  })
}
