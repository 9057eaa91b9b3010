/** Sorting of list rows by a column, pure (tested without React). */

export type SortDir = 'asc' | 'desc'
export interface SortState<K extends string = string> {
  key: K
  dir: SortDir
}

export type SortValue = number | string | null | undefined

/** Compares two cell values: numbers numerically, strings naturally; missing values sort last. */
export function compareValues(a: SortValue, b: SortValue): number {
  const aMissing = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a))
  const bMissing = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b))
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

/**
 * Returns a new array sorted by `value` in `dir`; ties keep their incoming order (stable) and
 * missing values stay at the end in both directions.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir): T[] {
  const keyed = rows.map((row, i) => ({ row, i, v: value(row) }))
  const sign = dir === 'asc' ? 1 : -1
  keyed.sort((x, y) => {
    const xMissing = x.v === null || x.v === undefined
    const yMissing = y.v === null || y.v === undefined
    if (xMissing !== yMissing) return xMissing ? 1 : -1
    return sign * compareValues(x.v, y.v) || x.i - y.i
  })
  return keyed.map((k) => k.row)
}

/** The next sort after clicking a column header: same column flips, a new one starts at `firstDir`. */
export function nextSort<K extends string>(
  current: SortState<K>,
  key: K,
  firstDir: SortDir,
): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { key, dir: firstDir }
}

/**
 * Selection after a click: plain click selects only the row, ctrl/cmd toggles it, shift extends
 * from the anchor over the visible order.
 */
export function nextSelection(
  selected: ReadonlySet<string>,
  order: readonly string[],
  id: string,
  anchor: string | null,
  mode: 'only' | 'toggle' | 'range',
): { selected: Set<string>; anchor: string } {
  if (mode === 'toggle') {
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    return { selected: next, anchor: id }
  }
  if (mode === 'range' && anchor !== null) {
    const a = order.indexOf(anchor)
    const b = order.indexOf(id)
    if (a >= 0 && b >= 0) {
      const next = new Set(selected)
      for (let i = Math.min(a, b); i <= Math.max(a, b); i++) next.add(order[i])
      return { selected: next, anchor }
    }
  }
  return { selected: new Set([id]), anchor: id }
}
