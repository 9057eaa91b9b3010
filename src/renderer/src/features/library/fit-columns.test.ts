import { describe, expect, it } from 'vitest'
import { fitColumns, trackMinWidth } from './fit-columns'

const cols = [
  { width: 'minmax(200px, 3fr)' },
  { width: '150px' },
  { width: '90px', dropOrder: 2 },
  { width: 'minmax(100px, 1fr)', dropOrder: 1 },
]

describe('fitting table columns to the width', () => {
  it('reads the least width of a track', () => {
    expect(trackMinWidth('minmax(200px, 3fr)')).toBe(200)
    expect(trackMinWidth('88px')).toBe(88)
    expect(trackMinWidth('1fr')).toBe(0)
  })

  it('keeps every column when they fit, drops the least useful first when not', () => {
    // 200 + 150 + 90 + 100 + 3 gaps of 10 + 30 fixed = 600
    expect(fitColumns(cols, 600, 30, 10)).toEqual([0, 1, 2, 3])
    expect(fitColumns(cols, 599, 30, 10)).toEqual([0, 1, 2])
    expect(fitColumns(cols, 490, 30, 10)).toEqual([0, 1, 2])
    expect(fitColumns(cols, 489, 30, 10)).toEqual([0, 1])
    // Columns without a drop order always stay, even if they then overflow.
    expect(fitColumns(cols, 100, 30, 10)).toEqual([0, 1])
    // Not measured yet: everything.
    expect(fitColumns(cols, 0, 30, 10)).toEqual([0, 1, 2, 3])
  })
})
