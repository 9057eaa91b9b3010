/**
 * Text panels for the terminal replay (seeds/003): rounded boxes with a title, key/value rows
 * and wrapped, clipped values. Pure string building (the CLI adds colour and writes), so the
 * layout is tested without a terminal. Lines may carry ANSI colour; widths ignore it.
 */

// eslint-disable-next-line no-control-regex -- matching ANSI escape sequences is the point here
const ANSI = /\u001b\[[0-9;]*m/g

/** Visible width of a line (ANSI escapes do not count). */
export const visibleWidth = (text: string): number => Array.from(text.replace(ANSI, '')).length

/** Trace content is untrusted: control characters (terminal escapes, newlines) become visible marks. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point here
  return text.replace(/\r?\n|\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '�')
}

/** Cuts plain text to `width` visible characters with an ellipsis. */
export function cut(text: string, width: number): string {
  const chars = Array.from(text)
  if (chars.length <= width) return text
  return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`
}

/** Wraps plain text into lines of at most `width` characters (hard breaks, no hyphenation). */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width)
  const chars = Array.from(text)
  const lines: string[] = []
  for (let i = 0; i < chars.length; i += w) {
    let end = Math.min(chars.length, i + w)
    // Prefer breaking after a space when one is near the end of the line.
    if (end < chars.length) {
      const space = chars.lastIndexOf(' ', end - 1)
      if (space > i + w * 0.6) end = space + 1
    }
    lines.push(chars.slice(i, end).join('').trimEnd())
    i = end - w
  }
  return lines.length ? lines : ['']
}

/** A rounded panel `width` columns wide around `lines`, with an optional title and right title. */
export function panel(lines: string[], width: number, title = '', rightTitle = ''): string[] {
  const inner = Math.max(10, width - 4)
  const head = title ? `── ${title} ` : ''
  const tail = rightTitle ? ` ${rightTitle} ──` : ''
  const fill = Math.max(0, width - 2 - visibleWidth(head) - visibleWidth(tail))
  const out = [`╭${head}${'─'.repeat(fill)}${tail}╮`]
  for (const line of ['', ...lines, '']) {
    const pad = Math.max(0, inner - visibleWidth(line))
    out.push(`│ ${line}${' '.repeat(pad)} │`)
  }
  out.push(`╰${'─'.repeat(Math.max(0, width - 2))}╯`)
  return out
}

/**
 * Key/value rows ("status     OK"), values wrapped under themselves and clipped to
 * `maxLines` lines each. `style` colours a value after layout.
 */
export function keyValueLines(
  rows: [key: string, value: string, style?: (s: string) => string][],
  width: number,
  maxLines = 4,
): string[] {
  const keyWidth = Math.max(...rows.map(([k]) => visibleWidth(k)), 4) + 3
  const valueWidth = Math.max(8, width - keyWidth)
  const out: string[] = []
  for (const [key, value, style] of rows) {
    const wrapped = wrap(cleanText(value), valueWidth)
    const shown =
      wrapped.length > maxLines
        ? [...wrapped.slice(0, maxLines - 1), cut(wrapped[maxLines - 1], valueWidth - 1) + '…']
        : wrapped
    shown.forEach((line, k) => {
      const text = style ? style(line) : line
      out.push(k === 0 ? `${key.padEnd(keyWidth)}${text}` : `${' '.repeat(keyWidth)}${text}`)
    })
  }
  return out
}
