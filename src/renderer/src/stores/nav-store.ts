/**
 * Navigation: which view the window shows. One store for the window's lifetime; views are
 * plain data so any feature can navigate (e.g. a session turn opens its trace in replay).
 */
import { create } from 'zustand'

export type View =
  | { name: 'library' }
  | { name: 'sessions' }
  | { name: 'session'; sessionId: string }
  | { name: 'trace'; traceId: string; step?: number }
  | { name: 'compare'; a: string; b: string }
  | { name: 'settings' }

interface NavState {
  view: View
  history: View[]
  go(view: View): void
  back(): void
}

export const useNav = create<NavState>((set) => ({
  view: { name: 'library' },
  history: [],
  go: (view) => set((s) => ({ view, history: [...s.history.slice(-49), s.view] })),
  back: () =>
    set((s) =>
      s.history.length ? { view: s.history[s.history.length - 1], history: s.history.slice(0, -1) } : s,
    ),
}))
