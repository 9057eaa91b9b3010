/**
 * The filter options shared by `tracedeck list` and `tracedeck sessions`: the same flags map to
 * the same TraceFilter the UI's filter bar builds, so a CLI answer and a UI answer agree.
 */
import { InvalidArgumentError, type Command } from 'commander'
import type { TraceFilter } from '../shared/api'
import { DateParseError, parseDateBound } from '../shared/filters/dates'
import { SPAN_KINDS } from '../shared/model'

/** Options commander collects from the flags added by `addFilterOptions`. */
export interface FilterOptions {
  since?: string
  until?: string
  status?: string
  minCost?: number
  tag?: string[]
  model?: string
  search?: string
  kind?: string
  session?: string
  limit?: number
}

const STATUSES = ['ok', 'warning', 'error', 'failed'] as const

function dateArg(side: 'since' | 'until') {
  return (value: string): string => {
    try {
      parseDateBound(value, side)
      return value
    } catch (err) {
      if (err instanceof DateParseError) throw new InvalidArgumentError(err.message)
      throw err
    }
  }
}

function costArg(value: string): number {
  const n = Number(value.replace(/^\$/, ''))
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`"${value}" is not an amount of dollars (e.g. 1 or 0.25)`)
  return n
}

function limitArg(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`"${value}" is not a positive whole number`)
  return n
}

function statusArg(value: string): string {
  const s = value.toLowerCase()
  if (!(STATUSES as readonly string[]).includes(s)) {
    throw new InvalidArgumentError(`"${value}" is not a status: use ${STATUSES.join(', ')}`)
  }
  return s
}

function kindArg(value: string): string {
  const k = value.toLowerCase()
  if (!(SPAN_KINDS as readonly string[]).includes(k))
    throw new InvalidArgumentError(`"${value}" is not a span kind: use ${SPAN_KINDS.join(', ')}`)
  return k
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** Adds the filter flags to a command (returns it for chaining). */
export function addFilterOptions(command: Command): Command {
  return command
    .option(
      '--since <date>',
      'only from this date on: ISO date/time or relative (7d, 24h, 2w)',
      dateArg('since'),
    )
    .option(
      '--until <date>',
      'only up to this date (a bare date includes the whole day)',
      dateArg('until'),
    )
    .option(
      '--status <status>',
      `only this status: ${STATUSES.join(', ')} (failed = any failed span)`,
      statusArg,
    )
    .option('--min-cost <usd>', 'only at least this cost in dollars', costArg)
    .option('--tag <tag>', 'only with this tag (repeat for several: all must match)', collect)
    .option('--model <model>', 'only runs that used this model (dated snapshots included)')
    .option('--kind <kind>', `only traces with a span of this kind: ${SPAN_KINDS.join(', ')}`, kindArg)
    .option(
      '--search <text>',
      "free text over every trace: names, ids, session, user, tags, models, and its spans' names, inputs and outputs",
    )
    .option('--session <id>', 'only this session')
    .option('--limit <n>', 'at most n results', limitArg)
}

/** The TraceFilter the flags describe (unset flags are left out). */
export function filterFromOptions(opts: FilterOptions): TraceFilter {
  const filter: TraceFilter = {}
  if (opts.since) filter.since = opts.since
  if (opts.until) filter.until = opts.until
  if (opts.status) filter.status = opts.status as TraceFilter['status']
  if (opts.minCost !== undefined) filter.minCost = opts.minCost
  if (opts.tag?.length) filter.tags = opts.tag
  if (opts.model) filter.model = opts.model
  if (opts.search) filter.text = opts.search
  if (opts.kind) filter.kind = opts.kind
  if (opts.session) filter.sessionId = opts.session
  if (opts.limit !== undefined) filter.limit = opts.limit
  return filter
}
