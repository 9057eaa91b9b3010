/**
 * `tracedeck serve [--port N] [files…]`: the desktop UI in a browser, over the browser host
 * (127.0.0.1 only, a per-run token in the printed URL). Files given are imported first and the
 * page opens on the first of them. Runs until Ctrl+C.
 */
import { resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import { EventHub } from '../../main/host/event-hub'
import { findRendererDir } from '../../main/host/renderer-dir'
import { startHost, type GreetEvent } from '../../main/host/server'
import type { CliCommand } from '../context'
import { CliError } from '../errors'
import { importFiles, printImportEntries } from './import'

function portArg(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0-65535)`)
  return n
}

/** Resolves when the process is asked to stop (Ctrl+C, SIGTERM). */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      resolve(signal)
    }
    const onInt = () => stop('SIGINT')
    const onTerm = () => stop('SIGTERM')
    process.on('SIGINT', onInt)
    process.on('SIGTERM', onTerm)
  })
}

export const serveCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('serve')
      .description('serve the tracedeck UI to a browser on 127.0.0.1 (for machines without the desktop app)')
      .argument('[files...]', 'trace files to import and open first')
      .option('-p, --port <n>', 'port to listen on (default: a free one)', portArg)
      .option('--otlp', 'also receive live traces over OTLP/HTTP (default port 4318)')
      .option('--otlp-port <n>', 'port of the OTLP receiver (implies --otlp)', portArg)
      .action(async (files: string[], options: { port?: number; otlp?: boolean; otlpPort?: number }) => {
        const rendererDir = findRendererDir()
        if (!rendererDir) throw new CliError('The UI is not built yet: run "npm run build" first')
        const events = new EventHub()
        const { handlers, dbPath } = await ctx.library({ events, create: true })
        let openFirst: GreetEvent[] = []
        if (files.length) {
          const entries = await importFiles(ctx, files)
          if (!ctx.global().json) printImportEntries(ctx, entries)
          for (const failed of entries.filter((entry) => entry.error)) {
            if (files.length === 1 || ctx.global().json) ctx.note(`tracedeck: ${failed.error}`)
          }
          const first = entries.find((entry) => entry.traces.length)?.traces[0]
          if (first) openFirst = [{ event: 'navigate', payload: { view: 'trace', id: first.id } }]
        }
        let host
        try {
          host = await startHost({
            handlers,
            events,
            rendererDir,
            port: options.port,
            // Only the first page to connect is sent to the trace; a reload keeps the user's place.
            greet: () => openFirst.splice(0),
            importablePaths: files.map((file) => resolve(file)),
          })
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code
          if (code === 'EADDRINUSE') throw new CliError(`Port ${options.port} is already in use: pick another with --port, or omit it`)
          if (code === 'EACCES') throw new CliError(`Not allowed to listen on port ${options.port}: pick a port above 1023`)
          throw error
        }
        let otlp: string | undefined
        if (options.otlp || options.otlpPort !== undefined) {
          const status = await handlers.setLiveReceiver({ enabled: true, port: options.otlpPort })
          if (!status.endpoint) {
            await host.close()
            throw new CliError(`${status.error ?? 'The OTLP receiver did not start'}: pick another port with --otlp-port`)
          }
          otlp = status.endpoint
        }
        if (ctx.global().json) {
          ctx.print(JSON.stringify({ url: host.url, port: host.port, token: host.token, db: dbPath, ...(otlp ? { otlp } : {}) }))
        } else {
          ctx.print(`tracedeck is serving ${dbPath}`)
          ctx.print(`Open ${ctx.style('bold', host.url)}`)
          if (otlp) ctx.print(`Receiving live traces at ${ctx.style('bold', otlp)}  (OTEL_EXPORTER_OTLP_ENDPOINT=${otlp})`)
          ctx.print(ctx.style('dim', 'Only this machine can connect (127.0.0.1); the token in the URL changes every run. Ctrl+C stops.'))
        }
        await untilStopped()
        await host.close()
        if (!ctx.global().json) ctx.note('tracedeck: stopped')
      })
  },
}
