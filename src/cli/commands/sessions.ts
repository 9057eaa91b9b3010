/**
 * `tracedeck sessions [id]`: the library's sessions (traces sharing a session id) with their
 * metrics, filtered like `list`; with an id, that session turn by turn.
 */
import type { SessionDetail, SessionSummary } from '../../shared/api'
import type { CliCommand, CliContext } from '../context'
import { addFilterOptions, filterFromOptions, type FilterOptions } from '../filter-options'
import { formatCount, formatDuration, formatTime, formatTimeShort, plural, usageCost, usageTokens } from '../output/format'
import { withUnknownsAsNull } from '../../shared/usage'
import { statusWord } from '../output/style'
import { renderTable, truncate, type Column } from '../output/table'

/** The documented `--json` shape of one session (issue 6), in this key order. */
export function sessionJson(s: SessionSummary) {
  const u = withUnknownsAsNull(s)
  return {
    id: s.id,
    traceCount: s.traceCount,
    spanCount: s.spanCount,
    // Unknown usage is null, not 0 (shared/usage.ts).
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    totalTokens: u.totalTokens ?? null,
    cost: u.cost,
    durationMs: s.durationMs,
    status: s.status,
    startTime: s.startTime,
    endTime: s.endTime,
    models: s.models,
    tags: s.tags,
  }
}

const micros = (iso: string) => Date.parse(iso) * 1000

async function listSessions(ctx: CliContext, options: FilterOptions): Promise<void> {
  const { handlers, dbPath } = await ctx.library()
  const filter = filterFromOptions(options)
  const sessions = await handlers.listSessions(filter)
  if (ctx.global().json) return ctx.printJson(sessions.map(sessionJson))
  if (sessions.length === 0) {
    ctx.print(
      Object.keys(filter).length > 0
        ? 'No sessions match these filters.'
        : 'No sessions in the library: a session is formed by traces that carry the same session id.',
    )
    ctx.note(ctx.errStyle('dim', `library: ${dbPath}`))
    return
  }
  const { style } = ctx
  const columns: Column<SessionSummary>[] = [
    { header: 'SESSION', value: (s) => s.id, maxWidth: 36, minWidth: 20, keep: 10 },
    {
      header: 'STARTED (UTC)',
      value: (s) => formatTime(micros(s.startTime)),
      short: (s) => formatTimeShort(micros(s.startTime)),
      cut: false,
      keep: 8,
    },
    { header: 'TRACES', value: (s) => formatCount(s.traceCount), align: 'right', keep: 6 },
    { header: 'SPANS', value: (s) => formatCount(s.spanCount), align: 'right', keep: 4 },
    { header: 'TOKENS', value: (s) => usageTokens(s.totalTokens), align: 'right', keep: 5 },
    { header: 'COST', value: (s) => usageCost(s.cost, s.costEstimated), align: 'right', keep: 6 },
    { header: 'DURATION', value: (s) => formatDuration(s.durationMs * 1000), align: 'right', keep: 7 },
    {
      header: 'STATUS',
      value: (s) => statusWord(style, s.status),
      cut: false,
      keep: 9,
    },
    { header: 'MODELS', value: (s) => s.models.join(', '), maxWidth: 28, minWidth: 12, keep: 2 },
    { header: 'TAGS', value: (s) => s.tags.join(', '), maxWidth: 24, minWidth: 10, keep: 1 },
  ]
  for (const line of renderTable(sessions, columns, (text) => style('bold', text))) ctx.print(line)
  const cost = sessions.reduce((a, s) => a + s.cost, 0)
  const estimated = sessions.some((s) => s.costEstimated)
  ctx.note(
    ctx.errStyle(
      'dim',
      `${plural(sessions.length, 'session')} · ${usageCost(cost, estimated)} in total · library: ${dbPath}`,
    ),
  )
}

async function showSession(ctx: CliContext, id: string): Promise<void> {
  const { handlers } = await ctx.library()
  const detail: SessionDetail = await handlers.getSession({ id })
  if (ctx.global().json)
    return ctx.printJson({
      ...detail,
      session: withUnknownsAsNull(detail.session),
      turns: detail.turns.map(withUnknownsAsNull),
    })
  const { style } = ctx
  const s = detail.session
  ctx.print(
    `${style('bold', `Session ${s.id}`)}  ${statusWord(style, s.status)}`,
  )
  ctx.print(
    `${plural(s.traceCount, 'trace')} · ${plural(s.spanCount, 'span')} · ${usageTokens(s.totalTokens)} tokens ` +
      `(${usageTokens(s.inputTokens)} in, ${usageTokens(s.outputTokens)} out) · ${usageCost(s.cost, s.costEstimated)}`,
  )
  ctx.print(
    `${formatDuration(s.durationMs * 1000)} · ${formatTime(micros(s.startTime))} → ${formatTime(micros(s.endTime))} UTC`,
  )
  if (s.models.length) ctx.print(`models: ${s.models.join(', ')}`)
  ctx.print()
  const rows = detail.turns.map((t, i) => ({ t, i }))
  const columns: Column<(typeof rows)[number]>[] = [
    { header: '#', value: (r) => String(r.i + 1), align: 'right', keep: 10 },
    { header: 'TRACE', value: (r) => r.t.traceId.slice(0, 12), cut: false, keep: 9 },
    {
      header: 'STARTED (UTC)',
      value: (r) => formatTime(r.t.start),
      short: (r) => formatTimeShort(r.t.start),
      cut: false,
      keep: 7,
    },
    { header: 'DURATION', value: (r) => formatDuration(r.t.durationMs * 1000), align: 'right', keep: 6 },
    { header: 'IN TOK', value: (r) => usageTokens(r.t.inputTokens), align: 'right', keep: 4 },
    {
      header: 'CONTEXT',
      value: (r) => contextText(r.t.contextTokens, r.t.contextLimit),
      align: 'right',
      keep: 3,
    },
    { header: 'COST', value: (r) => usageCost(r.t.cost, r.t.costEstimated), align: 'right', keep: 5 },
    { header: 'STATUS', value: (r) => statusWord(style, r.t.status), cut: false, keep: 9 },
    { header: 'USER', value: (r) => oneLine(r.t.userInput), maxWidth: 48, minWidth: 20, keep: 8 },
  ]
  for (const line of renderTable(rows, columns, (text) => style('bold', text))) ctx.print(line)
}

function contextText(tokens: number | null, limit: number | null): string {
  if (tokens === null) return ''
  return limit
    ? `${formatCount(tokens)} (${((tokens / limit) * 100).toFixed(1)}%)`
    : formatCount(tokens)
}

function oneLine(text: string | null): string {
  return text ? truncate(text.replace(/\s+/g, ' ').trim(), 200) : ''
}

export const sessionsCommand: CliCommand = {
  register(program, ctx) {
    addFilterOptions(
      program
        .command('sessions')
        .argument('[id]', 'show this session turn by turn')
        .description(
          'list sessions (traces sharing a session id) with tokens, cost, duration and status',
        ),
    ).action(async (id: string | undefined, options: FilterOptions) => {
      if (id) await showSession(ctx, id)
      else await listSessions(ctx, options)
    })
  },
}
