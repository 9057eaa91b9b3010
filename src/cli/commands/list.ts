/** `tracedeck list`: the library's traces as a table (or JSON), newest first, with filters. */
import type { TraceSummary } from '../../shared/api'
import type { CliCommand } from '../context'
import { addFilterOptions, filterFromOptions, type FilterOptions } from '../filter-options'
import { formatCount, formatDuration, formatTime, formatTimeShort, plural, usageCost, usageTokens } from '../output/format'
import { withUnknownsAsNull } from '../../shared/usage'
import { statusWord } from '../output/style'
import { renderTable, type Column } from '../output/table'

export const listCommand: CliCommand = {
  register(program, ctx) {
    addFilterOptions(program.command('list').alias('ls').description('list the traces in the library')).action(
      async (options: FilterOptions) => {
        const { handlers, dbPath } = await ctx.library()
        const traces = await handlers.listTraces(filterFromOptions(options))
        if (ctx.global().json) return ctx.printJson(traces.map(withUnknownsAsNull))
        if (traces.length === 0) {
          const filtered = Object.keys(filterFromOptions(options)).length > 0
          ctx.print(filtered ? 'No traces match these filters.' : `The library is empty. Import a trace with: tracedeck import <file>`)
          ctx.note(ctx.errStyle('dim', `library: ${dbPath}`))
          return
        }
        const { style } = ctx
        const columns: Column<TraceSummary>[] = [
          { header: 'ID', value: (t) => t.id.slice(0, 12), cut: false, keep: 10 },
          { header: 'NAME', value: (t) => t.name, maxWidth: 40, minWidth: 24, keep: 10 },
          {
            header: 'STARTED (UTC)',
            value: (t) => formatTime(t.start),
            short: (t) => formatTimeShort(t.start),
            cut: false,
            keep: 8,
          },
          { header: 'DURATION', value: (t) => formatDuration(t.duration), align: 'right', keep: 7 },
          { header: 'STATUS', value: (t) => statusWord(style, t.status), cut: false, keep: 9 },
          { header: 'SPANS', value: (t) => formatCount(t.spanCount), align: 'right', keep: 5 },
          { header: 'ERR', value: (t) => (t.errorCount ? formatCount(t.errorCount) : ''), align: 'right', keep: 4 },
          { header: 'TOKENS', value: (t) => usageTokens(t.inputTokens + t.outputTokens), align: 'right', keep: 5 },
          { header: 'COST', value: (t) => usageCost(t.cost, t.costEstimated), align: 'right', keep: 6 },
          { header: 'MODELS', value: (t) => t.models.join(', '), maxWidth: 28, minWidth: 12, keep: 2 },
          { header: 'FORMAT', value: (t) => t.source.format, cut: false, keep: 1 },
        ]
        // A text search says where it matched: the span, and where in it.
        if (options.search && traces.some((t) => t.match))
          columns.splice(2, 0, {
            header: 'MATCHED',
            value: (t) =>
              t.match
                ? `step ${t.match.index + 1} ${t.match.name}${t.match.field === 'name' ? '' : ` (${t.match.field})`}`
                : '',
            maxWidth: 36,
            minWidth: 20,
            keep: 9,
          })
        for (const line of renderTable(traces, columns, (text) => style('bold', text))) ctx.print(line)
        ctx.note(ctx.errStyle('dim', `${plural(traces.length, 'trace')} · library: ${dbPath}`))
      },
    )
  },
}
