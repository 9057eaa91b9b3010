import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignSequences, longestIncreasing } from './sequence-align'

function check(a: number[], b: number[], maxD?: number) {
  const keySpace = Math.max(0, ...a, ...b) + 1
  const { aToB, bToA } = alignSequences(Int32Array.from(a), Int32Array.from(b), keySpace, { maxD })
  let last = -1
  let matched = 0
  for (let i = 0; i < a.length; i++) {
    const j = aToB[i]
    if (j < 0) continue
    expect(j).toBeGreaterThan(last)
    expect(b[j]).toBe(a[i])
    expect(bToA[j]).toBe(i)
    last = j
    matched++
  }
  return matched
}

/** b = a with deletions, substitutions and insertions; new values never occur in a. */
const editedArb = fc
  .tuple(
    fc.array(fc.nat(5), { maxLength: 80 }),
    fc.array(fc.tuple(fc.constantFrom('del', 'sub', 'ins'), fc.nat()), { maxLength: 12 }),
  )
  .map(([a, edits]) => {
    const b = [...a]
    const kept = a.map(() => true)
    const origin = a.map((_, i) => i) // b position -> a index or -1
    let fresh = 1000
    for (const [op, at] of edits) {
      if (op === 'ins') {
        const p = at % (b.length + 1)
        b.splice(p, 0, fresh++)
        origin.splice(p, 0, -1)
      } else if (b.length) {
        const p = at % b.length
        if (origin[p] >= 0) kept[origin[p]] = false
        if (op === 'del') {
          b.splice(p, 1)
          origin.splice(p, 1)
        } else {
          b[p] = fresh++
          origin[p] = -1
        }
      }
    }
    return { a, b, lcs: kept.filter(Boolean).length }
  })

describe('alignSequences', () => {
  it('matches as much as the edits left intact (optimal for insert/delete/substitute)', () => {
    fc.assert(
      fc.property(editedArb, ({ a, b, lcs }) => {
        expect(check(a, b)).toBe(lcs)
      }),
    )
  })

  it('stays a valid monotone matching with a tiny edit bound (fallback path)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(4), { maxLength: 60 }),
        fc.array(fc.nat(4), { maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        (a, b, d) => {
          check(a, b, d)
        },
      ),
    )
  })

  it('matches a repeated key in order and takes a sequence fully against itself', () => {
    expect(check([1, 1, 1, 2, 1], [1, 1, 1, 2, 1])).toBe(5)
    expect(check([7, 7, 7], [7, 7])).toBe(2)
    expect(check([], [1, 2])).toBe(0)
  })
})

describe('longestIncreasing', () => {
  it('returns a longest strictly increasing subsequence', () => {
    expect(longestIncreasing([3, 1, 2, 5, 4, 6]).map((i) => [3, 1, 2, 5, 4, 6][i])).toEqual([
      1, 2, 4, 6,
    ])
    expect(longestIncreasing([])).toEqual([])
  })
})
