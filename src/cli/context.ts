/**
 * What every CLI command gets: the global options (--json, --db, --prices), the library (opened on first
 * use, closed when the command ends), trace reference resolution and output helpers. Commands
 * receive it through `CliCommand.register`, so adding a command never touches this file.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Command } from 'commander'
import type { Handlers, LibraryOptions } from '../main/core/library'
import { createLibrary } from '../main/core/library-service'
import { ForeignWalError, moveWalAside } from '../main/core/store/wal-check'
import { StorageError } from '../main/core/store/storage'
import { bundledSamplePath, defaultLibraryPath } from '../main/core/paths'
import { loadPriceTable } from '../main/core/pricing/price-table'
import { userPricesPath } from '../main/core/pricing/user-prices'
import type { Db } from '../main/core/store/connection'
import type { RerunService } from '../main/core/rerun'
import type { EventHub } from '../main/host/event-hub'
import { CliError } from './errors'
import { styler, useColour, type Styler } from './output/style'

/** Options every command accepts (declared on the root program). */
export interface GlobalOptions {
  json: boolean
  db: string
  /** The user's price file (--prices, TRACEDECK_PRICES, or prices.json beside the library). */
  prices: string | undefined
}

/** An open library: the contract's handlers plus the database for CLI-only lookups. */
export interface OpenLibrary {
  handlers: Handlers
  db: Db
  dbPath: string
  /** Re-runs: the runner to wait on and the providers (saved or ad hoc). */
  reruns: RerunService
}

export interface CliContext {
  /** The root program's options, parsed. */
  global(): GlobalOptions
  /**
   * Opens the library once per run; `events` receives import progress and other events. Only
   * `create: true` (import, serve) makes a new library file and its folder; a read-only command
   * on a path with no library fails with a clear message instead of leaving an empty file behind.
   */
  library(options?: { events?: EventHub; useWorker?: boolean; create?: boolean }): Promise<OpenLibrary>
  /** Resolves a full trace id, a unique id prefix or a source trace id to a trace id. */
  resolveTrace(ref: string): Promise<string>
  /** Writes a line (or lines) to stdout. */
  print(text?: string): void
  /** Writes a value as JSON to stdout (the --json output of every command). */
  printJson(value: unknown): void
  /** Writes a note to stderr (progress, hints); never mixed into machine-readable stdout. */
  note(text: string): void
  /** Colours for stdout. */
  style: Styler
  /** Colours for stderr. */
  errStyle: Styler
}

/** A CLI command: one file in src/cli/commands/, one line in src/cli/index.ts. */
export interface CliCommand {
  register(program: Command, ctx: CliContext): void
}

/** Creates the context; `close()` releases the library when the command is done. */
export function createContext(program: Command): CliContext & { close(): Promise<void> } {
  let opened: Promise<OpenLibrary & { close(): unknown }> | undefined

  const global = (): GlobalOptions => {
    const opts = program.opts<{ json?: boolean; db?: string; prices?: string }>()
    const db = resolve(opts.db ?? defaultLibraryPath())
    // A price file the user names must exist: a typo would otherwise leave the bundled prices
    // silently in use (the default places may be absent, and then they simply do not apply).
    if (opts.prices && !existsSync(opts.prices)) throw new CliError(`--prices ${resolve(opts.prices)}: no such file`)
    return { json: Boolean(opts.json), db, prices: userPricesPath(db, opts.prices) }
  }

  const open = async (events?: EventHub, useWorker?: boolean, create = false): Promise<OpenLibrary & { close(): unknown }> => {
    const { db: dbPath, prices: pricesPath } = global()
    if (existsSync(dbPath) && statSync(dbPath).isDirectory()) {
      throw new CliError(`--db ${dbPath} is a folder; give the library file inside it (e.g. ${dbPath}/library.db)`)
    }
    if (!create && !existsSync(dbPath)) {
      throw new CliError(`No library at ${dbPath}: nothing has been imported there yet (create it with "tracedeck import <file>", or check --db)`)
    }
    try {
      // Checked first so a broken price file is reported as such, not as a library problem.
      loadPriceTable(pricesPath)
    } catch (error) {
      throw new CliError(`${(error as Error).message} (fix or remove it; "tracedeck prices" lists the table in use)`)
    }
    if (program.opts<{ moveWalAside?: boolean }>().moveWalAside && existsSync(`${dbPath}-wal`)) {
      ctx.note(`tracedeck: moved ${dbPath}-wal aside to ${moveWalAside(dbPath)}`)
    }
    try {
      mkdirSync(dirname(dbPath), { recursive: true })
      const options: LibraryOptions = {
        dbPath,
        pricesPath,
        samplePath: bundledSamplePath(),
        emit: events?.emit,
        ...(useWorker === undefined ? {} : { useWorker }),
      }
      const library = await createLibrary(options)
      return { handlers: library.handlers, db: library.db, dbPath, reruns: library.reruns, close: () => library.close() }
    } catch (error) {
      if (error instanceof ForeignWalError) throw new CliError(error.message)
      if (error instanceof StorageError) throw new CliError(error.message)
      throw new CliError(`Cannot open the library ${dbPath}: ${(error as Error).message}`)
    }
  }

  const ctx: CliContext & { close(): Promise<void> } = {
    global,
    library(options = {}) {
      opened ??= open(options.events, options.useWorker, options.create)
      return opened
    },
    async resolveTrace(ref) {
      const { db, dbPath } = await ctx.library()
      const exact = db.prepare('SELECT id FROM traces WHERE id = ?').get(ref) as { id: string } | undefined
      if (exact) return exact.id
      const prefixed = db
        .prepare("SELECT id, name FROM traces WHERE id LIKE ? ESCAPE '\\' ORDER BY start LIMIT 11")
        .all(`${ref.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as { id: string; name: string }[]
      const bySource = prefixed.length
        ? []
        : (db.prepare('SELECT id, name FROM traces WHERE source_trace_id = ? ORDER BY start LIMIT 11').all(ref) as { id: string; name: string }[])
      const matches = prefixed.length ? prefixed : bySource
      if (matches.length === 1) return matches[0].id
      if (matches.length === 0) {
        throw new CliError(`No trace "${ref}" in the library ${dbPath} (run "tracedeck list" to see trace ids)`)
      }
      const shown = matches.slice(0, 10).map((m) => `  ${m.id}  ${m.name}`)
      throw new CliError(
        `"${ref}" matches ${matches.length > 10 ? 'more than 10' : matches.length} traces; give more of the id:\n${shown.join('\n')}`,
      )
    },
    print(text = '') {
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
    },
    printJson(value) {
      process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
    },
    note(text) {
      process.stderr.write(text.endsWith('\n') ? text : `${text}\n`)
    },
    style: styler(useColour(process.stdout)),
    errStyle: styler(useColour(process.stderr)),
    async close() {
      if (!opened) return
      const library = await opened.catch(() => undefined)
      opened = undefined
      await library?.close()
    },
  }
  return ctx
}
