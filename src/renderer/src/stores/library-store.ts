/**
 * The library list for the window's lifetime: the filter, the rows the host returned, the sort,
 * the selection and deletion. Reloads when the host says the library changed. Also remembers
 * the last trace the user viewed so the app can re-open it on the next start.
 */
import { create } from 'zustand'
import type { TraceSummary } from '../../../shared/api'
import { getHost } from '../host'
import { nextSelection } from '../features/library/sort'
import { createListSlice, type ListSlice } from './list-slice'
import { useNav } from './nav-store'
import { getTraceDetail } from './trace-details'

export type LibrarySortKey =
  | 'name'
  | 'start'
  | 'duration'
  | 'status'
  | 'spans'
  | 'tokens'
  | 'cost'
  | 'models'
  | 'tags'
  | 'format'

interface LibraryState extends ListSlice<TraceSummary, LibrarySortKey> {
  selected: Set<string>
  anchor: string | null
  select(id: string, mode: 'only' | 'toggle' | 'range', order: readonly string[]): void
  setSelection(ids: Iterable<string>): void
  /** Deletes the selected traces from the library (never the files on disk); returns how many. */
  deleteSelected(): Promise<number>
}

export const useLibrary = create<LibraryState>((set, get) => ({
  ...createListSlice<LibraryState, TraceSummary, LibrarySortKey>(
    set,
    get,
    (filter) => getHost().api.listTraces(filter),
    { key: 'start', dir: 'desc' },
    (rows, s) => {
      const present = new Set(rows.map((r) => r.id))
      return { selected: new Set([...s.selected].filter((id) => present.has(id))) }
    },
  ),
  selected: new Set(),
  anchor: null,
  select(id, mode, order) {
    const { selected, anchor } = get()
    set(nextSelection(selected, order, id, anchor, mode))
  },
  setSelection(ids) {
    set({ selected: new Set(ids), anchor: null })
  },
  async deleteSelected() {
    const ids = [...get().selected]
    if (!ids.length) return 0
    const deleted = await getHost().api.deleteTraces({ ids })
    if (ids.includes(readLastTrace() ?? '')) rememberLastTrace(null)
    set({ selected: new Set(), anchor: null })
    await get().load()
    return deleted
  },
}))

const LAST_TRACE_KEY = 'tracedeck.lastTrace'

/** The trace the user last opened, if any (kept in localStorage across starts). */
export function readLastTrace(): string | null {
  try {
    return window.localStorage.getItem(LAST_TRACE_KEY)
  } catch (err) {
    // Storage can be disabled (privacy settings); re-opening is a convenience, so carry on.
    console.warn('tracedeck: localStorage unavailable', err)
    return null
  }
}

function rememberLastTrace(id: string | null): void {
  try {
    if (id) window.localStorage.setItem(LAST_TRACE_KEY, id)
    else window.localStorage.removeItem(LAST_TRACE_KEY)
  } catch (err) {
    console.warn('tracedeck: localStorage unavailable', err)
  }
}

let tracking = false

/** Starts remembering every trace the user opens and reloading lists when the library changes. */
export function startLibraryTracking(): void {
  if (tracking) return
  tracking = true
  useNav.subscribe((state) => {
    if (state.view.name === 'trace') rememberLastTrace(state.view.traceId)
  })
  getHost().on('libraryChanged', () => {
    if (useLibrary.getState().loaded) void useLibrary.getState().load()
  })
}

let restoreTried = false

/**
 * Re-opens the last viewed trace, once per start, when it is still in the library and the
 * window is still on its start view. Returns whether it navigated.
 */
export async function restoreLastTrace(): Promise<boolean> {
  if (restoreTried) return false
  restoreTried = true
  const id = readLastTrace()
  if (!id) return false
  try {
    // Through the shared cache: the trace view that opens next reuses this very request.
    await getTraceDetail(getHost().api, id)
  } catch (err) {
    // Deleted since (or never imported in this library): forget it rather than fail the start.
    console.info('tracedeck: last viewed trace is gone', err)
    rememberLastTrace(null)
    return false
  }
  const nav = useNav.getState()
  if (nav.view.name !== 'library' || nav.history.length) return false
  nav.go({ name: 'trace', traceId: id })
  return true
}
