/**
 * The filtered, sorted list that the library and the sessions stores share (zustand slices
 * pattern): the filter, the rows the host returned for it, loading state and the sort.
 */
import type { TraceFilter } from '../../../shared/api'
import { cleanFilter } from '../../../shared/filters/query'
import type { SortState } from '../features/library/sort'

/** The list part of a store: rows for the current filter, in the user's sort. */
export interface ListSlice<Row, K extends string> {
  filter: TraceFilter
  rows: Row[]
  /** True until the first answer arrives, and while a reload is in flight. */
  loading: boolean
  loaded: boolean
  error: string | null
  sort: SortState<K>
  setFilter(patch: Partial<TraceFilter>): void
  clearFilter(): void
  load(): Promise<void>
  setSort(sort: SortState<K>): void
}

type SetState<S> = (partial: Partial<S> | ((state: S) => Partial<S>)) => void

/**
 * Builds the list slice of a store whose state is `S`. `fetch` asks the host for the rows of a
 * filter; `onRows` lets the store adjust its own state in the same update (e.g. drop selected
 * rows that are gone). Only the newest request's answer is applied.
 */
export function createListSlice<S extends ListSlice<Row, K>, Row, K extends string>(
  set: SetState<S>,
  get: () => S,
  fetch: (filter: TraceFilter) => Promise<Row[]>,
  sort: SortState<K>,
  onRows?: (rows: Row[], state: S) => Partial<S>,
): ListSlice<Row, K> {
  let seq = 0
  // Partial<ListSlice> is a Partial<S> for every S that extends it; TS cannot see that generically.
  const patch = (p: Partial<ListSlice<Row, K>>) => p as Partial<S>
  return {
    filter: {},
    rows: [],
    loading: false,
    loaded: false,
    error: null,
    sort,
    setFilter(change) {
      set((s) => patch({ filter: cleanFilter({ ...s.filter, ...change }) }))
      void get().load()
    },
    clearFilter() {
      set(patch({ filter: {} }))
      void get().load()
    },
    async load() {
      const mine = ++seq
      set(patch({ loading: true }))
      try {
        const rows = await fetch(get().filter)
        if (mine !== seq) return // a newer filter's answer wins
        set({
          ...patch({ rows, loading: false, loaded: true, error: null }),
          ...onRows?.(rows, get()),
        })
      } catch (err) {
        if (mine !== seq) return
        set(
          patch({
            loading: false,
            loaded: true,
            error: err instanceof Error ? err.message : String(err),
          }),
        )
      }
    },
    setSort(next) {
      set(patch({ sort: next }))
    },
  }
}
