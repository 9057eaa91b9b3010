/**
 * The `tracedeck` command line: the same core as the desktop app, in-process.
 *
 * Adding a command: write src/cli/commands/<name>.ts exporting a `CliCommand`, import it below
 * and add it to COMMANDS. Global options (--json, --db), library opening, trace id resolution
 * and error reporting come from the context (./context.ts); commands throw `CliError` for
 * anything the user should read, and the runner turns it into one line and exit status 1.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Command, CommanderError } from 'commander'
import { defaultLibraryPath } from '../main/core/paths'
import { createContext, type CliCommand } from './context'
import { describeError, EXIT, isUserError } from './errors'
import { appVersion } from './version'
import { corpusCommand } from './commands/corpus'
import { diffCommand } from './commands/diff'
import { exportCommand } from './commands/export'
import { importCommand } from './commands/import'
import { listCommand } from './commands/list'
import { pricesCommand } from './commands/prices'
import { receiveCommand } from './commands/receive'
import { replayCommand } from './commands/replay'
import { rerunCommand } from './commands/rerun'
import { scoreCommand } from './commands/score'
import { serveCommand } from './commands/serve'
import { sessionsCommand } from './commands/sessions'
import { showCommand } from './commands/show'

/** Every command, in the order `tracedeck --help` lists them. */
const COMMANDS: CliCommand[] = [importCommand, listCommand, sessionsCommand, showCommand, replayCommand, rerunCommand, scoreCommand, diffCommand, exportCommand, pricesCommand, serveCommand, receiveCommand, corpusCommand]

function buildProgram(): Command {
  return new Command('tracedeck')
    .description('Inspect LLM and AI-agent traces: import, list, show, export, serve the UI.')
    .version(appVersion(), '-V, --version')
    .option('--json', 'machine-readable JSON output')
    .option('--move-wal-aside', "move a write-ahead log (<library>-wal) that does not belong to the library aside before opening it")
    .option('--db <path>', `library file (default: the desktop app's, ${defaultLibraryPath()})`)
    .option('--prices <path>', 'your price table, overriding the bundled one per model (default: $TRACEDECK_PRICES, else prices.json beside the library file)')
    .showHelpAfterError('(run "tracedeck --help" for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'tracedeck: ')) })
}

/** Runs the CLI with `argv` (process.argv shape); resolves to the exit status. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram()
  const ctx = createContext(program)
  for (const command of COMMANDS) command.register(program, ctx)
  for (const command of program.commands) command.exitOverride()
  try {
    await program.parseAsync(argv)
    return EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (usage errors) or the help/version text.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    const message = describeError(error)
    if (isUserError(error)) {
      if (message) process.stderr.write(`tracedeck: ${message}\n`)
      return (error as { exitCode?: number }).exitCode ?? EXIT.failure
    }
    process.stderr.write(`tracedeck: internal error: ${message}\n`)
    if (process.env.TRACEDECK_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`)
    else process.stderr.write('(this is a bug in tracedeck; run with TRACEDECK_DEBUG=1 to see where it happened)\n')
    return EXIT.internal
  } finally {
    await ctx.close().catch((error: unknown) => process.stderr.write(`tracedeck: closing the library failed: ${describeError(error)}\n`))
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false // argv[1] is not a file (e.g. `node -e`): not run as the CLI
  }
}

if (isEntryPoint()) {
  // `tracedeck list | head` closes stdout early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok)
    throw error
  })
  runCli(process.argv).then((code) => {
    process.exitCode = code
  })
}
