import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempFile } from '../core/import/test-fixtures'
import { userPrices } from './prices'

describe('the desktop app price file', () => {
  it('is prices.json beside the library, or TRACEDECK_PRICES', () => {
    const db = tempFile('library.db', '')
    expect(userPrices(db, {})).toEqual({ path: join(dirname(db), 'prices.json'), file: join(dirname(db), 'prices.json') })
    const own = tempFile('mine.json', '{"models":{"m":{"input":1,"output":2}}}')
    expect(userPrices(db, { TRACEDECK_PRICES: own })).toEqual({ path: own, file: own })
  })

  it('a broken file is not used: the problem names it and the library opens on bundled prices', () => {
    const db = tempFile('library.db', '')
    const file = join(dirname(db), 'prices.json')
    writeFileSync(file, '{"models": {"gpt-4o": {"input": 1}}}')
    const prices = userPrices(db, {})
    expect(prices.path).toBeUndefined()
    expect(prices.file).toBe(file)
    expect(prices.problem).toContain(`Price table ${file}: model "gpt-4o" needs "output"`)
  })
})
