import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { nanosToMicros } from './time'
import { normaliseId } from './ids'

describe('nanosToMicros', () => {
  it('is exact for any quoted nanosecond value (no float on the way)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 9_999_999_999_999_999_999n }), (n) => {
        expect(nanosToMicros(n.toString())).toBe(Number(n / 1000n))
      }),
    )
  })

  it('stays within a microsecond for unquoted numbers that lost precision in JSON.parse', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1_500_000_000_000_000_000n, max: 2_000_000_000_000_000_000n }),
        (n) => {
          const parsed = JSON.parse(n.toString()) as number
          expect(Math.abs(nanosToMicros(parsed)! - Number(n / 1000n))).toBeLessThanOrEqual(1)
        },
      ),
    )
  })

  it('treats absent, zero and garbage as no time', () => {
    for (const v of [undefined, null, '', '0', 0, -5, 'soon', {}, NaN])
      expect(nanosToMicros(v)).toBeNull()
    expect(nanosToMicros(1749823200123456789n)).toBe(1749823200123456)
  })
})

describe('normaliseId', () => {
  it('reads hex in any case, base64 padded or not, and 0x prefixes', () => {
    expect(normaliseId('5B8EFFF798038103D269B633813FC60C')).toBe('5b8efff798038103d269b633813fc60c')
    expect(normaliseId('W47/95gDgQPSabYzgT/GDA==')).toBe('5b8efff798038103d269b633813fc60c')
    expect(normaliseId('W47_95gDgQPSabYzgT_GDA')).toBe('5b8efff798038103d269b633813fc60c')
    expect(normaliseId('7uGbfsPBsXQ=')).toBe('eee19b7ec3c1b174')
    expect(normaliseId('0xEEE19B7EC3C1B174')).toBe('eee19b7ec3c1b174')
    // base64 ids that happen to start with "0x" (found by the round-trip property below)
    expect(normaliseId('0xABCDEF1234')).toBe(Buffer.from('0xABCDEF1234', 'base64').toString('hex'))
    expect(normaliseId('0xzz95gDgQPSabYzgT/GDA==')).toBe(
      Buffer.from('0xzz95gDgQPSabYzgT/GDA==', 'base64').toString('hex'),
    )
  })

  it('round-trips any 8- or 16-byte id through base64', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (a, b) => {
          for (const bytes of [a, b]) {
            const hex = Buffer.from(bytes).toString('hex')
            const expected = /^0+$/.test(hex) ? undefined : hex
            expect(normaliseId(Buffer.from(bytes).toString('base64'))).toBe(expected)
            expect(normaliseId(hex)).toBe(expected)
          }
        },
      ),
      { numRuns: 20_000 },
    )
  })
})
