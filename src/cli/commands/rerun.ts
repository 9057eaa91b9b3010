/**
 * `tracedeck rerun <trace>`: re-runs every LLM call of a trace against a model endpoint with
 * overrides (model, model mapping, parameters, prompt version, system prompt), shows progress on
 * a terminal, then the new trace's id and how it differs from the original. `--dry-run` prints
 * the preview only (nothing is sent). `tracedeck reruns <trace>` lists a trace's re-run history.
 *
 * The endpoint: a saved provider (`--provider <id or name>`, or the only one saved), or an ad-hoc
 * one: `--provider openai|anthropic [--base-url URL]`, its key from OPENAI_API_KEY /
 * ANTHROPIC_API_KEY (a local server such as Ollama needs none).
 */
import type { Command } from 'commander'
import { summarise } from '../../shared/compare/compare'
import {
  PROVIDER_KINDS,
  type ProviderKind,
  type RerunOverrides,
  type RerunPreview,
  type RerunRun,
} from '../../shared/rerun'
import type { Json } from '../../shared/model'
import { parseModelMap, parseParam } from '../../main/core/rerun/overrides'
import type { ResolvedProvider } from '../../main/core/rerun/provider-store'
import type { CliCommand, CliContext, OpenLibrary } from '../context'
import { CliError } from '../errors'
import { formatCost, formatCount, formatDuration, plural } from '../output/format'
import { statusStyle } from '../output/style'
import { renderTable, truncate } from '../output/table'

interface RerunOptions {
  model?: string
  map: string[]
  param: string[]
  prompt?: string
  system?: string
  provider?: string
  baseUrl?: string
  carryForward?: boolean
  dryRun?: boolean
  timeout?: string
}

const collect = (v: string, list: string[]) => [...list, v]

/** Trace content is untrusted: control characters never reach the terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point here
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�')
}

function providerFor(lib: OpenLibrary, o: RerunOptions): ResolvedProvider {
  const store = lib.reruns.providers
  const saved = store.list()
  if (o.provider && !o.baseUrl) {
    const match = saved.filter((p) => p.id === o.provider || p.name === o.provider)
    if (match.length === 1) return store.resolve(match[0].id)
    if (match.length > 1)
      throw new CliError(
        `--provider ${o.provider}: ${match.length} saved providers have that name; give its id (${match.map((p) => p.id).join(', ')})`,
      )
  }
  if (o.provider || o.baseUrl) {
    const kind = (o.provider ?? 'openai') as ProviderKind
    if (!PROVIDER_KINDS.includes(kind)) {
      const names = saved.map((p) => `"${p.name}"`).join(', ')
      throw new CliError(
        `--provider ${o.provider}: not a saved provider${names ? ` (saved: ${names})` : ''} nor a kind (openai, anthropic)`,
      )
    }
    return store.adHoc(kind, o.baseUrl, o.model)
  }
  if (saved.length === 1) return store.resolve(saved[0].id)
  throw new CliError(
    saved.length
      ? `Several providers are saved (${saved.map((p) => `"${p.name}"`).join(', ')}); choose one with --provider`
      : 'No provider: give one, e.g. --provider openai --base-url http://127.0.0.1:11434/v1 (Ollama; OPENAI_API_KEY for OpenAI itself) or --provider anthropic',
  )
}

function overridesOf(o: RerunOptions): RerunOverrides {
  const out: RerunOverrides = {}
  try {
    if (o.model) out.model = o.model
    if (o.map.length) out.modelMap = parseModelMap(o.map)
    if (o.param.length)
      out.params = Object.fromEntries(o.param.map(parseParam)) as Record<string, Json>
  } catch (err) {
    throw new CliError((err as Error).message)
  }
  if (o.prompt) out.prompt = o.prompt
  if (o.system !== undefined) out.system = o.system
  if (o.carryForward) out.carryForward = true
  return out
}

function printPreview(ctx: CliContext, p: RerunPreview): void {
  const url = p.provider.baseUrl ?? p.provider.kind
  const where = p.provider.name.includes(url) ? p.provider.name : `${p.provider.name} (${url})`
  ctx.print(
    `${ctx.style('bold', 'Re-run preview')} · ${clean(where)}${p.carryForward ? ' · carrying new answers forward' : ''}`,
  )
  ctx.print(
    renderTable(
      p.calls,
      [
        { header: 'STEP', value: (c) => String(c.span + 1), align: 'right' },
        { header: 'SPAN', value: (c) => clean(c.name), maxWidth: 28, minWidth: 16, keep: 9 },
        {
          header: 'MODEL',
          value: (c) => `${clean(c.originalModel ?? '—')} → ${clean(c.model)}`,
          maxWidth: 44,
          minWidth: 20,
          keep: 8,
        },
        { header: 'MSGS', value: (c) => String(c.messages.length), align: 'right' },
        { header: 'TOOLS', value: (c) => String(c.tools.length), align: 'right' },
        { header: '~IN TOK', value: (c) => formatCount(c.estInputTokens), align: 'right' },
        {
          header: 'PARAMS',
          value: (c) =>
            clean(
              Object.entries(c.params)
                .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
                .join(' '),
            ) || '—',
          maxWidth: 40,
        },
      ],
      (t) => ctx.style('dim', t),
    ).join('\n'),
  )
  for (const k of p.kept)
    ctx.print(
      ctx.style(
        'yellow',
        `  keeps step ${k.span + 1} "${truncate(clean(k.name), 40)}" as recorded: ${k.reason}`,
      ),
    )
  ctx.print(
    `${plural(p.calls.length, 'LLM call')} to re-run, ${plural(p.otherSpans, 'other span')} kept as recorded · ~${formatCount(p.estInputTokens)} input tokens · ` +
      (p.estCost === null
        ? 'cost unknown (a model is not in the price table)'
        : `~${formatCost(p.estCost) || '$0'} for the inputs`),
  )
}

function progress(ctx: CliContext, run: RerunRun): void {
  if (!process.stderr.isTTY) return
  const width = 24
  const filled = run.total ? Math.round((run.done / run.total) * width) : 0
  process.stderr.write(
    `\r\u001b[K${run.status} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} call ${run.done} of ${run.total}${run.failedCalls ? ctx.errStyle('red', ` · ${run.failedCalls} failed`) : ''}`,
  )
}

async function runAndWait(ctx: CliContext, lib: OpenLibrary, run: RerunRun): Promise<RerunRun> {
  const runner = lib.reruns.runner
  const timer = setInterval(() => {
    const live = runner.live(run.id)
    if (live) progress(ctx, live)
  }, 100)
  const onInterrupt = () => runner.cancel(run.id)
  process.once('SIGINT', onInterrupt)
  try {
    return (await runner.wait(run.id)) ?? (await lib.handlers.getRerun({ id: run.id }))
  } finally {
    clearInterval(timer)
    process.off('SIGINT', onInterrupt)
    if (process.stderr.isTTY) process.stderr.write('\r\u001b[K')
  }
}

export const rerunCommand: CliCommand = {
  register(program: Command, ctx: CliContext) {
    program
      .command('rerun <trace>')
      .description(
        're-run every LLM call of a trace with another model, prompt or parameters; writes a new trace linked to it',
      )
      .option('--model <model>', 'model for every LLM call (after --map)')
      .option('--map <from=to>', 'model mapping, repeatable (e.g. gpt-4o=gpt-4o-mini)', collect, [])
      .option(
        '--param <name=value>',
        'set a parameter (JSON or text), repeatable; "name=" removes it',
        collect,
        [],
      )
      .option(
        '--prompt <name@version>',
        'a saved prompt version as the system prompt (template variables filled from the span)',
      )
      .option('--system <text>', 'replace the system prompt of every call')
      .option('--provider <provider>', 'a saved provider (id or name), or openai / anthropic')
      .option('--base-url <url>', 'the endpoint (e.g. http://127.0.0.1:11434/v1 for Ollama)')
      .option('--carry-forward', 'put new answers into later calls that quoted the recorded ones')
      .option('--dry-run', 'show what would be sent; send nothing')
      .option('--timeout <seconds>', 'per call (default 120)')
      .action(async (ref: string, o: RerunOptions) => {
        const { json } = ctx.global()
        const lib = await ctx.library()
        const traceId = await ctx.resolveTrace(ref)
        const provider = providerFor(lib, o)
        const overrides = overridesOf(o)
        const { preview } = lib.reruns.plan({ traceId, overrides }, provider)
        if (o.dryRun) {
          if (json) ctx.printJson(preview)
          else printPreview(ctx, preview)
          return
        }
        if (o.timeout !== undefined && !(Number(o.timeout) > 0))
          throw new CliError(`--timeout ${o.timeout}: expected seconds (a positive number)`)
        if (o.timeout) lib.reruns.runner.setClientOptions({ timeoutMs: Number(o.timeout) * 1000 })
        if (!json)
          ctx.note(
            `Re-running ${plural(preview.calls.length, 'LLM call')} of ${traceId.slice(0, 12)} against ${provider.name}…`,
          )
        const done = await runAndWait(
          ctx,
          lib,
          lib.reruns.startWith({ traceId, overrides }, provider),
        )
        const comparison = done.replayTraceId
          ? summarise(await lib.handlers.compareTraces({ a: traceId, b: done.replayTraceId }))
          : null
        if (json) {
          ctx.printJson({ run: done, comparison })
        } else {
          const st = statusStyle(done.status)
          ctx.print(
            `${st ? ctx.style(st, done.status) : done.status}: ${done.done} of ${plural(done.total, 'call')}${done.failedCalls ? `, ${done.failedCalls} failed` : ''} · ${formatTokensPair(done)} · ${formatCost(done.cost) || 'cost unknown'} · ${formatDuration(done.durationMs * 1000)}`,
          )
          if (done.error) ctx.print(ctx.style('red', clean(done.error)))
          if (done.replayTraceId) ctx.print(`new trace ${ctx.style('bold', done.replayTraceId)}`)
          if (comparison) {
            const f = comparison.firstDivergence
            ctx.print(
              `against the original: ${comparison.pairs} pairs` +
                (f
                  ? `, first divergence at step ${f.stepA ?? '—'} "${clean(f.nameA ?? f.nameB ?? '')}" (${f.reason})`
                  : ', no divergence') +
                ` · tokens ${signed(comparison.delta.inputTokens + comparison.delta.outputTokens)} · cost ${signedCost(comparison.delta.cost)}`,
            )
            ctx.print(
              ctx.style(
                'dim',
                `(tracedeck diff ${traceId.slice(0, 12)} ${done.replayTraceId?.slice(0, 12) ?? ''} for the details)`,
              ),
            )
          }
        }
        if (done.status !== 'completed') throw new CliError('', 1)
      })

    program
      .command('reruns <trace>')
      .description("list a trace's re-runs: overrides, status, totals, new trace")
      .action(async (ref: string) => {
        const { json } = ctx.global()
        const lib = await ctx.library()
        const traceId = await ctx.resolveTrace(ref)
        const runs = await lib.handlers.listReruns({ traceId })
        if (json) return ctx.printJson(runs)
        if (!runs.length)
          return ctx.print(
            `No re-runs of ${traceId} yet ("tracedeck rerun ${traceId.slice(0, 12)} --model …" makes one)`,
          )
        ctx.print(
          renderTable(
            runs,
            [
              { header: 'RUN', value: (r) => r.id.slice(0, 8), cut: false, keep: 10 },
              {
                header: 'STATUS',
                value: (r) => {
                  const s = statusStyle(r.status)
                  return s ? ctx.style(s, r.status) : r.status
                },
                cut: false,
                keep: 9,
              },
              {
                header: 'STARTED',
                value: (r) => new Date(r.createdAt).toISOString().replace('T', ' ').slice(0, 16),
                short: (r) => new Date(r.createdAt).toISOString().replace('T', ' ').slice(5, 16),
                cut: false,
                keep: 6,
              },
              {
                header: 'OVERRIDES',
                value: (r) => clean(describeOverrides(r.overrides)) || '—',
                maxWidth: 44,
                minWidth: 20,
                keep: 8,
              },
              {
                header: 'CALLS',
                value: (r) => `${r.done}/${r.total}${r.failedCalls ? ` (${r.failedCalls}✗)` : ''}`,
                align: 'right',
                keep: 7,
              },
              {
                header: 'TOKENS',
                value: (r) => formatCount(r.inputTokens + r.outputTokens) || '0',
                align: 'right',
                keep: 4,
              },
              { header: 'COST', value: (r) => formatCost(r.cost) || '—', align: 'right', keep: 5 },
              {
                header: 'NEW TRACE',
                value: (r) =>
                  r.replayTraceId?.slice(0, 12) ?? (r.error ? truncate(clean(r.error), 30) : '—'),
                minWidth: 12,
                keep: 7,
              },
            ],
            (t) => ctx.style('dim', t),
          ).join('\n'),
        )
      })
  },
}

function formatTokensPair(r: RerunRun): string {
  return `${formatCount(r.inputTokens) || '0'} in / ${formatCount(r.outputTokens) || '0'} out tokens`
}

function signed(n: number): string {
  return n === 0 ? '±0' : `${n > 0 ? '+' : '−'}${formatCount(Math.abs(n))}`
}

function signedCost(n: number): string {
  return n === 0 ? '±$0' : `${n > 0 ? '+' : '−'}${formatCost(Math.abs(n))}`
}

/** The overrides in the CLI's own words. */
export function describeOverrides(o: RerunOverrides): string {
  const parts: string[] = []
  if (o.model) parts.push(`model=${o.model}`)
  for (const [a, b] of Object.entries(o.modelMap ?? {})) parts.push(`${a}→${b}`)
  for (const [k, v] of Object.entries(o.params ?? {}))
    parts.push(v === null ? `-${k}` : `${k}=${JSON.stringify(v)}`)
  if (o.prompt) parts.push(`prompt=${o.prompt}`)
  if (o.system !== undefined) parts.push('system edited')
  if (o.messages?.length) parts.push(`${o.messages.length} message edit(s)`)
  if (o.carryForward) parts.push('carry forward')
  return parts.join(' ')
}
