/**
 * `tracedeck import <files…>`: imports trace files into the library, one transaction per file
 * (a file that fails leaves the library as it was). Exit status 1 when any file failed.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ImportReport } from '../../shared/model'
import type { CliCommand, CliContext } from '../context'
import { CliError, describeError } from '../errors'
import { EventHub } from '../../main/host/event-hub'
import { plural } from '../output/format'
import { countsText, importHeadline, importOutcome, repairLine, reportCounts } from '../../shared/import-report'
import { progressLine } from '../output/progress'

/** One `import --json` entry per file. */
export interface ImportEntry {
  file: string
  format: string | null
  traces: { id: string; name: string; spanCount: number }[]
  report: {
    detectedBy?: string
    cached: boolean
    repairs: ImportReport['repairs']
    warnings: string[]
    counts?: ImportReport['counts']
  }
  error: string | null
}

/** Why a path cannot be imported before even reading it, or null. */
function precheck(file: string): string | null {
  try {
    const info = statSync(file)
    if (info.isDirectory()) return `Cannot import ${file}: it is a folder, not a trace file`
    if (!info.isFile()) return `Cannot import ${file}: it is not a regular file`
    return null
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return `Cannot import ${file}: no such file`
    if (code === 'EACCES') return `Cannot import ${file}: permission denied`
    return `Cannot import ${file}: ${describeError(error)}`
  }
}

function entryFor(file: string, report: ImportReport | null, error: string | null): ImportEntry {
  return {
    file,
    format: report?.format ?? null,
    traces: report?.traces ?? [],
    report: {
      ...(report?.detectedBy ? { detectedBy: report.detectedBy } : {}),
      cached: report?.cached === true,
      repairs: report?.repairs ?? [],
      warnings: report?.warnings ?? [],
      ...(report?.counts ? { counts: report.counts } : {}),
    },
    error,
  }
}

/** The message for a failed file always names the file. */
function withFileName(file: string, message: string): string {
  return message.includes(file) || message.includes(file.split(/[\\/]/).pop() ?? file) ? message : `Cannot import ${file}: ${message}`
}

/** Imports files one by one (each its own job and transaction) and returns an entry per file. */
export async function importFiles(ctx: CliContext, files: string[], { progress = true } = {}): Promise<ImportEntry[]> {
  const events = new EventHub()
  const { handlers } = await ctx.library({ events, create: true })
  const showProgress = progress && !ctx.global().json && Boolean(process.stderr.isTTY)
  const entries: ImportEntry[] = []
  for (const [index, file] of files.entries()) {
    const problem = precheck(file)
    if (problem) {
      entries.push(entryFor(file, null, problem))
      continue
    }
    const jobId = `cli-${process.pid}-${index}`
    const stop = showProgress
      ? events.subscribe((event, payload) => {
          if (event !== 'importProgress') return
          const p = payload as { jobId: string; bytesDone: number; bytesTotal: number; phase: string }
          if (p.jobId === jobId) process.stderr.write(progressLine(file, p.bytesDone, p.bytesTotal, p.phase))
        })
      : () => {}
    try {
      const [report] = await handlers.importFiles({ paths: [resolve(file)], jobId })
      const error = report?.error ? withFileName(file, report.error) : report ? null : `Cannot import ${file}: nothing was imported`
      entries.push(entryFor(file, report ?? null, error))
    } catch (error) {
      entries.push(entryFor(file, null, withFileName(file, describeError(error))))
    } finally {
      stop()
      if (showProgress) process.stderr.write('\r\u001b[K')
    }
  }
  return entries
}

/** The entries as reports, for the shared headline ("9 new traces · 1 already in the library · …"). */
export function entryReports(entries: ImportEntry[]): ImportReport[] {
  return entries.map((e) => ({
    file: e.file,
    format: e.format,
    traces: e.traces,
    repairs: e.report.repairs,
    warnings: e.report.warnings,
    ...(e.report.counts ? { counts: e.report.counts } : {}),
    cached: e.report.cached,
    ...(e.error ? { error: e.error } : {}),
  }))
}

/** Prints the human summary of import entries. */
export function printImportEntries(ctx: CliContext, entries: ImportEntry[]): void {
  const { style } = ctx
  for (const entry of entries) {
    if (entry.error) {
      // Failures go to stderr with the rest of the diagnostics; a lone failure is the exit message.
      if (entries.length > 1) ctx.note(`${ctx.errStyle('red', '✗')} ${entry.error}`)
      continue
    }
    const spans = entry.traces.reduce((sum, t) => sum + t.spanCount, 0)
    const notes = [
      entry.report.cached ? 'already in the library' : '',
      entry.report.cached ? '' : countsText(reportCounts(entry.report)),
    ].filter(Boolean)
    ctx.print(
      `${style('green', '✓')} ${entry.file}  ${style('dim', entry.format ?? '')}  ${plural(entry.traces.length, 'trace')}, ${plural(spans, 'span')}` +
        (notes.length ? `  (${notes.join(', ')})` : ''),
    )
    for (const trace of entry.traces) {
      ctx.print(`    ${style('cyan', trace.id.slice(0, 12))}  ${trace.name}  ${style('dim', plural(trace.spanCount, 'span'))}`)
    }
    for (const repair of entry.report.repairs.slice(0, 5)) ctx.print(style('dim', `    ${repairLine(repair)}`))
    if (entry.report.repairs.length > 5) ctx.print(style('dim', `    … and ${entry.report.repairs.length - 5} more repairs`))
    for (const warning of entry.report.warnings.slice(0, 5)) ctx.print(style('yellow', `    warning: ${warning}`))
    if (entry.report.warnings.length > 5) ctx.print(style('dim', `    … and ${entry.report.warnings.length - 5} more warnings`))
  }
}

export const importCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('import')
      .description('import trace files into the library (format detected from the content)')
      .argument('<files...>', 'trace files: OTLP JSON, tracedeck exports and the other supported formats')
      .action(async (files: string[]) => {
        const entries = await importFiles(ctx, files)
        if (ctx.global().json) ctx.printJson(entries)
        else {
          printImportEntries(ctx, entries)
          if (entries.length > 1) ctx.note(importHeadline(importOutcome(entryReports(entries))))
        }
        const failed = entries.filter((entry) => entry.error)
        if (failed.length) {
          throw new CliError(
            entries.length === 1
              ? (failed[0].error ?? 'import failed')
              : `${plural(failed.length, 'file')} of ${entries.length} could not be imported`,
          )
        }
      })
  },
}
