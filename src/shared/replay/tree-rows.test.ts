import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeSubtreeEnd } from './columns'
import { ancestorsOf, buildRowModel, revealIn, siblingsOf, subtreeErrorCounter } from './tree-rows'

// root(0) → a(1) → a1(2), a2(3); b(4) → b1(5); root2(6)
const parents = Int32Array.from([-1, 0, 1, 1, 0, 4, -1])
const ends = computeSubtreeEnd(parents)

/** Naive reference: visible spans by walking every span and its ancestors. */
function naiveVisible(parentIndex: ArrayLike<number>, collapsed: Set<number>): number[] {
  const out: number[] = []
  for (let i = 0; i < parentIndex.length; i++) {
    if (!ancestorsOf(parentIndex, i).some((a) => collapsed.has(a))) out.push(i)
  }
  return out
}

describe('tree row model', () => {
  it('computes subtree ranges from parent indices', () => {
    expect([...ends]).toEqual([6, 4, 3, 4, 6, 6, 7])
  })

  it('shows every span when nothing is collapsed', () => {
    const m = buildRowModel(ends, 7, [])
    expect(m.rowCount).toBe(7)
    expect([0, 3, 6].map((r) => m.spanAt(r))).toEqual([0, 3, 6])
  })

  it('hides the descendants of collapsed spans and maps rows both ways', () => {
    const m = buildRowModel(ends, 7, [1, 4])
    expect(m.rowCount).toBe(4)
    expect([0, 1, 2, 3].map((r) => m.spanAt(r))).toEqual([0, 1, 4, 6])
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => m.rowOf(i))).toEqual([0, 1, -1, -1, 2, -1, 3])
    expect(m.hiddenBy(3)).toBe(1)
    expect(m.hiddenBy(4)).toBe(-1)
  })

  it('folds nested collapses into the outer one and ignores leaves', () => {
    const m = buildRowModel(ends, 7, [1, 0, 2, 6])
    expect(m.rowCount).toBe(2)
    expect([m.spanAt(0), m.spanAt(1)]).toEqual([0, 6])
    expect(m.hiddenBy(2)).toBe(0)
  })

  it('reveals a hidden span by expanding its collapsed ancestors only', () => {
    const next = revealIn(new Set([0, 1, 4]), parents, 3)
    expect([...next].sort()).toEqual([4])
    const same = new Set([4])
    expect(revealIn(same, parents, 2)).toBe(same)
  })

  it('lists siblings with the position of the span', () => {
    expect(siblingsOf(parents, ends, 7, 4)).toEqual({ siblings: [1, 4], position: 1 })
    expect(siblingsOf(parents, ends, 7, 6)).toEqual({ siblings: [0, 6], position: 1 })
    expect(siblingsOf(parents, ends, 7, 3)).toEqual({ siblings: [2, 3], position: 1 })
  })

  it('agrees with a naive walk on random trees and collapse sets', () => {
    const tree = fc
      .array(fc.nat(), { minLength: 1, maxLength: 60 })
      .map((picks) => picks.map((p, i) => (i === 0 ? -1 : (p % (i + 1)) - 1))) // parent < i, or -1
      .map(toStepOrder)
    fc.assert(
      fc.property(tree, fc.array(fc.nat(), { maxLength: 10 }), (parentIndex, picks) => {
        const n = parentIndex.length
        const collapsed = new Set(picks.map((p) => p % n))
        const m = buildRowModel(computeSubtreeEnd(parentIndex), n, collapsed)
        const visible = naiveVisible(parentIndex, collapsed)
        expect(m.rowCount).toBe(visible.length)
        visible.forEach((span, row) => {
          expect(m.spanAt(row)).toBe(span)
          expect(m.rowOf(span)).toBe(row)
        })
        for (let i = 0; i < n; i++) if (!visible.includes(i)) expect(m.rowOf(i)).toBe(-1)
      }),
    )
  })
})

/** Re-lays a parent list (parents before children) into depth-first step order. */
function toStepOrder(parent: number[]): Int32Array {
  const kids = parent.map(() => [] as number[])
  const roots: number[] = []
  parent.forEach((p, i) => (p < 0 ? roots.push(i) : kids[p].push(i)))
  const order: number[] = []
  const visit = (i: number): void => {
    order.push(i)
    kids[i].forEach(visit)
  }
  roots.forEach(visit)
  const pos = new Map(order.map((orig, k) => [orig, k]))
  return Int32Array.from(order.map((orig) => (parent[orig] < 0 ? -1 : pos.get(parent[orig])!)))
}

describe('failed spans hidden by a collapsed subtree', () => {
  it('counts the failures among a span’s descendants, not the span itself', () => {
    // 0 root ─ 1 a (error) ─ 2 a.1 (error); 3 b ─ 4 b.1 (error), 5 b.2
    const parentIndex = [-1, 0, 1, 0, 3, 3]
    const subtreeEnd = computeSubtreeEnd(parentIndex)
    const status = [0, 1, 1, 0, 1, 0]
    const count = subtreeErrorCounter({ count: 6, status, subtreeEnd })
    expect([0, 1, 2, 3, 4, 5].map(count)).toEqual([3, 1, 0, 1, 0, 0])
    expect(count(-1)).toBe(0)
  })
})
