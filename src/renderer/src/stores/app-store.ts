/**
 * Window-lifetime app state: host info, whether the library has anything in it, and a revision
 * counter that bumps whenever the host says the library changed (lists re-query on it).
 */
import { create } from 'zustand'
import type { AppInfo } from '../../../shared/api'
import { getHost } from '../host'

interface AppState {
  info: AppInfo | null
  /** null until known. */
  libraryEmpty: boolean | null
  /** Increments on every `libraryChanged` event; use it as an effect dependency to refresh. */
  libraryRevision: number
  /** A fatal problem talking to the host (no token, host gone). */
  hostError: string | null
  /** Starts listening to the host; returns a function that stops. Call once from the shell. */
  start(): () => void
  refreshLibraryState(): Promise<void>
}

/** App-wide state store. */
export const useApp = create<AppState>((set, get) => ({
  info: null,
  libraryEmpty: null,
  libraryRevision: 0,
  hostError: null,
  start() {
    const host = getHost()
    host.api.appInfo({}).then(
      (info) => set({ info }),
      (error: Error) => set({ hostError: error.message }),
    )
    void get().refreshLibraryState()
    return host.on('libraryChanged', () => {
      set((s) => ({ libraryRevision: s.libraryRevision + 1 }))
      void get().refreshLibraryState()
    })
  },
  async refreshLibraryState() {
    try {
      const some = await getHost().api.listTraces({ limit: 1 })
      set({ libraryEmpty: some.length === 0, hostError: null })
    } catch (error) {
      set({ hostError: (error as Error).message })
    }
  },
}))
