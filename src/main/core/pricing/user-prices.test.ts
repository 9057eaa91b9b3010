import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempFile } from '../import/test-fixtures'
import { estimateCost, findPrice, loadPriceTable } from './price-table'
import { listPrices, userPricesPath } from './user-prices'

describe('the user price file', () => {
  it('sits beside the library file unless --prices or TRACEDECK_PRICES says otherwise', () => {
    expect(userPricesPath('/data/lib/library.db', undefined, {})).toBe(join('/data/lib', 'prices.json'))
    expect(userPricesPath('/data/lib/library.db', undefined, { TRACEDECK_PRICES: '/etc/p.json' })).toBe(
      resolve('/etc/p.json'),
    )
    expect(
      userPricesPath('/data/lib/library.db', 'mine.json', { TRACEDECK_PRICES: '/etc/p.json' }),
    ).toBe(resolve('mine.json'))
    expect(userPricesPath(':memory:', undefined, {})).toBeUndefined()
  })

  it('lists every effective price with its source and date; user entries override and extend', () => {
    const path = tempFile(
      'prices.json',
      JSON.stringify({
        updated: '2031-02-03',
        models: {
          'GPT-4o': { input: 1, output: 2 },
          'house-llm': { input: 0.5, output: 0.75, since: '2030-12-01' },
        },
      }),
    )
    const listing = listPrices(path)
    expect(listing.userFile).toEqual({ path, exists: true, updated: '2031-02-03' })
    const byModel = new Map(listing.entries.map((e) => [e.model, e]))
    expect(byModel.get('gpt-4o')).toMatchObject({
      source: 'user',
      input: 1,
      output: 2,
      date: '2031-02-03',
      overrides: { input: 2.5, output: 10 },
    })
    expect(byModel.get('house-llm')).toMatchObject({ source: 'user', date: '2030-12-01' })
    expect(byModel.get('gpt-4o-mini')).toMatchObject({ source: 'bundled', input: 0.15, date: '2024-07-18' })
    // What the listing says is what estimation uses.
    const table = loadPriceTable(path)
    expect(estimateCost(table, 'openai/house-llm', 2_000_000, 0)).toBeCloseTo(1)
    expect(findPrice(table, 'gpt-4o-2024-08-06')).toMatchObject({ input: 1 })
  })

  it('a missing user file is fine: the bundled table, with the path to create', () => {
    const listing = listPrices('/nonexistent/dir/prices.json')
    expect(listing.userFile).toEqual({ path: '/nonexistent/dir/prices.json', exists: false })
    expect(listing.entries.every((e) => e.source === 'bundled')).toBe(true)
    expect(listing.entries.length).toBeGreaterThan(10)
  })

  it('a malformed user file is reported by name and problem, and the bundled table still lists', () => {
    const path = tempFile('prices.json', '{"models": {"gpt-4o": {"input": "cheap"}}}')
    const listing = listPrices(path)
    expect(listing.userFile.error).toContain(path)
    expect(listing.userFile.error).toMatch(/model "gpt-4o" needs "input" as a number/)
    expect(listing.entries.find((e) => e.model === 'gpt-4o')).toMatchObject({ source: 'bundled', input: 2.5 })
    expect(() => loadPriceTable(path)).toThrow(path)
  })

  it('model names that are object keys in disguise are plain names', () => {
    const path = tempFile(
      'prices.json',
      '{"models": {"__proto__": {"input": 1, "output": 1}, "constructor": {"input": 2, "output": 2}}}',
    )
    const table = loadPriceTable(path)
    expect(findPrice(table, 'constructor')).toMatchObject({ input: 2 })
    expect(findPrice(table, '__proto__')).toMatchObject({ input: 1 })
    expect(findPrice(loadPriceTable(), 'constructor')).toBeUndefined()
    expect(findPrice(loadPriceTable(), 'toString')).toBeUndefined()
  })
})
