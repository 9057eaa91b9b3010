/**
 * `tracedeck prices`: the price table costs are estimated from (when a trace states none) — every
 * model's input and output price per million tokens, its date, and whether it comes from the
 * bundled table or the user's file — plus the path of the file to edit. Creates nothing.
 */
import { listPrices, type PriceEntry } from '../../main/core/pricing/user-prices'
import type { CliCommand } from '../context'
import { CliError } from '../errors'
import { renderTable, type Column } from '../output/table'

/** "$2.50", "$0.075", "$10.00": USD per million tokens, cents always, no float noise. */
function usd(value: number): string {
  return `$${value.toFixed(4).replace(/(\.\d\d\d?)0+$/, '$1').replace(/(\.\d\d)0$/, '$1')}`
}

const EXAMPLE = '{ "updated": "YYYY-MM-DD", "models": { "<model>": { "input": 2.5, "output": 10, "since": "YYYY-MM-DD" } } }'

export const pricesCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('prices')
      .description('show the price table used to estimate costs, and the file to edit to change it')
      .action(() => {
        const { prices: userPath } = ctx.global()
        const listing = listPrices(userPath)
        const problem = listing.userFile.error
        if (ctx.global().json) {
          ctx.printJson(listing)
        } else {
          const { style } = ctx
          const columns: Column<PriceEntry>[] = [
            { header: 'MODEL', value: (e) => e.model, maxWidth: 40 },
            { header: 'INPUT/1M', value: (e) => usd(e.input), align: 'right' },
            { header: 'OUTPUT/1M', value: (e) => usd(e.output), align: 'right' },
            { header: 'DATE', value: (e) => e.date },
            {
              header: 'SOURCE',
              value: (e) =>
                e.source === 'bundled'
                  ? 'bundled'
                  : style('cyan', e.overrides ? `user file (bundled: ${usd(e.overrides.input)} / ${usd(e.overrides.output)})` : 'user file'),
            },
          ]
          for (const line of renderTable(listing.entries, columns, (text) => style('bold', text))) ctx.print(line)
          ctx.print()
          ctx.print(`Bundled table: ${listing.bundled.updated}, USD per million tokens. Costs estimated from it are marked "~" / "est.".`)
          const path = listing.userFile.path
          if (!path) ctx.print('No user price file for an in-memory library (give one with --prices <path>).')
          else if (problem) ctx.print(`User price file: ${path} ${style('red', '(not used: it has a problem, see below)')}`)
          else if (listing.userFile.exists) ctx.print(`User price file: ${path} (in use; edit it to change prices)`)
          else {
            ctx.print(`User price file: ${path} (not created yet)`)
            ctx.print(style('dim', `To add or override prices, create it with entries for the models you want, e.g.\n  ${EXAMPLE}`))
          }
          ctx.print(style('dim', 'Prices apply to traces imported afterwards; a trace already in the library keeps its estimate (delete it and import the file again to re-estimate).'))
        }
        if (problem) throw new CliError(`${problem} (the bundled table is used until it is fixed)`)
      })
  },
}
