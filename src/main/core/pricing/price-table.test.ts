import { describe, expect, it } from 'vitest'
import { estimateCost, findPrice, loadPriceTable, parsePriceTable } from './price-table'
import { tempFile } from '../import/test-fixtures'

describe('price table', () => {
  const table = loadPriceTable()

  it('is dated and knows common models', () => {
    expect(table.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(findPrice(table, 'gpt-4o')).toMatchObject({ input: 2.5, output: 10 })
  })

  it('matches provider prefixes, dated versions and longest prefixes', () => {
    expect(findPrice(table, 'openai/gpt-4o-mini')).toBe(table.models['gpt-4o-mini'])
    expect(findPrice(table, 'gpt-4o-2024-08-06')).toBe(table.models['gpt-4o'])
    expect(findPrice(table, 'claude-3-5-sonnet-20241022')).toBe(table.models['claude-3-5-sonnet'])
    expect(findPrice(table, 'GPT-4.1-mini')).toBe(table.models['gpt-4.1-mini'])
    // The gpt-5 family (in traces of the corpus) is known, each size by its own name.
    expect(findPrice(table, 'gpt-5-mini-2025-08-07')).toBe(table.models['gpt-5-mini'])
    expect(findPrice(table, 'openai/gpt-5')).toBe(table.models['gpt-5'])
    expect(findPrice(table, 'my-own-model')).toBeUndefined()
  })

  it('estimates cost per million tokens, and not without a model or tokens', () => {
    expect(estimateCost(table, 'gpt-4o', 1_000_000, 1_000_000)).toBeCloseTo(12.5)
    expect(estimateCost(table, 'gpt-4o', undefined, undefined)).toBeUndefined()
    expect(estimateCost(table, undefined, 10, 10)).toBeUndefined()
  })

  it('lets a user file override prices model by model; a missing file leaves the bundled table', () => {
    const path = tempFile(
      'prices.json',
      JSON.stringify({
        updated: '2030-01-01',
        models: { 'gpt-4o': { input: 1, output: 2 }, 'my-model': { input: 3, output: 4 } },
      }),
    )
    const t = loadPriceTable(path)
    expect(t.updated).toBe('2030-01-01')
    expect(findPrice(t, 'gpt-4o')).toMatchObject({ input: 1, output: 2 })
    expect(findPrice(t, 'my-model')).toMatchObject({ input: 3 })
    expect(findPrice(t, 'gpt-4o-mini')).toMatchObject({ input: 0.15 })
    expect(loadPriceTable('/nonexistent/prices.json').models).toEqual(table.models)
  })

  it('rejects a malformed price file with a message naming it', () => {
    expect(() => parsePriceTable('{', 'p.json')).toThrow(/p.json is not valid JSON/)
    expect(() => parsePriceTable('{"models":{"m":{"input":"x"}}}', 'p.json')).toThrow(
      /model "m" needs "input" as a number >= 0 \(USD per million tokens\), not "x"/,
    )
    expect(() => parsePriceTable('{"models":{"m":{"input":1}}}', 'p.json')).toThrow(/"output".*it is missing/)
    expect(() => parsePriceTable('{"models":[]}', 'p.json')).toThrow(/p.json has no "models" object/)
  })
})
