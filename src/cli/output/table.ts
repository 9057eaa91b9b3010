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

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are what is being matched
const ANSI = /\u001b\[[0-9;]*m/y

/** Cuts text that may hold ANSI colour to a visible width, keeping the escapes intact. */
export function truncateVisible(text: string, width: number): string {
  if (visibleLength(text) <= width) return text
  let out = ''
  let shown = 0
  let coloured = false
  for (let i = 0; i < text.length; ) {
    ANSI.lastIndex = i
    const esc = ANSI.exec(text)
    if (esc) {
      out += esc[0]
      coloured = true
      i += esc[0].length
      continue
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!)
    if (shown >= width - 1) break
    out += ch
    shown++
    i += ch.length
  }
  return `${out}…${coloured ? '\u001b[0m' : ''}`
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = ' '.repeat(Math.max(0, width - visibleLength(text)))
  return align === 'right' ? gap + text : text + gap
}

/**
 * The width tables must fit: $COLUMNS when set, else the terminal's width; none when piped
 * without $COLUMNS (a script reading the table gets every column whole; --json is the stable form).
 */
export function terminalWidth(): number | undefined {
  const env = Number(process.env.COLUMNS)
  if (Number.isInteger(env) && env > 0) return env
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : undefined
}

const GAP = 2
/** A cut column keeps at least this many characters (or its header's width). */
const MIN_CUT = 6

/**
 * Column widths that fit `maxWidth`: the rightmost plain-text columns are cut first (their cells
 * end in "…"), then, when even that is not enough, columns are left out from the right.
 * Returns the widths and how many columns are shown.
 */
export function fitWidths(
  widths: number[],
  headers: string[],
  cuttable: boolean[],
  maxWidth: number | undefined,
): { widths: number[]; shown: number } {
  const out = widths.slice()
  let shown = out.length
  const total = () => out.slice(0, shown).reduce((a, w) => a + w, 0) + GAP * Math.max(0, shown - 1)
  if (maxWidth === undefined || total() <= maxWidth) return { widths: out, shown }
  for (let i = shown - 1; i >= 0 && total() > maxWidth; i--) {
    if (!cuttable[i]) continue
    const floor = Math.max(Array.from(headers[i]).length, MIN_CUT)
    out[i] = Math.max(floor, out[i] - (total() - maxWidth))
  }
  while (shown > 1 && total() > maxWidth) shown--
  return { widths: out, shown }
}

/**
 * Renders rows as lines of an aligned table (header first), fitted to `maxWidth` (the terminal's
 * width by default, see terminalWidth). Trailing spaces are trimmed.
 */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  header: (text: string) => string = (t) => t,
  maxWidth: number | undefined = terminalWidth(),
): string[] {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const text = column.value(row).replace(/[\r\n\t]+/g, ' ')
      return column.maxWidth ? truncateVisible(text, column.maxWidth) : text
    }),
  )
  const natural = columns.map((column, i) => Math.max(visibleLength(column.header), ...cells.map((row) => visibleLength(row[i]))))
  // Numbers (right-aligned) are never cut: a cut number misleads.
  const cuttable = columns.map((c) => (c.align ?? 'left') === 'left')
  const { widths, shown } = fitWidths(natural, columns.map((c) => c.header), cuttable, maxWidth)
  const line = (values: string[], style = (t: string) => t): string =>
    values
      .slice(0, shown)
      .map((value, i) => style(pad(truncateVisible(value, widths[i]), widths[i], columns[i].align ?? 'left')))
      .join('  ')
      .trimEnd()
  return [line(columns.map((c) => c.header), header), ...cells.map((row) => line(row))]
}
