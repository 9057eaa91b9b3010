import { describe, expect, it } from 'vitest'
import { nextSelection, nextSort, sortRows } from './sort'

describe('sortRows', () => {
  const rows = [
    { id: 'a', cost: 2, name: 'item 10' },
    { id: 'b', cost: null, name: 'item 9' },
    { id: 'c', cost: 0.5, name: 'Item 2' },
    { id: 'd', cost: 2, name: 'item 1' },
  ]
  it('sorts numbers both ways, stable, missing values last', () => {
    expect(sortRows(rows, (r) => r.cost, 'asc').map((r) => r.id)).toEqual(['c', 'a', 'd', 'b'])
    expect(sortRows(rows, (r) => r.cost, 'desc').map((r) => r.id)).toEqual(['a', 'd', 'c', 'b'])
  })
  it('sorts text naturally and case-insensitively', () => {
    expect(sortRows(rows, (r) => r.name, 'asc').map((r) => r.name)).toEqual([
      'item 1',
      'Item 2',
      'item 9',
      'item 10',
    ])
  })
})

describe('nextSort', () => {
  it('flips the same column and starts a new one at its natural direction', () => {
    expect(nextSort({ key: 'cost', dir: 'desc' }, 'cost', 'desc')).toEqual({
      key: 'cost',
      dir: 'asc',
    })
    expect(nextSort({ key: 'cost', dir: 'desc' }, 'name', 'asc')).toEqual({
      key: 'name',
      dir: 'asc',
    })
  })
})

describe('nextSelection', () => {
  const order = ['a', 'b', 'c', 'd']
  it('selects one, toggles with ctrl, extends with shift', () => {
    let s = nextSelection(new Set(), order, 'b', null, 'only')
    expect([...s.selected]).toEqual(['b'])
    s = nextSelection(s.selected, order, 'd', s.anchor, 'range')
    expect([...s.selected].sort()).toEqual(['b', 'c', 'd'])
    s = nextSelection(s.selected, order, 'c', s.anchor, 'toggle')
    expect([...s.selected].sort()).toEqual(['b', 'd'])
  })
})
