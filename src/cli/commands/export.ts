/**
 * `tracedeck export <trace…> [-o file]`: writes traces as a tracedeck export v1 document
 * (docs/export-format.md). Importing the file gives the same traces back.
 */
import { randomBytes } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { exportFromLibrary } from '../../main/core/export/export-traces'
import type { CliCommand, CliContext } from '../context'
import { CliError } from '../errors'
import { plural } from '../output/format'
import { htmlOptions, shareRequest, writeSharePage, type HtmlOptions } from '../share-options'

/** Writes a file whole or not at all (a temp file beside it, then a rename). */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tracedeck-tmp`)
  try {
    writeFileSync(temp, text)
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw new CliError(`Cannot write ${path}: ${(error as Error).message}`)
  }
}

export const exportCommand: CliCommand = {
  register(program, ctx) {
    htmlOptions(program
      .command('export')
      .description('write traces as a tracedeck export (JSON, format v1) to stdout or a file')
      .argument('<traces...>', 'trace ids or unique prefixes')
      .option('-o, --output <file>', 'write to this file instead of stdout'), true)
      .action(async (refs: string[], options: { output?: string } & HtmlOptions) => {
        const ids: string[] = []
        for (const ref of refs) ids.push(await ctx.resolveTrace(ref))
        if (options.html) return exportHtml(ctx, [...new Set(ids)], options)
        const { db } = await ctx.library()
        const document = exportFromLibrary(db, [...new Set(ids)])
        const text = `${JSON.stringify(document, null, 2)}\n`
        if (!options.output || options.output === '-') {
          process.stdout.write(text)
          return
        }
        const path = resolve(options.output)
        writeFileAtomic(path, text)
        const spans = document.traces.reduce((sum, trace) => sum + trace.spans.length, 0)
        ctx.note(`Wrote ${plural(document.traces.length, 'trace')} (${plural(spans, 'span')}) to ${options.output}`)
      })
  },
}

/** `export --html`: one trace as a shared replay page. */
async function exportHtml(ctx: CliContext, ids: string[], options: { output?: string } & HtmlOptions) {
  if (ids.length !== 1) {
    throw new CliError('--html shares one trace; to share two side by side, use `tracedeck diff <a> <b> --html`')
  }
  const { handlers } = await ctx.library()
  const { trace } = await handlers.getTrace({ id: ids[0] })
  await writeSharePage(ctx, shareRequest({ a: ids[0] }, options, trace.spanCount), options.output)
}
