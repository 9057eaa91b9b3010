/**
 * The OTLP receiver as the CLI runs it (`tracedeck receive`, `tracedeck serve --otlp`): the
 * shared options, start-up with clear messages for a taken port or an exposed address, and the
 * note about traces a previous run lost.
 */
import { InvalidArgumentError, type Command } from 'commander'
import { LiveService, DEFAULT_QUIET_MS } from '../main/core/live/live-service'
import { DEFAULT_OTLP_PORT, isLoopback, startReceiver, type RunningReceiver } from '../main/core/live/receiver'
import { loadPriceTable } from '../main/core/pricing/price-table'
import type { CliContext, OpenLibrary } from './context'
import { CliError } from './errors'
import { plural } from './output/format'

export interface ReceiverCliOptions {
  otlpPort?: number
  otlpHost?: string
  otlpToken?: string
  quiet?: number
}

function portArg(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0-65535)`)
  return n
}

function secondsArg(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || n > 3600) throw new InvalidArgumentError(`"${value}" is not a number of seconds (0-3600)`)
  return n
}

/** Adds --otlp-port, --otlp-host, --otlp-token and --quiet to a command. */
export function addReceiverOptions(command: Command): Command {
  return command
    .option('--otlp-port <n>', `OTLP/HTTP port (default ${DEFAULT_OTLP_PORT}; 0 picks a free one)`, portArg)
    .option('--otlp-host <address>', 'address to bind (default 127.0.0.1; any other needs --otlp-token)')
    .option('--otlp-token <token>', 'require "Authorization: Bearer <token>" from exporters')
    .option('--quiet <seconds>', `commit a trace this long after its last span (default ${DEFAULT_QUIET_MS / 1000})`, secondsArg)
}

export interface StartedReceiver {
  live: LiveService
  receiver: RunningReceiver
  stop(): Promise<void>
}

/** Starts the live service and the receiver on an open library. */
export async function startCliReceiver(ctx: CliContext, library: OpenLibrary, options: ReceiverCliOptions): Promise<StartedReceiver> {
  const host = options.otlpHost ?? '127.0.0.1'
  const port = options.otlpPort ?? DEFAULT_OTLP_PORT
  if (!isLoopback(host) && !options.otlpToken) {
    throw new CliError(`--otlp-host ${host} lets other machines send traces: give --otlp-token <secret> too (exporters send it as OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <secret>")`)
  }
  const live = new LiveService({
    db: library.db,
    prices: loadPriceTable(ctx.global().prices),
    quietMs: options.quiet === undefined ? undefined : Math.round(options.quiet * 1000),
  })
  const lost = live.takeLost()
  if (lost) {
    ctx.note(
      ctx.errStyle(
        'yellow',
        `tracedeck: the last receiver stopped before committing ${plural(lost.traces, 'live trace')} (${plural(lost.spans, 'span')}, last at ${new Date(lost.lastSeen).toISOString()}); those spans were not saved`,
      ),
    )
  }
  let receiver: RunningReceiver
  try {
    receiver = await startReceiver({ sink: live.sink, host, port, token: options.otlpToken })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new CliError(`Port ${port} is already in use (another collector or tracedeck?): pick another with --otlp-port`)
    if (code === 'EACCES') throw new CliError(`Not allowed to listen on port ${port}: pick a port above 1023`)
    if (code === 'EADDRNOTAVAIL') throw new CliError(`--otlp-host ${host} is not an address of this machine`)
    throw error
  }
  live.start()
  return {
    live,
    receiver,
    async stop() {
      await receiver.close()
      live.stop()
    },
  }
}
