/**
 * The `--html` options of `tracedeck export` and `tracedeck diff`: they write a shared replay
 * page (src/main/core/share) instead of JSON or a report. One place declares and reads them.
 */
import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { ApiRequest, ShareExport } from '../shared/api'
import { SHARE_REDACTIONS, type ShareRedaction } from '../shared/share-format'
import { writeFileAtomic } from './commands/export'
import type { CliContext } from './context'
import { CliError } from './errors'
import { plural } from './output/format'

export interface HtmlOptions {
  html?: boolean
  output?: string
  redact?: string
  note?: string
  payloadLimit?: string
  around?: string
  context?: string
  openAt?: string
}

/** Declares the options; `single` adds the step-range ones (a comparison is shared whole). */
export function htmlOptions(command: Command, single: boolean): Command {
  command
    .option(
      '--html',
      'write a self-contained replay page (one HTML file, opens offline in any browser)',
    )
    .option(
      '--redact <what>',
      `with --html: drop payloads: ${SHARE_REDACTIONS.filter((r) => r !== 'none').join(' or ')}`,
    )
    .option('--note <text>', 'with --html: a note shown at the top of the page')
    .option('--payload-limit <KB>', 'with --html: cut payloads larger than this (default 256)')
  if (single) {
    command
      .option('--around <step>', 'with --html: only the steps around this one (1-based)')
      .option('--context <n>', 'with --around: steps kept before and after it (default 10)')
      .option('--open-at <step>', 'with --html: the step the replay opens at (default --around)')
  }
  return command
}

function positive(flag: string, text: string | undefined, min = 1): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < min)
    throw new CliError(`${flag} ${text}: expected a whole number ≥ ${min}`)
  return n
}

/** The share request the options ask for (steps turned 0-based). */
export function shareRequest(
  ids: { a: string; b?: string },
  options: HtmlOptions,
  stepCount: number,
): ApiRequest<'exportShareHtml'> {
  const redaction = options.redact ?? 'none'
  if (!SHARE_REDACTIONS.includes(redaction as ShareRedaction)) {
    throw new CliError(`--redact ${redaction}: expected ${SHARE_REDACTIONS.join(', ')}`)
  }
  const around = positive('--around', options.around)
  const context = positive('--context', options.context, 0) ?? 10
  const openAt = positive('--open-at', options.openAt) ?? around
  for (const [flag, step] of [
    ['--around', around],
    ['--open-at', openAt],
  ] as const) {
    if (step !== undefined && step > stepCount) {
      throw new CliError(`${flag} ${step}: the trace has ${plural(stepCount, 'step')}`)
    }
  }
  const limitKb = positive('--payload-limit', options.payloadLimit)
  return {
    ...ids,
    redaction: redaction as ShareRedaction,
    ...(options.note ? { note: options.note } : {}),
    ...(limitKb ? { payloadLimit: limitKb * 1024 } : {}),
    ...(around !== undefined
      ? {
          range: {
            from: Math.max(0, around - 1 - context),
            to: Math.min(stepCount - 1, around - 1 + context),
          },
        }
      : {}),
    ...(openAt !== undefined ? { openAt: openAt - 1 } : {}),
  }
}

/** Builds the page and writes it (`-o`, or stdout); says what was cut on stderr. */
export async function writeSharePage(
  ctx: CliContext,
  request: ApiRequest<'exportShareHtml'>,
  output: string | undefined,
): Promise<ShareExport> {
  const { handlers } = await ctx.library()
  const page = await handlers.exportShareHtml(request)
  if (!output || output === '-') process.stdout.write(page.html)
  else writeFileAtomic(resolve(output), page.html)
  const where = !output || output === '-' ? 'stdout' : output
  ctx.note(`Wrote a replay page of ${plural(page.spans, 'span')} (${size(page.bytes)}) to ${where}`)
  if (page.cut.length) {
    ctx.note(
      `${plural(page.cut.length, 'payload')} over ${size(request.payloadLimit ?? 256 * 1024)} cut (the page lists them):`,
    )
    for (const c of page.cut.slice(0, 10)) {
      ctx.note(
        `  step ${(c.originalStep ?? c.step) + 1} "${c.spanName}" ${c.side} (${size(c.chars)})`,
      )
    }
    if (page.cut.length > 10) ctx.note(`  … and ${page.cut.length - 10} more`)
  }
  return page
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
