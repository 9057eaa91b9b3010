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
import { fitWidths, renderTable, truncate, truncateVisible, type Column } from './table'
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

  it('keeps a useful name, never cuts a date, and leaves the low-value columns out first (list at 100 and 80)', () => {
    type Row = { id: string; name: string; start: string; dur: string; status: string; spans: string; tokens: string; cost: string; models: string; format: string }
    const row: Row = {
      id: '7289beb97422',
      name: 'api-edge: POST /api/graphql with a long tail',
      start: '2026-09-07 13:25:18',
      dur: '44.0 s',
      status: 'Error',
      spans: '57',
      tokens: '312,117',
      cost: '~$0.0001',
      models: 'gpt-4o-mini-2024-07-18, claude-3-5-sonnet',
      format: 'openai-agents',
    }
    const cols: Column<Row>[] = [
      { header: 'ID', value: (r) => r.id, cut: false, keep: 10 },
      { header: 'NAME', value: (r) => r.name, maxWidth: 40, minWidth: 24, keep: 10 },
      { header: 'STARTED (UTC)', value: (r) => r.start, short: (r) => r.start.slice(0, 16), cut: false, keep: 8 },
      { header: 'DURATION', value: (r) => r.dur, align: 'right', keep: 7 },
      { header: 'STATUS', value: (r) => r.status, cut: false, keep: 9 },
      { header: 'SPANS', value: (r) => r.spans, align: 'right', keep: 5 },
      { header: 'TOKENS', value: (r) => r.tokens, align: 'right', keep: 5 },
      { header: 'COST', value: (r) => r.cost, align: 'right', keep: 6 },
      { header: 'MODELS', value: (r) => r.models, maxWidth: 28, minWidth: 12, keep: 2 },
      { header: 'FORMAT', value: (r) => r.format, cut: false, keep: 1 },
    ]
    for (const width of [100, 80]) {
      const [head, line] = renderTable([row], cols, undefined, width)
      expect(visibleLength(line)).toBeLessThanOrEqual(width)
      expect(line).toContain('api-edge: POST /api/gra') // at least 24 characters of the name
      expect(line).toMatch(/2026-09-07 13:25(:18)?(?!\S)/) // whole, in the long or the short form
      expect(line).not.toMatch(/\d…/)
      expect(head).not.toContain('FORMAT')
      expect(head).not.toContain('MODELS')
      expect(head).toContain('STATUS')
    }
    // At 100 the money and the sizes stay.
    const [head100] = renderTable([row], cols, undefined, 100)
    expect(head100).toContain('COST')
    expect(head100).toContain('SPANS')
    // Wide: everything, in full.
    const [wideHead, wide] = renderTable([row], cols, undefined, 200)
    expect(wideHead).toContain('FORMAT')
    expect(wide).toContain('2026-09-07 13:25:18')
  })

  it('puts the full form back and widens cut text when a dropped column leaves room', () => {
    const fit = fitWidths(
      [
        { natural: 12, header: 'ID', cuttable: false, keep: 10 },
        { natural: 40, header: 'NAME', cuttable: true, floor: 24, keep: 10 },
        { natural: 19, short: 16, header: 'STARTED', cuttable: false, keep: 8 },
        { natural: 30, header: 'MODELS', cuttable: true, floor: 20, keep: 2 },
      ],
      75,
    )
    expect(fit.shown).toEqual([true, true, true, false])
    expect(fit.short[2]).toBe(false)
    expect(fit.widths.slice(0, 3)).toEqual([12, 40, 19])
  })

  it('cuts coloured text by what is visible and closes the colour', () => {
    expect(truncateVisible('\u001b[2m├─ \u001b[22mchat gpt-4o-mini', 8)).toBe('\u001b[2m├─ \u001b[22mchat…\u001b[0m')
  })
})
