/**
 * Keyboard shortcuts of the comparison view (the panes' own shortcuts are off, so keys never
 * drive one pane behind the other's back):
 *   ← / K previous pair · → / J next pair · Space play/pause · Home / End first / last pair
 *   F first divergence · D next divergence · Shift+D previous divergence · L lock/unlock
 *   [ / ] slower / faster · X swap A and B
 * Unlocked, the stepping keys move the pane the user moved last. Keys typed into fields are left alone.
 */
import { useEffect } from 'react'
import type { CompareStore } from '../../stores/compare-store'
import { useNav } from '../../stores/nav-store'
import type { ReplayStore } from '../../stores/replay-store'
import { isTyping } from '../../lib/keys'

/** What each key does, for the toolbar's help (one list with the shortcut sheet). */
export { COMPARE_SHORTCUTS } from '../../../../shared/shortcut-table'

// Where to land after a swap: the spans the panes showed, keyed by the new (a, b).
let swapFocus: { key: string; a: number; b: number } | null = null

/** Swaps A and B, keeping the place (the same spans stay on screen). */
export function swapTraces(store: CompareStore, a: string, b: string): void {
  const shown = store.getState().shownSpans()
  swapFocus = { key: `${b}\u0000${a}`, a: shown.b, b: shown.a }
  useNav.getState().go({ name: 'compare', a: b, b: a })
}

/** The focus a swap left for the comparison (a, b), once. */
export function takeSwapFocus(a: string, b: string): { a: number; b: number } | undefined {
  if (!swapFocus || swapFocus.key !== `${a}\u0000${b}`) return undefined
  const { a: fa, b: fb } = swapFocus
  swapFocus = null
  return { a: fa, b: fb }
}

/** Binds the comparison shortcuts on the window. */
export function useCompareKeys(
  store: CompareStore,
  panes: { a: ReplayStore; b: ReplayStore },
): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      if (document.querySelector('dialog[open]')) return // a picker is open: keys are its own
      const s = store.getState()
      if (s.phase !== 'ready' || !s.comparison) return
      const solo = s.locked ? null : panes[s.lastMoved].getState()
      const actions: Record<string, () => void> = {
        ArrowLeft: solo ? solo.prev : s.prev,
        k: solo ? solo.prev : s.prev,
        ArrowRight: solo ? solo.next : s.next,
        j: solo ? solo.next : s.next,
        ' ': s.togglePlay,
        Home: solo ? solo.first : s.first,
        End: solo ? solo.last : s.last,
        f: s.firstDivergence,
        d: s.nextDivergence,
        D: s.prevDivergence,
        l: () => s.setLocked(!s.locked),
        '[': s.slower,
        ']': s.faster,
        x: () => swapTraces(store, s.comparison!.a.id, s.comparison!.b.id),
      }
      const action = actions[e.key]
      if (!action) return
      e.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store, panes])
}
