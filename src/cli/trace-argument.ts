/**
 * A trace argument of a command (`diff`, `replay`): a trace id, a unique id prefix, or a file on
 * disk that is imported into the library first (re-importing a known file is instant).
 */
import { statSync } from 'node:fs'
import { importFiles, type ImportEntry } from './commands/import'
import type { CliContext } from './context'
import { CliError } from './errors'

function isFile(ref: string): boolean {
  try {
    return statSync(ref).isFile()
  } catch {
    return false // not a path on disk: a trace id or prefix
  }
}

/**
 * The trace id `ref` names. A file is imported; a failed import or a file without traces is a
 * CliError naming the file and `verb`; otherwise `pick` chooses among its (one or more) traces.
 */
export async function traceForArgument(
  ctx: CliContext,
  ref: string,
  verb: string,
  pick: (traces: ImportEntry['traces']) => string,
): Promise<string> {
  if (!isFile(ref)) return ctx.resolveTrace(ref)
  const [entry] = await importFiles(ctx, [ref])
  if (entry.error) throw new CliError(`cannot ${verb} ${ref}: ${entry.error}`)
  if (!entry.traces.length) throw new CliError(`${ref} holds no trace to ${verb}`)
  return pick(entry.traces)
}
