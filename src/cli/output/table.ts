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
  /**
   * Whether cells may be cut with "…" to fit the terminal (default: left-aligned text may, numbers
   * never). An id or a date is never cut mid-value: it switches to `short` or the column is left out.
   */
  cut?: boolean
  /** A cut column keeps at least this many characters (default 6, or its header's width). */
  minWidth?: number
  /** A shorter form of the cell ("2026-09-07 14:02" for a time), used when the full form does not fit. */
  short?: (row: Row) => string
  /**
   * How long the column stays when the table is too wide: the lowest go first (default 5). At 9 and
   * above a column is essential: it is left out only after every other column, right to left.
   */
  keep?: number
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
const DEFAULT_KEEP = 5
const ESSENTIAL = 9

/** What fitWidths needs to know of a column. */
export interface FitColumn {
  /** Widest cell (or the header). */
  natural: number
  /** Widest cell in the short form, when the column has one. */
  short?: number
  header: string
  cuttable: boolean
  /** Width a cut keeps before columns start to be left out. */
  floor?: number
  keep?: number
}

export interface Fit {
  widths: number[]
  /** Which columns are shown. */
  shown: boolean[]
  /** Which columns use their short form. */
  short: boolean[]
}

/**
 * Column widths that fit `maxWidth`, in this order until the table fits:
 *  1. text columns are cut (with "…") down to their floor, the least kept first;
 *  2. columns with a short form switch to it;
 *  3. columns are left out, the least kept first (essential ones last, right to left, never the first);
 *     before an essential column goes, text is cut further, to 6 characters;
 * then whatever room is left is given back: cut columns grow again and short forms become full ones.
 */
export function fitWidths(columns: readonly FitColumn[], maxWidth: number | undefined): Fit {
  const widths = columns.map((c) => c.natural)
  const shown = columns.map(() => true)
  const short = columns.map(() => false)
  const total = () =>
    widths.reduce((a, w, i) => a + (shown[i] ? w : 0), 0) + GAP * Math.max(0, shown.filter(Boolean).length - 1)
  if (maxWidth === undefined || total() <= maxWidth) return { widths, shown, short }
  const keep = (i: number) => columns[i].keep ?? DEFAULT_KEEP
  // Least kept first; between equals, the rightmost first.
  const order = columns.map((_, i) => i).sort((a, b) => keep(a) - keep(b) || b - a)
  const hardFloor = (i: number) => Math.min(columns[i].natural, Math.max(Array.from(columns[i].header).length, MIN_CUT))
  const floor = (i: number) => Math.min(columns[i].natural, Math.max(hardFloor(i), columns[i].floor ?? 0))
  const over = () => total() - maxWidth
  const cutTo = (floorOf: (i: number) => number) => {
    for (const i of order)
      if (over() > 0 && shown[i] && columns[i].cuttable) widths[i] = Math.max(floorOf(i), widths[i] - over())
  }
  cutTo(floor)
  for (const i of order) {
    const s = columns[i].short
    if (over() > 0 && shown[i] && s !== undefined && s < widths[i]) {
      widths[i] = Math.max(s, Array.from(columns[i].header).length)
      short[i] = true
    }
  }
  for (const i of order) {
    if (over() <= 0) break
    if (keep(i) >= ESSENTIAL) break
    if (i > 0) shown[i] = false
  }
  if (over() > 0) cutTo(hardFloor)
  for (let i = columns.length - 1; i > 0 && over() > 0; i--) shown[i] = false
  // Room left over (a wide column went): put back what fits again, then widen, the most kept first.
  for (const i of order.slice().reverse()) {
    if (shown[i] || i === 0) continue
    // A less kept column never comes back in place of a more kept one.
    if (-over() < widths[i] + GAP) break
    shown[i] = true
  }
  // Room left over (a wide column went): give it back, the most kept first.
  for (const i of order.slice().reverse()) {
    if (!shown[i] || !columns[i].cuttable || widths[i] >= columns[i].natural || over() >= 0) continue
    widths[i] = Math.min(columns[i].natural, widths[i] - over())
  }
  for (const i of order.slice().reverse()) {
    if (!shown[i] || !short[i]) continue
    const gain = Math.max(columns[i].natural - widths[i], 0)
    if (-over() >= gain) {
      widths[i] += gain
      short[i] = false
    }
  }
  return { widths, shown, short }
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
  const clean = (text: string, column: Column<Row>) => {
    const one = text.replace(/[\r\n\t]+/g, ' ')
    return column.maxWidth ? truncateVisible(one, column.maxWidth) : one
  }
  const cells = rows.map((row) => columns.map((column) => clean(column.value(row), column)))
  const shortCells = rows.map((row) => columns.map((column) => (column.short ? clean(column.short(row), column) : '')))
  const widest = (i: number, of: string[][]) =>
    Math.max(visibleLength(columns[i].header), ...of.map((row) => visibleLength(row[i])))
  const fit = fitWidths(
    columns.map((column, i) => ({
      natural: widest(i, cells),
      short: column.short ? widest(i, shortCells) : undefined,
      header: column.header,
      // Numbers (right-aligned) are never cut: a cut number misleads.
      cuttable: column.cut ?? (column.align ?? 'left') === 'left',
      floor: column.minWidth,
      keep: column.keep,
    })),
    maxWidth,
  )
  const visible = columns.map((_, i) => i).filter((i) => fit.shown[i])
  const line = (values: string[], style = (t: string) => t): string =>
    visible
      .map((i) => style(pad(truncateVisible(values[i], fit.widths[i]), fit.widths[i], columns[i].align ?? 'left')))
      .join('  ')
      .trimEnd()
  return [
    line(columns.map((c) => c.header), header),
    ...cells.map((row, r) => line(fit.short.some(Boolean) ? row.map((cell, i) => (fit.short[i] ? shortCells[r][i] : cell)) : row)),
  ]
}
