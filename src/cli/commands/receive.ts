/**
 * `tracedeck receive [--otlp-port N] [--quiet S]`: a headless OTLP/HTTP endpoint. Point an app's
 * exporter at it (OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318) and each trace is committed
 * to the library when it goes quiet, with one line printed per trace (one JSON object per line
 * with --json). Ctrl+C commits what is still live and stops.
 */
import type { CliCommand } from '../context'
import { formatCount, formatDuration, plural } from '../output/format'
import { statusWord } from '../output/style'
import { addReceiverOptions, startCliReceiver, type ReceiverCliOptions } from '../live-receiver'
import { untilStopped } from './serve'
import type { Committed } from '../../main/core/live/live-store'

export const receiveCommand: CliCommand = {
  register(program, ctx) {
    addReceiverOptions(
      program.command('receive').description('receive traces over OTLP/HTTP (JSON or protobuf) into the library, printing each as it lands'),
    ).action(async (options: ReceiverCliOptions) => {
      const library = await ctx.library({ create: true, useWorker: false })
      const json = ctx.global().json
      const { live, receiver, stop } = await startCliReceiver(ctx, library, options)
      const print = (c: Committed) => {
        const detail = library.db.prepare('SELECT duration, status, error_count, input_tokens, output_tokens FROM traces WHERE id = ?').get(c.id) as
          | { duration: number; status: string; error_count: number; input_tokens: number; output_tokens: number }
          | undefined
        if (!detail) return
        if (json) {
          ctx.print(JSON.stringify({ event: c.extended ? 'extended' : 'committed', id: c.id, sourceTraceId: c.sourceTraceId, name: c.name, spans: c.spanCount, durationUs: detail.duration, status: detail.status }))
          return
        }
        const { style } = ctx
        const verb = c.extended ? style('cyan', 'extended ') : style('green', 'committed')
        const tokens = detail.input_tokens + detail.output_tokens
        ctx.print(
          [
            verb,
            style('bold', c.name),
            `${formatCount(c.spanCount)} spans`,
            formatDuration(detail.duration),
            statusWord(style, detail.status),
            tokens ? `${formatCount(tokens)} tokens` : '',
            style('dim', c.id.slice(0, 12)),
          ]
            .filter(Boolean)
            .join('  '),
        )
      }
      live.listen({
        onCommit: (batch) => batch.forEach(print),
        onError: (error) => ctx.note(`tracedeck: committing live traces failed, will retry: ${error.message}`),
      })
      if (json) {
        ctx.print(JSON.stringify({ event: 'listening', endpoint: receiver.endpoint, db: library.dbPath, quietMs: live.quietMs }))
      } else {
        ctx.print(`tracedeck is receiving OTLP traces into ${library.dbPath}`)
        ctx.print(`Endpoint ${ctx.style('bold', receiver.endpoint)}  (OTEL_EXPORTER_OTLP_ENDPOINT=${receiver.endpoint})`)
        ctx.print(ctx.style('dim', `A trace is committed ${live.quietMs / 1000} s after its last span. Ctrl+C commits the rest and stops.`))
      }
      await untilStopped()
      const pendingTraces = live.assembler.pending().length
      await stop()
      if (!json) ctx.note(`tracedeck: stopped${pendingTraces ? ` (committed ${plural(pendingTraces, 'live trace')} first)` : ''}`)
    })
  },
}
