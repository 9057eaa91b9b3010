/**
 * Keeps the browser's history in step with the app's views, so Back (the browser's button, a
 * mouse's back key, Alt+←) returns to the previous view instead of leaving the app: each view the
 * app goes to is one history entry; popping one steps the app back.
 */
import { useNav } from '../stores/nav-store'

/** Starts the sync; returns the stop. Called once by the shell. */
export function syncBrowserHistory(): () => void {
  let depth = useNav.getState().history.length
  let popping = false
  let ignorePops = 0
  window.history.replaceState({ tdDepth: depth }, '')
  const stop = useNav.subscribe((s, prev) => {
    const d = s.history.length
    if (!popping && s.view !== prev.view) {
      if (d >= depth && d > 0) window.history.pushState({ tdDepth: d }, '')
      else if (d < depth) {
        // The app's own Back button: take the browser back the same number of entries.
        ignorePops++
        window.history.go(d - depth)
      }
    }
    depth = d
  })
  const onPop = (e: PopStateEvent) => {
    if (ignorePops) {
      ignorePops--
      return
    }
    const target = typeof e.state?.tdDepth === 'number' ? (e.state.tdDepth as number) : 0
    popping = true
    try {
      // Forward (a deeper entry) cannot be restored: the views popped are gone; stay put.
      while (useNav.getState().history.length > target) useNav.getState().back()
    } finally {
      popping = false
      depth = useNav.getState().history.length
    }
  }
  window.addEventListener('popstate', onPop)
  return () => {
    stop()
    window.removeEventListener('popstate', onPop)
  }
}
