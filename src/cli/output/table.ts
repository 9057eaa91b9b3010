/**
 * Aligned text tables for the terminal: a header row, columns padded to their widest cell,
 * numbers right-aligned, and over-long cells cut with an ellipsis so rows stay on one line.
 */
import { visibleLength } from './style'

export interface Column<Row> {
  header: string
  /** Cell text for a row (may contain ANSI colour). */
  value: (row: Row) => string
  align?: 'left' | 'right'
  /** Longest cell width before it is cut with "…". */
  maxWidth?: number
}

/** Cuts plain text to a width, marking the cut. */
export function truncate(text: string, width: number): string {
  const chars = Array.from(text)
  if (chars.length <= width) return text
  return chars.slice(0, Math.max(0, width - 1)).join('') + '…'
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = ' '.repeat(Math.max(0, width - visibleLength(text)))
  return align === 'right' ? gap + text : text + gap
}

/** Renders rows as lines of an aligned table (header first). Trailing spaces are trimmed. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], header: (text: string) => string = (t) => t): string[] {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const text = column.value(row).replace(/[\r\n\t]+/g, ' ')
      return column.maxWidth && visibleLength(text) === Array.from(text).length ? truncate(text, column.maxWidth) : text
    }),
  )
  const widths = columns.map((column, i) => Math.max(visibleLength(column.header), ...cells.map((row) => visibleLength(row[i]))))
  const line = (values: string[], style = (t: string) => t): string =>
    values
      .map((value, i) => style(pad(value, widths[i], columns[i].align ?? 'left')))
      .join('  ')
      .trimEnd()
  return [line(columns.map((c) => c.header), header), ...cells.map((row) => line(row))]
}
