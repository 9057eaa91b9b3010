/**
 * `tracedeck score <trace>`: scores a trace with the library's enabled evaluators (a re-run
 * against its original: similarity, valid JSON, same tool calls; checks, budgets and LLM judges
 * on any trace), stores the scores and prints them. `--json` prints the scores.
 */
import type { Command } from 'commander'
import type { Score } from '../../shared/rerun'
import type { CliCommand, CliContext } from '../context'
import { renderTable } from '../output/table'

/** Trace content is untrusted: control characters never reach the terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point here
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�')
}

export const scoreCommand: CliCommand = {
  register(program: Command, ctx: CliContext) {
    program
      .command('score <trace>')
      .description("score a trace with the library's evaluators (a re-run against its original)")
      .option('--spans', 'also list the per-call scores')
      .action(async (ref: string, o: { spans?: boolean }) => {
        const { json } = ctx.global()
        const lib = await ctx.library()
        const traceId = await ctx.resolveTrace(ref)
        const scores = await lib.handlers.scoreTrace({ traceId })
        if (json) return ctx.printJson(scores)
        const shown = o.spans ? scores : scores.filter((s) => s.span === null)
        if (!shown.length) return ctx.print('No evaluator applies to this trace (the reference evaluators score re-runs; add checks or a judge in the app)')
        ctx.print(
          renderTable(
            shown,
            [
              { header: 'EVALUATOR', value: (s: Score) => clean(s.evaluator), maxWidth: 24 },
              { header: 'STEP', value: (s) => (s.span === null ? '' : String(s.span + 1)), align: 'right' },
              { header: 'SCORE', value: (s) => (s.score === null ? '—' : s.score.toFixed(2)), align: 'right' },
              { header: 'RESULT', value: (s) => (s.passed === null ? '' : s.passed ? ctx.style('green', 'pass') : ctx.style('red', 'fail')) },
              { header: 'DETAIL', value: (s) => clean([s.label, s.reasoning].filter(Boolean).join(' · ')), maxWidth: 60 },
            ],
            (t) => ctx.style('dim', t),
          ).join('\n'),
        )
      })
  },
}
