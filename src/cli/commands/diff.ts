/**
 * `tracedeck diff <a> <b>`: compares two traces (ids, unique id prefixes, or files imported
 * first) — how many spans pair up, what only one run has, the first divergence with the changed
 * words, the other divergences, and the totals of B against A. `--json` prints the summary
 * object (steps 1-based, null on the side of a gap).
 */
import { summarise, type TraceComparison } from '../../shared/compare/compare'
import type { Deltas, Delta } from '../../shared/compare/deltas'
import type { Divergence } from '../../shared/compare/divergence'
import { REASON_LABEL } from '../../shared/compare/labels'
import { payloadText, wordDiff } from '../../shared/compare/word-diff'
import type { CliCommand, CliContext } from '../context'
import { CliError } from '../errors'
import { traceForArgument } from '../trace-argument'
import { formatCost, formatCount, formatDuration, plural } from '../output/format'
import { statusWord } from '../output/style'
import { truncate } from '../output/table'
import { htmlOptions, shareRequest, writeSharePage, type HtmlOptions } from '../share-options'

const LISTED_DIVERGENCES = 10
const SNIPPET_CHARS = 600

/** Trace content is untrusted: control characters (terminal escapes) never reach the terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point here
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�')
}

/** A trace id for a reference: a file is imported first and must hold exactly one trace. */
function traceFor(ctx: CliContext, ref: string): Promise<string> {
  return traceForArgument(ctx, ref, 'compare', (traces) => {
    if (traces.length === 1) return traces[0].id
    const ids = traces.map((t) => `  ${t.id}  ${clean(t.name)}`).join('\n')
    throw new CliError(
      `${ref} holds ${traces.length} traces; give the id of the one to compare:\n${ids}`,
    )
  })
}

function arrow(ctx: CliContext, d: Delta): string {
  if (d.direction === 'up') return ctx.style('yellow', '▲')
  if (d.direction === 'down') return ctx.style('green', '▼')
  return ctx.style('dim', '=')
}

function pct(d: Delta): string {
  if (d.pct === null) return d.direction === 'up' ? ' (new)' : ''
  return ` (${d.pct > 0 ? '+' : ''}${d.pct.toFixed(1)}%)`
}

function printTotals(ctx: CliContext, delta: Deltas): void {
  const ms = (v: number | null) => (v === null ? '—' : formatDuration(v * 1000))
  const signed = (v: number | null, f: (x: number) => string) =>
    v === null ? '' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${f(Math.abs(v))}`
  const rows: [string, Delta, (x: number | null) => string][] = [
    ['duration', delta.durationMs, ms],
    ['input tokens', delta.inputTokens, (v) => formatCount(v) || '0'],
    ['output tokens', delta.outputTokens, (v) => formatCount(v) || '0'],
    ['cost', delta.cost, (v) => formatCost(v) || '$0'],
  ]
  ctx.print(ctx.style('bold', 'Totals (B against A)'))
  for (const [label, d, f] of rows) {
    const change = d.direction === 'same' ? 'same' : `${signed(d.diff, (x) => f(x))}${pct(d)}`
    ctx.print(
      `  ${label.padEnd(14)} ${f(d.a).padStart(10)} → ${f(d.b).padEnd(10)} ${arrow(ctx, d)} ${change}`,
    )
  }
}

function where(d: Divergence): string {
  const a = d.a === null ? 'A —' : `A step ${d.a + 1}`
  const b = d.b === null ? 'B —' : `B step ${d.b + 1}`
  return `${a} / ${b}`
}

function divergenceName(d: Divergence): string {
  const a = d.nameA === null ? null : clean(d.nameA)
  const b = d.nameB === null ? null : clean(d.nameB)
  return a !== null && b !== null && a !== b ? `"${a}" → "${b}"` : `"${a ?? b}"`
}

/** The changed words of the first divergence's input or output, inline: [-old-]{+new+}. */
async function printSnippet(ctx: CliContext, c: TraceComparison, d: Divergence): Promise<void> {
  if (d.a === null || d.b === null || (d.reason !== 'input' && d.reason !== 'output')) return
  const { handlers } = await ctx.library()
  const [sa, sb] = await Promise.all([
    handlers.getSpan({ traceId: c.a.id, index: d.a }),
    handlers.getSpan({ traceId: c.b.id, index: d.b }),
  ])
  const diff = wordDiff(payloadText(sa[d.reason]), payloadText(sb[d.reason]))
  // Start a little before the first change so the reader sees it in context, then show a window.
  const firstChange = diff.parts.findIndex((p) => p.op !== 'same')
  const lead = diff.parts.slice(0, Math.max(0, firstChange)).reduce((n, p) => n + p.text.length, 0)
  let skip = Math.max(0, lead - 120)
  let budget = SNIPPET_CHARS
  let out = skip ? '…' : ''
  for (const part of diff.parts) {
    if (budget <= 0) {
      out += '…'
      break
    }
    let text = part.text
    if (skip >= text.length) {
      skip -= text.length
      continue
    }
    text = clean(text.slice(skip, skip + budget))
    skip = 0
    budget -= text.length
    if (part.op === 'same') out += text
    else
      out += ctx.style(
        part.op === 'del' ? 'red' : 'green',
        part.op === 'del' ? `[-${text}-]` : `{+${text}+}`,
      )
  }
  ctx.print(`  ${ctx.style('dim', d.reason)}  ${out.replace(/\n/g, '\n  ')}`)
}

async function printHuman(ctx: CliContext, c: TraceComparison): Promise<void> {
  const { style } = ctx
  for (const [label, t] of [
    ['A', c.a],
    ['B', c.b],
  ] as const) {
    const status = statusWord(style, t.status)
    ctx.print(
      `${style('bold', label)}  ${style('cyan', t.id.slice(0, 12))}  ${truncate(clean(t.name), 50)}  ${plural(t.spanCount, 'span')}  ${status}  ${formatDuration(t.duration)}`,
    )
  }
  ctx.print('')
  ctx.print(
    `${plural(c.pairs, 'aligned pair')}, ${formatCount(c.onlyA)} only in A, ${formatCount(c.onlyB)} only in B · ${plural(c.divergences.length, 'divergence')}`,
  )
  const first = c.divergences[0]
  ctx.print('')
  if (!first)
    ctx.print(
      style(
        'green',
        'No divergence: every span pairs up with the same name, kind, status, model, input and output.',
      ),
    )
  else {
    ctx.print(
      `${style('bold', 'First divergence')}: ${where(first)}  ${divergenceName(first)}  ${style('yellow', REASON_LABEL[first.reason])}`,
    )
    await printSnippet(ctx, c, first)
    if (c.divergences.length > 1) {
      ctx.print('')
      ctx.print(
        style(
          'bold',
          `Divergences in the order they happened${c.divergences.length > LISTED_DIVERGENCES ? ` (first ${LISTED_DIVERGENCES})` : ''}`,
        ),
      )
      for (const [k, d] of c.divergences.slice(0, LISTED_DIVERGENCES).entries()) {
        ctx.print(
          `  ${String(k + 1).padStart(3)}. ${where(d).padEnd(24)} ${truncate(divergenceName(d), 50).padEnd(40)} ${REASON_LABEL[d.reason]}`,
        )
      }
      if (c.divergences.length > LISTED_DIVERGENCES)
        ctx.print(style('dim', `       … and ${c.divergences.length - LISTED_DIVERGENCES} more`))
    }
  }
  ctx.print('')
  printTotals(ctx, c.delta)
}

export const diffCommand: CliCommand = {
  register(program, ctx) {
    htmlOptions(program
      .command('diff')
      .description('compare two traces: alignment, first divergence, deltas')
      .argument('<a>', 'trace A: a trace id, a unique id prefix, or a trace file to import first')
      .argument('<b>', 'trace B: same forms as A')
      .option('-o, --output <file>', 'with --html: write the page to this file instead of stdout'), false)
      .action(async (refA: string, refB: string, options: HtmlOptions) => {
        const a = await traceFor(ctx, refA)
        const b = await traceFor(ctx, refB)
        if (options.html) {
          if (a === b) throw new CliError('--html: A and B are the same trace; give two different traces')
          return void (await writeSharePage(ctx, shareRequest({ a, b }, options, 0), options.output))
        }
        const { handlers } = await ctx.library()
        const comparison = await handlers.compareTraces({ a, b })
        if (ctx.global().json) ctx.printJson(summarise(comparison))
        else await printHuman(ctx, comparison)
      })
  },
}
