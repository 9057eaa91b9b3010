/**
 * One row of DataTable. Memoised: while the list scrolls, rows that stay in view keep their
 * props (their position is absolute, not relative to the viewport) and are not re-rendered.
 */
import { memo, type MouseEvent } from 'react'
import type { Column } from './DataTable'

export interface RowEvents<T> {
  /** A click on the row (not on its checkbox). */
  click(event: MouseEvent, row: T, index: number): void
  /** The checkbox changed; `range` when shift was held. */
  check(id: string, index: number, range: boolean): void
}

export interface DataTableRowProps<T> {
  row: T
  id: string
  index: number
  start: number
  height: number
  template: string
  columns: Column<T, string>[]
  selectable: boolean
  selected: boolean
  focused: boolean
  extraClass?: string
  events: RowEvents<T>
}

function DataTableRowImpl<T>(p: DataTableRowProps<T>) {
  const classes = ['td-table__row']
  if (p.selected) classes.push('is-selected')
  if (p.focused) classes.push('is-focus')
  if (p.extraClass) classes.push(p.extraClass)
  return (
    <div
      role="row"
      aria-rowindex={p.index + 2}
      aria-selected={p.selectable ? p.selected : undefined}
      data-id={p.id}
      className={classes.join(' ')}
      style={{
        gridTemplateColumns: p.template,
        height: p.height,
        transform: `translateY(${p.start}px)`,
      }}
      onClick={(e) => p.events.click(e, p.row, p.index)}
    >
      {p.selectable && (
        <div
          className="td-table__cell td-table__check"
          role="gridcell"
          onClick={(e) => e.stopPropagation()}
        >
          <input
            type="checkbox"
            aria-label={`Select ${p.id}`}
            checked={p.selected}
            onChange={(e) =>
              p.events.check(
                p.id,
                p.index,
                (e.nativeEvent as unknown as globalThis.MouseEvent).shiftKey,
              )
            }
          />
        </div>
      )}
      {p.columns.map((c) => (
        <div
          key={c.key}
          role="gridcell"
          className={`td-table__cell${c.align === 'right' ? ' td-table__cell--right' : ''}`}
        >
          {c.render(p.row)}
        </div>
      ))}
    </div>
  )
}

export const DataTableRow = memo(DataTableRowImpl) as typeof DataTableRowImpl
