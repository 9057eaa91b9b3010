/** What a filterable list view (library, sessions) derives from its store's rows and sort. */
import { useMemo } from 'react'
import type { Column } from './DataTable'
import { nextSort, sortRows, type SortState } from './sort'

/** Distinct values over rows, sorted (suggestions for the model and tag filters). */
export function distinct<T>(rows: readonly T[], pick: (row: T) => string[]): string[] {
  const seen = new Set<string>()
  for (const row of rows) for (const v of pick(row)) seen.add(v)
  return [...seen].sort()
}

/**
 * The rows in the user's sort (an unknown sort key falls back to the second column, "Started"),
 * the header click handler, and the models and tags to suggest in the filter bar.
 */
export function useSortedList<R extends { models: string[]; tags: string[] }, K extends string>(
  rows: readonly R[],
  columns: readonly Column<R, K>[],
  sort: SortState<K>,
  setSort: (sort: SortState<K>) => void,
) {
  const column = columns.find((c) => c.key === sort.key) ?? columns[1]
  const sorted = useMemo(
    () => sortRows(rows, column.sortValue!, sort.dir),
    [rows, column, sort.dir],
  )
  const models = useMemo(() => distinct(rows, (r) => r.models), [rows])
  const tags = useMemo(() => distinct(rows, (r) => r.tags), [rows])
  const onSort = (key: K) =>
    setSort(nextSort(sort, key, columns.find((c) => c.key === key)?.firstDir ?? 'asc'))
  return { rows: sorted, models, tags, onSort }
}
