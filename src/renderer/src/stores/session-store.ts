/**
 * Sessions for the window's lifetime: the sessions list (filter, rows, sort) and the session
 * being viewed (its detail, which traces are expanded, the span tables fetched for them).
 */
import { create } from 'zustand'
import type { SessionDetail, SessionSummary, SpanTable } from '../../../shared/api'
import { spanTableFromBinary } from '../../../shared/span-table-binary'
import { getHost } from '../host'
import { createListSlice, type ListSlice } from './list-slice'

export type SessionSortKey =
  'id' | 'start' | 'turns' | 'spans' | 'tokens' | 'cost' | 'duration' | 'status' | 'models' | 'tags'

export type SessionTab = 'conversation' | 'traces'

interface SessionsState extends ListSlice<SessionSummary, SessionSortKey> {
  detailId: string | null
  detail: SessionDetail | null
  detailError: string | null
  tab: SessionTab
  expanded: Set<string>
  spanTables: Record<string, SpanTable | { error: string }>
  openSession(id: string): Promise<void>
  setTab(tab: SessionTab): void
  toggleTrace(traceId: string): void
}

let detailSeq = 0

export const useSessions = create<SessionsState>((set, get) => ({
  ...createListSlice<SessionsState, SessionSummary, SessionSortKey>(
    set,
    get,
    (filter) => getHost().api.listSessions(filter),
    { key: 'start', dir: 'desc' },
  ),

  detailId: null,
  detail: null,
  detailError: null,
  tab: 'conversation',
  expanded: new Set(),
  spanTables: {},
  async openSession(id) {
    const seq = ++detailSeq
    if (get().detailId !== id) {
      set({ detailId: id, detail: null, detailError: null, expanded: new Set(), spanTables: {} })
    }
    try {
      const detail = await getHost().api.getSession({ id })
      if (seq === detailSeq) set({ detail, detailError: null })
    } catch (err) {
      if (seq === detailSeq) set({ detailError: message(err) })
    }
  },
  setTab(tab) {
    set({ tab })
  },
  toggleTrace(traceId) {
    const expanded = new Set(get().expanded)
    if (expanded.has(traceId)) {
      expanded.delete(traceId)
      set({ expanded })
      return
    }
    expanded.add(traceId)
    set({ expanded })
    if (get().spanTables[traceId]) return
    getHost()
      .api.getSpanColumns({ id: traceId })
      .then(
        (bytes) => {
          const table = spanTableFromBinary(bytes)
          set((s) => ({ spanTables: { ...s.spanTables, [traceId]: table } }))
        },
        (err) =>
          set((s) => ({ spanTables: { ...s.spanTables, [traceId]: { error: message(err) } } })),
      )
  },
}))

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

let tracking = false

/** Reloads the sessions list and the open session when the library changes (import, delete). */
export function startSessionTracking(): void {
  if (tracking) return
  tracking = true
  getHost().on('libraryChanged', () => {
    const s = useSessions.getState()
    if (s.loaded) void s.load()
    if (s.detailId) void s.openSession(s.detailId)
  })
}
