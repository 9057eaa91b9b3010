/**
 * `tracedeck show <trace>`: a trace's summary and span tree, or one step in detail with
 * `--step N`. With --json it writes the trace as a tracedeck export v1 document.
 */
import { InvalidArgumentError } from 'commander'
import { SPAN_KINDS, type Json, type Payload, type Span } from '../../shared/model'
import type { SpanTable, TraceDetail } from '../../shared/api'
import { exportFromLibrary } from '../../main/core/export/export-traces'
import type { CliCommand, CliContext } from '../context'
import { CliError } from '../errors'
import { usageCost } from '../output/format'
import { knownTokens, totalsNote, usageBreakdown } from '../../shared/usage'
import { formatCost, formatCount, formatDuration, formatOffset, formatTime, formatTokens, plural } from '../output/format'
import { countsText, repairLine, reportCounts } from '../../shared/import-report'
import { statusWord } from '../output/style'
import { renderTable, terminalWidth, truncate, truncateVisible } from '../output/table'
import { treePrefixes } from '../output/tree'

const SPAN_STATUS = ['ok', 'error', 'retry'] as const
const PAYLOAD_PREVIEW_CHARS = 4000

function stepArg(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a step number (1, 2, …)`)
  return n
}

/** One line cut to the terminal's width ($COLUMNS), like the tables; --json has everything. */
function fit(line: string): string {
  const width = terminalWidth()
  return width ? truncateVisible(line, width) : line
}

function printHeader(ctx: CliContext, { trace, report }: TraceDetail): void {
  const { style } = ctx
  const status = statusWord(style, trace.status)
  ctx.print(fit(`${style('bold', trace.name)}  ${style('dim', trace.id)}`))
  const facts: [string, string][] = [
    [
      'status',
      `${status}${trace.errorCount ? ` (${plural(trace.errorCount, 'failed span')}${trace.retryCount ? `, ${trace.retryCount} retried successfully` : ''})` : ''}`,
    ],
    ['started', `${formatTime(trace.start)} UTC`],
    ['duration', formatDuration(trace.duration)],
    ['spans', formatCount(trace.spanCount)],
    [
      'tokens',
      knownTokens(trace.inputTokens + trace.outputTokens) === null
        ? '–'
        : `${formatCount(trace.inputTokens)} in, ${formatCount(trace.outputTokens)} out`,
    ],
    [
      'cost',
      `${usageCost(trace.cost, trace.costEstimated)}${trace.costEstimated ? ' (estimated from prices)' : ''}`,
    ],
    ['models', trace.models.join(', ') || '—'],
    ['source', `${trace.source.format} · ${trace.source.file}`],
  ]
  if (trace.sessionId) facts.push(['session', trace.sessionId])
  if (trace.userId) facts.push(['user', trace.userId])
  if (trace.tags.length) facts.push(['tags', trace.tags.join(', ')])
  if (trace.environment) facts.push(['environment', trace.environment])
  if (trace.project) facts.push(['project', trace.project])
  if (trace.sourceTraceId && trace.sourceTraceId !== trace.id) facts.push(['source id', trace.sourceTraceId])
  for (const [label, value] of facts) ctx.print(fit(`  ${style('dim', label.padEnd(11))} ${value}`))
  const counts = countsText(reportCounts(report))
  if (counts) ctx.print(fit(`  ${style('dim', 'import'.padEnd(11))} ${counts}`))
}

function printSpanTree(ctx: CliContext, table: SpanTable): void {
  const { style } = ctx
  const prefixes = treePrefixes(table.parentIndex)
  const rows = Array.from({ length: table.count }, (_, i) => i)
  const lines = renderTable(
    rows,
    [
      { header: 'STEP', value: (i) => String(i + 1), align: 'right', keep: 10 },
      {
        header: 'SPAN',
        value: (i) => style('dim', prefixes[i]) + truncate(table.names[table.name[i]], 60),
        minWidth: 24,
        keep: 10,
      },
      { header: 'KIND', value: (i) => SPAN_KINDS[table.kind[i]] ?? 'span', cut: false, keep: 6 },
      {
        header: 'STATUS',
        value: (i) => {
          const status = SPAN_STATUS[table.status[i]] ?? 'ok'
          return statusWord(style, status)
        },
        cut: false,
        keep: 9,
      },
      { header: 'START', value: (i) => formatOffset(table.start[i]), align: 'right', keep: 5 },
      { header: 'DURATION', value: (i) => formatDuration(table.duration[i]), align: 'right', keep: 7 },
      { header: 'TOKENS', value: (i) => formatTokens(table.inputTokens[i], table.outputTokens[i]), align: 'right', keep: 4 },
      { header: 'COST', value: (i) => formatCost(table.cost[i]), align: 'right', keep: 5 },
      { header: 'MODEL', value: (i) => (table.model[i] >= 0 ? table.models[table.model[i]] : ''), minWidth: 12, keep: 3 },
    ],
    (text) => style('bold', text),
  )
  ctx.print()
  for (const line of lines) ctx.print(line)
}

/** A payload as readable text: the conversation when there is one, else JSON or the raw string. */
export function payloadText(payload: Payload): string {
  if (payload.messages?.length) {
    return payload.messages
      .map((message) => {
        const parts: string[] = []
        if (message.text) parts.push(message.text)
        for (const part of message.parts ?? []) {
          if (part.type === 'text' && part.text && part.text !== message.text) parts.push(part.text)
          else if (part.type !== 'text') parts.push(`[${part.type}] ${part.text ?? JSON.stringify(part.data ?? null)}`)
        }
        for (const call of message.toolCalls ?? []) {
          parts.push(`→ ${call.name}(${typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {})})`)
        }
        return `${message.role}${message.name ? ` (${message.name})` : ''}: ${parts.join('\n  ')}`
      })
      .join('\n')
  }
  return typeof payload.value === 'string' ? payload.value : JSON.stringify(payload.value as Json, null, 2)
}

function printPayload(ctx: CliContext, label: string, payload: Payload | undefined, full: boolean): void {
  if (!payload) return
  let text = payloadText(payload)
  const cut = !full && text.length > PAYLOAD_PREVIEW_CHARS
  if (cut) text = text.slice(0, PAYLOAD_PREVIEW_CHARS)
  ctx.print()
  ctx.print(ctx.style('bold', label))
  ctx.print(text.replace(/^/gm, '  '))
  if (cut) ctx.print(ctx.style('yellow', `  … cut at ${formatCount(PAYLOAD_PREVIEW_CHARS)} characters; use --full for everything`))
}

function printStep(ctx: CliContext, span: Span, total: number, origin: number, full: boolean): void {
  const { style } = ctx
  ctx.print(`${style('bold', `Step ${span.index + 1} of ${total}`)}  ${span.name}`)
  const facts: [string, string | undefined][] = [
    ['kind', span.kind],
    ['status', statusWord(style, span.status)],
    ['start', `${formatOffset(span.start - origin)} (${formatTime(span.start)} UTC)`],
    ['duration', formatDuration(span.duration)],
    ['model', [span.model, span.provider && `(${span.provider})`].filter(Boolean).join(' ') || undefined],
    ['tokens', formatTokens(span.inputTokens, span.outputTokens) || undefined],
    ['cost', span.cost !== undefined ? `${formatCost(span.cost)}${span.costEstimated ? ' (estimated)' : ''}` : undefined],
    ['service', span.service],
    ['span id', span.id],
    ['flags', span.flags?.join(', ') || undefined],
  ]
  for (const [label, value] of facts) if (value) ctx.print(`  ${style('dim', label.padEnd(9))} ${value}`)
  if (span.error) {
    ctx.print()
    ctx.print(style('red', `Error${span.error.type ? ` (${span.error.type})` : ''}: ${span.error.message}`))
    if (span.error.stack && full) ctx.print(span.error.stack.replace(/^/gm, '  '))
  }
  printPayload(ctx, 'Input', span.input, full)
  printPayload(ctx, 'Output', span.output, full)
}

export const showCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('show')
      .description('show a trace: summary and span tree, or one step in detail')
      .argument('<trace>', 'trace id, a unique prefix of it, or the source trace id')
      .option('--step <n>', 'show step n (1-based) with its input and output', stepArg)
      .option('--full', 'do not cut long inputs, outputs and stacks')
      .action(async (ref: string, options: { step?: number; full?: boolean }) => {
        const id = await ctx.resolveTrace(ref)
        const { handlers, db } = await ctx.library()
        if (ctx.global().json) {
          if (options.step !== undefined) return ctx.printJson(await handlers.getSpan({ traceId: id, index: options.step - 1 }))
          return ctx.printJson(exportFromLibrary(db, [id]))
        }
        const detail = await handlers.getTrace({ id })
        if (options.step !== undefined) {
          if (options.step > detail.trace.spanCount) {
            throw new CliError(`step ${options.step} does not exist: the trace has ${plural(detail.trace.spanCount, 'step')}`)
          }
          const span = await handlers.getSpan({ traceId: id, index: options.step - 1 })
          return printStep(ctx, span, detail.trace.spanCount, detail.trace.start, Boolean(options.full))
        }
        printHeader(ctx, detail)
        const table = await handlers.getSpanTable({ id })
        const nan = (values: (number | null)[]) => values.map((v) => v ?? NaN)
        const note = totalsNote(
          usageBreakdown({
            count: table.count,
            parentIndex: table.parentIndex,
            cost: nan(table.cost),
            inputTokens: nan(table.inputTokens),
            outputTokens: nan(table.outputTokens),
          }),
          (usd) => formatCost(usd),
        )
        ctx.print(fit(`  ${ctx.style('dim', 'totals'.padEnd(11))} ${note}`))
        printSpanTree(ctx, table)
        for (const repair of detail.report.repairs) ctx.print(fit(ctx.style('dim', repairLine(repair))))
        for (const warning of detail.report.warnings) ctx.print(fit(ctx.style('yellow', `warning: ${warning}`)))
      })
  },
}
