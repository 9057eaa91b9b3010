/**
 * `tracedeck replay <trace|file> [--speed x] [--show-response]`: a terminal replay in the manner
 * of seeds/003. In a terminal it redraws an execution tree (✓ ▶ ✗ ↻) and a step-detail panel
 * step by step, paced by the shared rule (duration ÷ speed, clamped to [80 ms, 550 ms] by
 * default), then prints the summary report. Piped or with --plain, it prints each step once
 * as plain text without waiting; --json prints the steps and the report as one document.
 * A file argument is imported into the library first (re-importing a known file is instant).
 */
import { InvalidArgumentError } from 'commander'
import type { Span } from '../../shared/model'
import type { TraceDetail } from '../../shared/api'
import {
  DEFAULT_PACING,
  MAX_SPEED,
  MIN_SPEED,
  clip,
  formatCost,
  formatDuration,
  formatLatencyMs,
  formatTokens,
  keyValueLines,
  normalizeBounds,
  panel,
  promptText,
  reportSources,
  responseText,
  spanKind,
  spanName,
  statusLabel,
  stepDelayMs,
  textTreeLines,
  toReplayColumns,
  traceStatusLabel,
  valueText,
  windowStart,
  cut,
  cleanText,
  type PacingBounds,
  type ReplayColumns,
  type TextTreeLine,
} from '../../shared/replay'
import type { CliCommand, CliContext } from '../context'
import type { Styler } from '../output/style'
import { traceForArgument } from '../trace-argument'
import { knownCost, knownTokens, withUnknownsAsNull } from '../../shared/usage'

const CLIP = 200

interface ReplayOptions {
  speed: number
  showResponse?: boolean
  minDelay?: number
  maxDelay?: number
  plain?: boolean
}

function numberArg(what: string, min: number) {
  return (value: string): number => {
    const n = Number(value)
    if (!Number.isFinite(n) || n < min)
      throw new InvalidArgumentError(`"${value}" is not a valid ${what}`)
    return n
  }
}

/** The trace to replay: a file is imported first; with several traces the first is replayed. */
function traceFor(ctx: CliContext, ref: string): Promise<string> {
  return traceForArgument(ctx, ref, 'replay', (traces) => {
    if (traces.length > 1) {
      ctx.note(
        `${ref} holds ${traces.length} traces; replaying the first. The others: ${traces
          .slice(1)
          .map((t) => t.id)
          .join(', ')}`,
      )
    }
    return traces[0].id
  })
}

/** Text of a payload for the step panel: as given, or the chat's prompt/response. */
export function payloadPreview(span: Span, which: 'input' | 'output'): string {
  const p = span[which]
  let text = p
    ? p.messages?.length
      ? which === 'input'
        ? promptText(p)
        : responseText(p)
      : (p.raw ?? valueText(p.value))
    : ''
  if (which === 'output' && span.error) {
    const err = `${span.error.type ? `${span.error.type}: ` : ''}${span.error.message}`
    text = text ? `${err} · ${text}` : err
  }
  return clip(cleanText(text || '–'), CLIP)
}

/** One step, as data (the --json document and the plain output use it). */
function stepRecord(c: ReplayColumns, i: number, span: Span, delayMs: number) {
  return {
    step: i + 1,
    name: spanName(c, i),
    kind: spanKind(c, i),
    status: statusLabel(c.status[i]),
    durationMs: c.duration[i] / 1000,
    delayMs,
    input: payloadPreview(span, 'input'),
    output: payloadPreview(span, 'output'),
  }
}

const stateStyle = (s: Styler, line: TextTreeLine, text: string): string => {
  if (line.state === 'current') return s('bold', s('cyan', text))
  if (line.state === 'failed' || line.state === 'retry') return s('red', text)
  if (line.state === 'completed') return s('green', text)
  return s('dim', text)
}

/** The execution tree panel lines for a window of `height` rows around `current`. */
export function treeLines(
  c: ReplayColumns,
  current: number,
  width: number,
  height: number,
  s: Styler,
  done?: 'ok' | 'warning' | 'error',
): string[] {
  const from = windowStart(c.count, current, height)
  const lines = textTreeLines(c, current, from, from + height)
  const durW = 9
  const statusW = 7
  const out: string[] = []
  if (from > 0) out.push(s('dim', `  ⋮ ${from.toLocaleString('en-US')} earlier steps`))
  for (const l of lines) {
    const nameW = Math.max(8, width - l.guides.length - 3 - durW - statusW - 2)
    const name = cut(cleanText(l.name), nameW).padEnd(nameW)
    const visited = l.state !== 'pending'
    const status = visited ? l.status : ''
    const statusText =
      status === 'OK'
        ? s('green', status)
        : status
          ? s(status === 'Retried' ? 'yellow' : 'red', status)
          : ''
    out.push(
      `${s('dim', l.guides)}${stateStyle(s, l, `${l.icon}  ${name}`)} ${s('dim', l.duration.padStart(durW - 1))}  ${statusText}`,
    )
  }
  const after = c.count - (from + lines.length)
  if (after > 0) out.push(s('dim', `  ⋮ ${after.toLocaleString('en-US')} more steps`))
  if (done) {
    out.push(
      done === 'ok'
        ? s('green', '✓  done: OK')
        : done === 'warning'
          ? s('yellow', '↻  done: Recovered')
          : s('red', '✗  done: Error'),
    )
  }
  return out
}

/** The step-detail panel lines (seeds/003): step, tool, kind, duration, status, input, output. */
export function detailLines(
  c: ReplayColumns,
  i: number,
  span: Span,
  width: number,
  s: Styler,
): string[] {
  const status = statusLabel(c.status[i])
  const statusColour = (t: string) =>
    s(status === 'OK' ? 'green' : status === 'Retried' ? 'yellow' : 'red', t)
  const rows: [string, string, ((t: string) => string)?][] = [
    ['step', `${i + 1}/${c.count}`],
    ['tool', spanName(c, i)],
    ['kind', spanKind(c, i)],
    ['duration', formatDuration(c.duration[i])],
    ['status', status, statusColour],
  ]
  if (span.model) rows.push(['model', span.model])
  if (span.inputTokens != null || span.outputTokens != null)
    rows.push([
      'tokens',
      `${formatTokens(span.inputTokens)} in · ${formatTokens(span.outputTokens)} out`,
    ])
  rows.push(['input', payloadPreview(span, 'input')])
  rows.push(['output', payloadPreview(span, 'output'), span.error ? (t) => s('red', t) : undefined])
  return keyValueLines(rows, width, 4)
}

function headerLines(d: TraceDetail, s: Styler, width = 200): string[] {
  const t = d.trace
  const status = traceStatusLabel(t.status)
  const colour = t.status === 'ok' ? 'green' : t.status === 'warning' ? 'yellow' : 'red'
  return keyValueLines(
    [
      ['trace_id', t.id],
      ['name', t.name],
      ['status', status, (x) => s(colour, x)],
      ['latency', formatLatencyMs(t.duration)],
      ['retries', String(t.retryCount)],
      ['steps', t.spanCount.toLocaleString('en-US')],
    ],
    width,
    1,
  )
}

async function reportTexts(
  ctx: CliContext,
  traceId: string,
  c: ReplayColumns,
): Promise<{ prompt: string; response: string }> {
  const { handlers } = await ctx.library()
  const sources = reportSources(c)
  const first = async (indices: number[], pick: (s: Span) => string): Promise<string> => {
    for (const i of indices) {
      const text = pick(await handlers.getSpan({ traceId, index: i })).trim()
      if (text) return text
    }
    return '–'
  }
  return {
    prompt: await first(sources.prompt, (s) => promptText(s.input)),
    response: await first(sources.response, (s) => responseText(s.output)),
  }
}

function reportLines(d: TraceDetail, prompt: string, width: number, s: Styler): string[] {
  const t = d.trace
  const status = traceStatusLabel(t.status)
  const colour = t.status === 'ok' ? 'green' : t.status === 'warning' ? 'yellow' : 'red'
  return keyValueLines(
    [
      ['Trace ID', t.id],
      ['Prompt', prompt],
      ['Model', t.models.join(', ') || '–'],
      ['Project', t.project ?? '–'],
      ['Environment', t.environment ?? '–'],
      ['Latency', formatLatencyMs(t.duration)],
      [
        'Token Count',
        knownTokens(t.inputTokens + t.outputTokens) === null
          ? '–'
          : `${formatTokens(t.inputTokens + t.outputTokens)} (${formatTokens(t.inputTokens)} in · ${formatTokens(t.outputTokens)} out)`,
      ],
      ['Cost', formatCost(knownCost(t.cost, t.costEstimated), t.costEstimated)],
      ['Retries', String(t.retryCount)],
      ['Steps', t.spanCount.toLocaleString('en-US')],
      ['Status', status, (x) => s(colour, x)],
    ],
    width,
    3,
  )
}

function completionLine(d: TraceDetail, s: Styler): string {
  const t = d.trace
  if (t.status === 'ok') return s('green', '▶ Replay complete: OK')
  if (t.status === 'warning')
    return s(
      'yellow',
      `▶ Replay complete: Recovered (${t.retryCount} failed ${t.retryCount === 1 ? 'span' : 'spans'} retried successfully)`,
    )
  const unretried = t.errorCount - t.retryCount
  return s(
    'red',
    `▶ Replay complete: Error (${unretried} failed ${unretried === 1 ? 'span' : 'spans'} not retried)`,
  )
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Lines the step-detail panel may take at most (its borders included), so the tree keeps room. */
const DETAIL_MAX = 14

/**
 * The frame of a live replay for a terminal of `rows` lines: the header panel, the tree window
 * and the step detail, together never taller than the terminal (so each frame redraws in place
 * instead of scrolling). The tree window gets what the header and the detail leave.
 */
export function liveFrame(
  headers: { full: string[]; compact: string[] },
  tree: (height: number) => string[],
  detail: string[],
  rows: number,
): string[] {
  const cutDetail = (max: number) =>
    detail.length > max ? [...detail.slice(0, max - 1), detail[detail.length - 1]] : detail
  // One spare line: the cursor sits below the frame. treeLines may add up to 3 lines (⋮ earlier,
  // ⋮ more, the outcome) to its window, and the tree panel has 4 lines of border and padding.
  const roomWith = (h: string[], d: string[]) => rows - 1 - h.length - d.length - 4 - 3
  let shownDetail = cutDetail(DETAIL_MAX)
  // A short terminal gets the one-line header, then a shorter detail, so the tree keeps rows.
  const header = roomWith(headers.full, shownDetail) >= 8 ? headers.full : headers.compact
  if (roomWith(header, shownDetail) < 3)
    shownDetail = cutDetail(Math.max(3, rows - 1 - header.length - 10))
  const treeRows = Math.max(1, roomWith(header, shownDetail))
  let lines = [...header, ...tree(treeRows), ...shownDetail]
  // A terminal too small even for that: the tree first, the rest cut.
  if (lines.length > rows - 1)
    lines = [...header, ...tree(treeRows)].slice(0, Math.max(1, rows - 1))
  return lines
}

/** Interactive replay: redraws header, tree and step panel in place, paced; follows resizes. */
async function replayLive(
  ctx: CliContext,
  d: TraceDetail,
  c: ReplayColumns,
  speed: number,
  bounds: PacingBounds,
): Promise<void> {
  const { handlers } = await ctx.library()
  const s = ctx.style
  const out = process.stdout
  const size = () => ({
    width: Math.max(60, Math.min(out.columns || 100, 120)),
    rows: Math.max(12, out.rows || 40),
  })
  let { width, rows } = size()
  let drawn = 0
  const restore = () => out.write('\u001b[?25h')
  const onInt = () => {
    restore()
    out.write('\n')
    process.exit(130)
  }
  let redraw: (() => void) | null = null
  // A resize reflows what is on screen, so counting lines back is unreliable: clear and redraw.
  const onResize = () => {
    ;({ width, rows } = size())
    out.write('\u001b[H\u001b[2J')
    drawn = 0
    redraw?.()
  }
  process.once('SIGINT', onInt)
  out.on('resize', onResize)
  out.write('\u001b[?25l')
  try {
    let current = 0
    let span: Span | null = null
    // Set once the last step has played: the outcome shows as the tree's final node.
    const outcome: { done?: TraceDetail['trace']['status'] } = {}
    const frame = (): void => {
      const inner = width - 4
      const state = outcome.done ? '▶ replay complete' : '▶ replaying'
      const t = d.trace
      const facts = `${t.id.slice(0, 12)} · ${traceStatusLabel(t.status)} · ${formatLatencyMs(t.duration)} · ${t.retryCount} retries · ${t.spanCount.toLocaleString('en-US')} steps`
      const header = {
        full: panel(headerLines(d, s, inner), width, 'Replay', state),
        compact: [`${s('bold', state)}  ${cut(facts, width - state.length - 2)}`],
      }
      const detail = span
        ? panel(
            detailLines(c, Math.min(current, c.count - 1), span, inner, s),
            width,
            'Step Detail',
          )
        : []
      const title = `step ${Math.min(current + 1, c.count)}/${c.count}`
      const lines = liveFrame(
        header,
        (h) =>
          panel(treeLines(c, current, inner, h, s, outcome.done), width, 'Execution Tree', title),
        detail,
        rows,
      )
      // Move back to the top of the previous frame and overwrite it line by line, then clear
      // what is left below. (Clearing the whole screen from its top would make terminals such
      // as tmux push every frame into the scrollback.)
      if (drawn) out.write(`\u001b[${drawn}F`)
      out.write(`${lines.map((l) => `\u001b[2K${l}`).join('\n')}\n\u001b[J`)
      drawn = lines.length
    }
    redraw = frame
    for (let i = 0; i < c.count; i++) {
      span = await handlers.getSpan({ traceId: d.trace.id, index: i })
      current = i
      frame()
      await sleep(stepDelayMs(c.duration[i], speed, bounds))
    }
    // Every step replayed: all marked, and the run's outcome as the final node.
    current = c.count
    outcome.done = d.trace.status
    frame()
  } finally {
    process.off('SIGINT', onInt)
    out.off('resize', onResize)
    restore()
  }
}

/** Plain replay: each step printed once, no waiting (pipes, CI, logs). */
async function replayPlain(
  ctx: CliContext,
  d: TraceDetail,
  c: ReplayColumns,
  speed: number,
  bounds: PacingBounds,
): Promise<void> {
  const { handlers } = await ctx.library()
  for (const line of headerLines(d, ctx.style)) ctx.print(line)
  ctx.print()
  for (let i = 0; i < c.count; i++) {
    const span = await handlers.getSpan({ traceId: d.trace.id, index: i })
    const r = stepRecord(c, i, span, stepDelayMs(c.duration[i], speed, bounds))
    const mark = c.status[i] === 1 ? '✗' : c.status[i] === 2 ? '↻' : '✓'
    const indent = '  '.repeat(Math.min(c.depth[i], 20))
    ctx.print(
      `[${r.step}/${c.count}] ${indent}${mark} ${cleanText(r.name)} (${r.kind}) ${formatDuration(c.duration[i])} ${r.status}`,
    )
    ctx.print(`        input   ${r.input}`)
    ctx.print(`        output  ${r.output}`)
  }
  ctx.print()
}

export const replayCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('replay')
      .description(
        'replay a trace step by step in the terminal (a trace id, id prefix, or a file to import first)',
      )
      .argument('<trace>', 'trace id, unique id prefix, source trace id, or a trace file')
      .option(
        '--speed <x>',
        `speed multiplier, ${MIN_SPEED} to ${MAX_SPEED}`,
        numberArg('speed', Number.MIN_VALUE),
        1,
      )
      .option('--show-response', 'print the full final response after the replay')
      .option(
        '--min-delay <ms>',
        `shortest pause between steps (default ${DEFAULT_PACING.minMs})`,
        numberArg('delay', 0),
      )
      .option(
        '--max-delay <ms>',
        `longest pause between steps (default ${DEFAULT_PACING.maxMs})`,
        numberArg('delay', 0),
      )
      .option('--plain', 'print each step once as plain text, even in a terminal')
      .action(async (ref: string, options: ReplayOptions) => {
        let speed = options.speed
        if (speed < MIN_SPEED || speed > MAX_SPEED) {
          speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed))
          ctx.note(`speed ${options.speed} is outside ${MIN_SPEED}–${MAX_SPEED}; using ${speed}`)
        }
        const bounds = normalizeBounds({
          minMs: options.minDelay ?? DEFAULT_PACING.minMs,
          maxMs: options.maxDelay ?? DEFAULT_PACING.maxMs,
        })
        const traceId = await traceFor(ctx, ref)
        const { handlers } = await ctx.library()
        const [detail, table] = await Promise.all([
          handlers.getTrace({ id: traceId }),
          handlers.getSpanTable({ id: traceId }),
        ])
        const c = toReplayColumns(table)
        const { prompt, response } = await reportTexts(ctx, traceId, c)

        if (ctx.global().json) {
          const steps = []
          for (let i = 0; i < c.count; i++)
            steps.push(
              stepRecord(
                c,
                i,
                await handlers.getSpan({ traceId, index: i }),
                stepDelayMs(c.duration[i], speed, bounds),
              ),
            )
          const t = detail.trace
          ctx.printJson({
            trace: {
              id: t.id,
              name: t.name,
              status: traceStatusLabel(t.status),
              latencyMs: t.duration / 1000,
              retries: t.retryCount,
              steps: t.spanCount,
            },
            speed,
            steps,
            report: {
              prompt,
              model: t.models,
              project: t.project ?? null,
              environment: t.environment ?? null,
              ...(() => {
                const u = withUnknownsAsNull(t)
                return { inputTokens: u.inputTokens, outputTokens: u.outputTokens, cost: u.cost }
              })(),
              response: options.showResponse ? response : clip(response, CLIP),
            },
          })
          return
        }

        const live = Boolean(process.stdout.isTTY) && !options.plain
        const width = live ? Math.max(60, Math.min(process.stdout.columns || 100, 120)) : 100
        if (live) await replayLive(ctx, detail, c, speed, bounds)
        else await replayPlain(ctx, detail, c, speed, bounds)
        ctx.print(completionLine(detail, ctx.style))
        ctx.print()
        const status = traceStatusLabel(detail.trace.status)
        for (const line of panel(
          reportLines(detail, prompt, width - 4, ctx.style),
          width,
          'tracedeck trace',
          status,
        ))
          ctx.print(line)
        if (options.showResponse) {
          ctx.print()
          ctx.print(ctx.style('bold', 'Final response'))
          // The full text, control characters neutralised, line breaks kept.
          // eslint-disable-next-line no-control-regex -- removing control characters is the point here
          ctx.print(response.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�'))
        }
      })
  },
}
