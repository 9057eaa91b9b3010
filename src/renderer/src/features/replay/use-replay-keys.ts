/**
 * Keyboard shortcuts of a replay pane. Every control has one:
 *   ← / K previous · → / J next · Space play/pause · Home first · End last
 *   E first error (Shift+E next error) · S slowest span · $ most expensive span · U parent span
 *   [ / ] slower / faster · + / − zoom the timeline · 0 fit · / search · N / Shift+N next/previous match
 *   C collapse/expand the current span · R summary report · T readable / time-true pacing
 *   Esc close the report
 * Keys typed into form fields are left alone.
 */
import { useEffect, type RefObject } from 'react'
import type { ReplayStore } from '../../stores/replay-store'
import type { TimelineHandle } from '../timeline/Timeline'
import { isTyping } from '../../lib/keys'

/** Binds the pane's shortcuts on the window while `enabled`. */
export function useReplayKeys(
  store: ReplayStore,
  enabled: boolean,
  timeline: RefObject<TimelineHandle | null>,
  searchInput: RefObject<HTMLInputElement | null>,
): void {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      const s = store.getState()
      if (e.key === 'Escape' && s.finished) {
        s.dismissReport()
        e.preventDefault()
        return
      }
      if (isTyping(e.target)) return
      // A modal (e.g. the "Compare with…" picker) owns the keys while it is open.
      if (document.querySelector('dialog[open]')) return
      // Space on a focused button would click it as well: the shortcut owns Space.
      const actions: Record<string, () => void> = {
        ArrowLeft: s.prev,
        k: s.prev,
        ArrowRight: s.next,
        j: s.next,
        ' ': s.togglePlay,
        Home: s.first,
        End: s.last,
        e: s.firstError,
        E: s.nextError,
        s: s.slowest,
        $: s.mostExpensive,
        u: s.parent,
        '[': s.slower,
        ']': s.faster,
        '+': () => timeline.current?.zoomIn(),
        '=': () => timeline.current?.zoomIn(),
        '-': () => timeline.current?.zoomOut(),
        '0': () => timeline.current?.fit(),
        '/': () => searchInput.current?.focus(),
        n: s.nextMatch,
        N: s.prevMatch,
        c: () => s.toggleCollapse(s.current),
        r: s.openReport,
        t: () => s.setPacing(s.pacing === 'time-true' ? 'readable' : 'time-true'),
      }
      const action = actions[e.key]
      if (!action) return
      e.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store, enabled, timeline, searchInput])
}
