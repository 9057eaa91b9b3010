import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { addFilterOptions, filterFromOptions, type FilterOptions } from './filter-options'

function parse(args: string[]): FilterOptions {
  const cmd = addFilterOptions(
    new Command('list').exitOverride().configureOutput({ writeErr: () => undefined }),
  )
  cmd.parse(args, { from: 'user' })
  return cmd.opts<FilterOptions>()
}

describe('filter options', () => {
  it('map flags to the filter the UI would build', () => {
    expect(filterFromOptions(parse(['--since', '7d', '--min-cost', '1']))).toEqual({
      since: '7d',
      minCost: 1,
    })
    expect(
      filterFromOptions(
        parse(['--status', 'FAILED', '--model', 'gpt-4o', '--tag', 'a', '--tag', 'b']),
      ),
    ).toEqual({
      status: 'failed',
      model: 'gpt-4o',
      tags: ['a', 'b'],
    })
  })

  it('reject bad values with a message naming them', () => {
    expect(() => parse(['--since', 'soonish'])).toThrow(/Cannot read "soonish" as a date/)
    expect(() => parse(['--min-cost', 'lots'])).toThrow(/"lots" is not an amount of dollars/)
    expect(() => parse(['--status', 'meh'])).toThrow(/"meh" is not a status/)
  })
})
