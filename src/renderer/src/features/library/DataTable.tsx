/**
 * A virtualised, sortable table with keyboard navigation and multi-select, used by the library
 * and the sessions list. Only the rows in view are in the DOM, so 10,000+ rows scroll smoothly.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react'
import { DataTableRow, type RowEvents } from './DataTableRow'
import { fitColumns } from './fit-columns'
import type { SortDir, SortState, SortValue } from './sort'

export interface Column<T, K extends string = string> {
  key: K
  label: string
  /** CSS grid track, e.g. "minmax(220px, 3fr)" or "90px". */
  width: string
  align?: 'left' | 'right'
  /** Direction of the first click on the header (numbers usually start high). */
  firstDir?: SortDir
  sortValue?: (row: T) => SortValue
  render: (row: T) => ReactNode
  /** Hover text for the header. */
  title?: string
  /**
   * When the table is too narrow for every column, droppable columns are hidden in this order
   * (1 first); columns without it always show.
   */
  dropOrder?: number
}

export interface DataTableProps<T, K extends string> {
  label: string
  rows: readonly T[]
  columns: Column<T, K>[]
  rowKey: (row: T) => string
  sort: SortState<K>
  onSort(key: K): void
  onOpen(row: T): void
  /** Multi-select: a checkbox column appears when given. */
  selected?: ReadonlySet<string>
  onSelect?(id: string, mode: 'only' | 'toggle' | 'range'): void
  onSelectAll?(all: boolean): void
  rowHeight?: number
  /** Shown instead of rows when there are none. */
  empty?: ReactNode
  /** Extra class on a row (e.g. failed rows). */
  rowClass?: (row: T) => string | undefined
  /** When this changes (a new filter), the table scrolls back to the top. Sorting always does. */
  resetKey?: string
}

// Must match .td-table__head / .td-table__row in library.css (padding 0 var(--sp-4), gap --sp-3).
const PADDING_X = 32
const GAP = 12

/** The element's width, following resizes (0 until measured). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(el.clientWidth)
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}

/** The table; the caller sorts `rows` (so it can keep the sorted order for range selection). */
export function DataTable<T, K extends string>(props: DataTableProps<T, K>) {
  const {
    rows,
    columns: allColumns,
    rowKey,
    sort,
    onSort,
    onOpen,
    selected,
    onSelect,
    onSelectAll,
    rowHeight = 36,
  } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const headRef = useRef<HTMLDivElement>(null)
  const [focus, setFocus] = useState(0)
  const selectable = !!selected && !!onSelect
  const tableWidth = useWidth(headRef)
  const shown = fitColumns(allColumns, tableWidth, PADDING_X + (selectable ? 36 + GAP : 0), GAP)
  const columns = shown.length === allColumns.length ? allColumns : shown.map((i) => allColumns[i])
  const template = (selectable ? '36px ' : '') + columns.map((c) => c.width).join(' ')

  // The virtualiser is a mutable object by design; this component is not compiler-memoised.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  })

  // A new order or a new filter starts at the top: the first rows are the ones asked for.
  const reset = `${sort.key}:${sort.dir}:${props.resetKey ?? ''}`
  const [lastReset, setLastReset] = useState(reset)
  if (lastReset !== reset) {
    setLastReset(reset)
    setFocus(0)
  }
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 })
  }, [reset])

  const focusIndex = Math.min(focus, Math.max(0, rows.length - 1))
  useEffect(() => {
    if (rows.length) virtualizer.scrollToIndex(focusIndex, { align: 'auto' })
  }, [focusIndex, rows.length, virtualizer])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!rows.length) return
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1)
    const moves: Record<string, number> = {
      ArrowDown: focusIndex + 1,
      ArrowUp: focusIndex - 1,
      PageDown: focusIndex + page,
      PageUp: focusIndex - page,
      Home: 0,
      End: rows.length - 1,
    }
    if (event.key in moves) {
      event.preventDefault()
      const next = Math.max(0, Math.min(rows.length - 1, moves[event.key]))
      setFocus(next)
      if (event.shiftKey && onSelect) onSelect(rowKey(rows[next]), 'range')
    } else if (event.key === 'Enter') {
      event.preventDefault()
      onOpen(rows[focusIndex])
    } else if (event.key === ' ' && onSelect) {
      event.preventDefault()
      onSelect(rowKey(rows[focusIndex]), 'toggle')
    } else if (
      (event.key === 'a' || event.key === 'A') &&
      (event.ctrlKey || event.metaKey) &&
      onSelectAll
    ) {
      event.preventDefault()
      onSelectAll(true)
    }
  }

  const selectedCount = selectable
    ? rows.reduce((n, r) => n + (selected!.has(rowKey(r)) ? 1 : 0), 0)
    : 0
  const allSelected = selectable && rows.length > 0 && selectedCount === rows.length
  const someSelected = selectedCount > 0 && !allSelected

  // Row handlers read the latest props through a ref, so the object rows receive never changes
  // and memoised rows stay untouched while the list scrolls.
  const latest = useRef({ onOpen, onSelect, rowKey })
  useLayoutEffect(() => {
    latest.current = { onOpen, onSelect, rowKey }
  })
  const [events] = useState<RowEvents<T>>(() => ({
    click(event, row, index) {
      setFocus(index)
      const { onOpen: open, onSelect: select, rowKey: key } = latest.current
      const id = key(row)
      if (select && (event.metaKey || event.ctrlKey)) select(id, 'toggle')
      else if (select && event.shiftKey) select(id, 'range')
      else open(row)
    },
    check(id, index, range) {
      setFocus(index)
      latest.current.onSelect?.(id, range ? 'range' : 'toggle')
    },
  }))

  return (
    <div className="td-table" role="grid" aria-label={props.label} aria-rowcount={rows.length + 1}>
      <div
        ref={headRef}
        className="td-table__head"
        role="row"
        style={{ gridTemplateColumns: template }}
      >
        {selectable && (
          <div className="td-table__cell td-table__check" role="columnheader">
            <input
              type="checkbox"
              aria-label={allSelected ? 'Clear selection' : 'Select all'}
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = someSelected
              }}
              onChange={() => onSelectAll?.(!allSelected)}
            />
          </div>
        )}
        {columns.map((c) => {
          const active = sort.key === c.key
          return (
            <div
              key={c.key}
              role="columnheader"
              aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              className={`td-table__cell td-table__th${c.align === 'right' ? ' td-table__cell--right' : ''}`}
            >
              {c.sortValue ? (
                <button
                  type="button"
                  className={`td-table__sort${active ? ' is-active' : ''}`}
                  title={c.title ?? `Sort by ${c.label.toLowerCase()}`}
                  onClick={() => onSort(c.key)}
                >
                  {c.label}
                  <span className="td-table__arrow" aria-hidden>
                    {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              ) : (
                c.label
              )}
            </div>
          )
        })}
      </div>
      <div
        ref={scrollRef}
        className="td-table__body"
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-label={`${props.label} rows`}
      >
        {rows.length === 0 ? (
          <div className="td-table__empty">{props.empty}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]
              const id = rowKey(row)
              return (
                <DataTableRow
                  key={id}
                  row={row}
                  id={id}
                  index={item.index}
                  start={item.start}
                  height={rowHeight}
                  template={template}
                  columns={columns as Column<T, string>[]}
                  selectable={selectable}
                  selected={selectable && selected!.has(id)}
                  focused={item.index === focusIndex}
                  extraClass={props.rowClass?.(row)}
                  events={events}
                />
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}
