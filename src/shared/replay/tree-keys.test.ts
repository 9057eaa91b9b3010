import { describe, expect, it } from 'vitest'
import { computeSubtreeEnd } from './columns'
import { treeKeyAction, type TreeKeyContext } from './tree-keys'
import { buildRowModel } from './tree-rows'

// root(0) → a(1) → a1(2), a2(3); b(4) → b1(5); root2(6)
const parentIndex = Int32Array.from([-1, 0, 1, 1, 0, 4, -1])
const subtreeEnd = computeSubtreeEnd(parentIndex)
const ctx = (collapsed: number[] = [], pageRows = 3): TreeKeyContext => ({
  rows: buildRowModel(subtreeEnd, 7, collapsed),
  subtreeEnd,
  parentIndex,
  collapsed: new Set(collapsed),
  pageRows,
})

describe('execution tree keys', () => {
  it('moves the focus over visible rows, skipping collapsed subtrees', () => {
    expect(treeKeyAction('ArrowDown', 0, ctx())).toEqual({ kind: 'focus', index: 1 })
    expect(treeKeyAction('ArrowDown', 1, ctx([1]))).toEqual({ kind: 'focus', index: 4 })
    expect(treeKeyAction('ArrowUp', 4, ctx([1]))).toEqual({ kind: 'focus', index: 1 })
    expect(treeKeyAction('End', 0, ctx([4]))).toEqual({ kind: 'focus', index: 6 })
    expect(treeKeyAction('Home', 5, ctx())).toEqual({ kind: 'focus', index: 0 })
    expect(treeKeyAction('PageDown', 0, ctx([], 3))).toEqual({ kind: 'focus', index: 2 })
    expect(treeKeyAction('PageUp', 6, ctx([], 3))).toEqual({ kind: 'focus', index: 4 })
  })

  it('stays put at the ends', () => {
    expect(treeKeyAction('ArrowUp', 0, ctx())).toBeNull()
    expect(treeKeyAction('ArrowDown', 6, ctx())).toBeNull()
    expect(treeKeyAction('Home', 0, ctx())).toBeNull()
  })

  it('expands, enters, collapses and climbs with → and ←', () => {
    expect(treeKeyAction('ArrowRight', 1, ctx([1]))).toEqual({ kind: 'toggle', index: 1 })
    expect(treeKeyAction('ArrowRight', 1, ctx())).toEqual({ kind: 'focus', index: 2 })
    expect(treeKeyAction('ArrowRight', 2, ctx())).toBeNull() // a leaf
    expect(treeKeyAction('ArrowLeft', 1, ctx())).toEqual({ kind: 'toggle', index: 1 })
    expect(treeKeyAction('ArrowLeft', 1, ctx([1]))).toEqual({ kind: 'focus', index: 0 })
    expect(treeKeyAction('ArrowLeft', 3, ctx())).toEqual({ kind: 'focus', index: 1 })
    expect(treeKeyAction('ArrowLeft', 6, ctx())).toBeNull() // a root leaf
  })

  it('jumps with Enter and ignores other keys and hidden spans', () => {
    expect(treeKeyAction('Enter', 3, ctx())).toEqual({ kind: 'jump', index: 3 })
    expect(treeKeyAction('j', 3, ctx())).toBeNull()
    expect(treeKeyAction('ArrowDown', 2, ctx([1]))).toBeNull()
  })
})
