import { describe, expect, it } from 'vitest'
import type { ImportReport } from './model'
import { countsText, importHeadline, importOutcome, repairLine, reportCounts } from './import-report'

const ok = (file: string, traces: number, extra: Partial<ImportReport> = {}): ImportReport => ({
  file,
  format: 'otlp',
  traces: Array.from({ length: traces }, (_, i) => ({ id: `${file}-${i}`, name: 'run', spanCount: 3 })),
  repairs: [],
  warnings: [],
  ...extra,
})
const bad = (file: string): ImportReport => ({ ...ok(file, 0), format: null, error: `${file}: not a trace` })

describe('the import headline', () => {
  it('says how many traces are new, already there, and how many files failed', () => {
    const reports = [
      ...Array.from({ length: 9 }, (_, i) => ok(`new${i}.json`, 1)),
      ok('seen.json', 1, { cached: true }),
      ...Array.from({ length: 5 }, (_, i) => bad(`bad${i}.json`)),
    ]
    expect(importHeadline(importOutcome(reports))).toBe(
      '9 new traces · 1 already in the library · 5 files failed',
    )
  })

  it('never says "Imported" when nothing was added', () => {
    const reports = [ok('seen.json', 1, { cached: true }), ...[1, 2, 3, 4, 5].map((i) => bad(`b${i}`))]
    expect(importHeadline(importOutcome(reports))).toBe('1 already in the library · 5 files failed')
    expect(importHeadline(importOutcome([bad('x')]))).toBe('Nothing added · 1 file failed')
    expect(importHeadline(importOutcome([ok('a', 1)]))).toBe('1 new trace')
    expect(
      importHeadline(importOutcome([ok('a', 2), { ...bad('b'), error: 'Import cancelled' }])),
    ).toBe('2 new traces · 1 cancelled')
  })
})

describe('repair counts', () => {
  it('count every repair once, listed or not, and word kept-as-recorded findings apart', () => {
    const report = {
      repairs: [
        { kind: 'orphan' as const, message: 'parent not found; shown top-level', spanName: 'x' },
        { kind: 'clock-skew' as const, message: 'span runs outside its parent "r"', kept: true },
      ],
      warnings: ['w'],
      counts: { repaired: 1, kept: 408, warnings: 1 },
    }
    expect(countsText(reportCounts(report))).toBe('1 repaired · 408 kept as recorded · 1 warning')
    // Without stored totals: what is listed.
    expect(reportCounts({ repairs: report.repairs, warnings: [] })).toEqual({
      repaired: 1,
      kept: 1,
      warnings: 0,
    })
    expect(repairLine(report.repairs[0])).toBe('repaired: x: parent not found; shown top-level')
    expect(repairLine(report.repairs[1])).toBe('kept as recorded: span runs outside its parent "r"')
    expect(countsText({ repaired: 0, kept: 0, warnings: 0 })).toBe('')
  })

  it('add a file\'s traces together for the toast', () => {
    const o = importOutcome([
      ok('a', 1, { counts: { repaired: 2, kept: 3, warnings: 0 } }),
      ok('b', 1, { counts: { repaired: 0, kept: 1, warnings: 4 } }),
    ])
    expect(countsText(o.counts)).toBe('2 repaired · 4 kept as recorded · 4 warnings')
  })
})
