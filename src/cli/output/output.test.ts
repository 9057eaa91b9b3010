import { describe, expect, it } from 'vitest'
import {
  formatCost,
  formatDuration,
  formatOffset,
  formatTime,
  formatTokens,
  plural,
} from './format'
import { styler, visibleLength } from './style'
import { renderTable, truncate, truncateVisible } from './table'
import { treePrefixes } from './tree'

describe('terminal formatting', () => {
  it('formats durations at every scale', () => {
    expect(formatDuration(850)).toBe('850 µs')
    expect(formatDuration(1_500)).toBe('1.5 ms')
    expect(formatDuration(412_000)).toBe('412 ms')
    expect(formatDuration(1_480_000)).toBe('1.48 s')
    expect(formatDuration(12_400_000)).toBe('12.4 s')
    expect(formatDuration(125_000_000)).toBe('2 m 05 s')
    expect(formatDuration(3_720_000_000)).toBe('1 h 02 m')
    expect(formatDuration(-1)).toBe('—')
    expect(formatOffset(0)).toBe('0')
    expect(formatOffset(35_000)).toBe('+35 ms')
  })

  it('formats costs, tokens, times and counts', () => {
    expect(formatCost(0.00183)).toBe('$0.0018')
    expect(formatCost(2.5, true)).toBe('~$2.500')
    expect(formatCost(null)).toBe('')
    expect(formatTokens(1342, 58)).toBe('1,342 → 58')
    expect(formatTokens(undefined, undefined)).toBe('')
    expect(formatTime(Date.UTC(2025, 5, 13, 14, 2, 11) * 1000)).toBe('2025-06-13 14:02:11')
    // A Chrome trace's clock counts from boot: an offset, not a date in 1970.
    expect(formatTime(123_456_789_000)).toBe('clock +34:17:36')
    expect(plural(1, 'trace')).toBe('1 trace')
    expect(plural(2, 'retry', 'retries')).toBe('2 retries')
  })
})

describe('tables', () => {
  it('aligns columns, right-aligns numbers and ignores colour codes when measuring', () => {
    const colour = styler(true)
    const lines = renderTable(
      [
        { name: 'short', n: 5, status: colour('red', 'error') },
        { name: 'a much longer name', n: 12345, status: colour('green', 'ok') },
      ],
      [
        { header: 'NAME', value: (r) => r.name },
        { header: 'N', value: (r) => String(r.n), align: 'right' },
        { header: 'STATUS', value: (r) => r.status },
      ],
    )
    const plain = (line: string) =>
      line
        .split('\u001b')
        .map((part, i) => (i ? part.replace(/^\[\d+m/, '') : part))
        .join('')
    expect(lines.map(plain)).toEqual([
      'NAME                    N  STATUS',
      'short                   5  error',
      'a much longer name  12345  ok',
    ])
    expect(visibleLength(colour('bold', 'abc'))).toBe(3)
  })

  it('cuts long cells and flattens newlines so a row stays on one line', () => {
    const [, row] = renderTable(
      [{ text: 'line one\nline two with more words' }],
      [{ header: 'T', value: (r) => r.text, maxWidth: 12 }],
    )
    expect(row).toBe('line one li…')
    expect(truncate('abc', 5)).toBe('abc')
  })
})

describe('span tree prefixes', () => {
  it('draws branches and rails from parent indices in step order', () => {
    // 0 root
    // 1 ├─ a
    // 2 │  ├─ a1
    // 3 │  └─ a2
    // 4 └─ b
    // 5    └─ b1
    // 6 second root
    const prefixes = treePrefixes([-1, 0, 1, 1, 0, 4, -1])
    expect(prefixes).toEqual(['', '├─ ', '│  ├─ ', '│  └─ ', '└─ ', '   └─ ', ''])
  })
})

describe('tables that fit the terminal', () => {
  const rows = [
    { id: 'abc123', name: 'a rather long trace name that will not fit', status: '\u001b[32mOK\u001b[39m', n: 12345, models: 'gpt-4o, claude-3-5-sonnet' },
  ]
  const columns = [
    { header: 'ID', value: (r: (typeof rows)[number]) => r.id },
    { header: 'NAME', value: (r: (typeof rows)[number]) => r.name },
    { header: 'STATUS', value: (r: (typeof rows)[number]) => r.status },
    { header: 'SPANS', value: (r: (typeof rows)[number]) => String(r.n), align: 'right' as const },
    { header: 'MODELS', value: (r: (typeof rows)[number]) => r.models },
  ]

  it('cuts the right-hand text columns with an ellipsis, never a number, to fit the width', () => {
    const lines = renderTable(rows, columns, undefined, 60)
    for (const line of lines) expect(visibleLength(line)).toBeLessThanOrEqual(60)
    expect(lines[1]).toContain('12345')
    expect(lines[1]).toContain('…')
    expect(lines[1]).toContain('\u001b[32mOK\u001b[39m')
    // Wide enough: nothing is cut.
    expect(renderTable(rows, columns, undefined, 200)[1]).toContain('claude-3-5-sonnet')
  })

  it('leaves columns out from the right when cutting is not enough', () => {
    const lines = renderTable(rows, columns, undefined, 30)
    for (const line of lines) expect(visibleLength(line)).toBeLessThanOrEqual(30)
    expect(lines[0].startsWith('ID')).toBe(true)
    expect(lines[0]).not.toContain('MODELS')
  })

  it('cuts coloured text by what is visible and closes the colour', () => {
    expect(truncateVisible('\u001b[2m├─ \u001b[22mchat gpt-4o-mini', 8)).toBe('\u001b[2m├─ \u001b[22mchat…\u001b[0m')
  })
})
