/**
 * The live-traces verbs every front door serves: the OTLP receiver switched on and off
 * (`setLiveReceiver`; the desktop app remembers the choice in a settings file), its status, the
 * list of live traces, reads of a live trace through the ordinary read verbs, and events
 * (`liveTraces` as traces grow and commit, `liveStatus`). Stopping commits everything live.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { ApiEvents, LiveStatus } from '../../../shared/api'
import type { Handlers } from '../library'
import type { Db } from '../store/connection'
import type { PriceTable } from '../pricing/price-table'
import { LiveService, DEFAULT_QUIET_MS } from './live-service'
import { DEFAULT_OTLP_PORT, startReceiver, type RunningReceiver } from './receiver'
import type { LostTraces } from './live-store'
import { previousRun } from './previous-run'

export interface LiveControllerOptions {
  db: Db
  prices: PriceTable
  emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void
  /** A JSON file remembering whether the receiver is on and its port (the desktop app's). */
  settingsPath?: string
  quietMs?: number
}

interface Settings {
  enabled: boolean
  port: number
}

/** Grow events are coalesced to at most one per this many ms. */
const GROW_EVENT_MS = 200

export type LiveHandlers = Pick<
  Handlers,
  'listLiveTraces' | 'liveStatus' | 'setLiveReceiver' | 'previousRun'
>

export class LiveController {
  private service: LiveService | undefined
  private receiver: RunningReceiver | undefined
  private error: string | undefined
  private port: number
  private lost: LostTraces | null = null
  private grew = new Set<string>()
  private growTimer: ReturnType<typeof setTimeout> | undefined
  private switching: Promise<unknown> = Promise.resolve()

  constructor(private readonly opts: LiveControllerOptions) {
    this.port = this.readSettings()?.port ?? DEFAULT_OTLP_PORT
  }

  /** The service while the receiver runs (reads of live traces go through it). */
  get live(): LiveService | undefined {
    return this.service
  }

  status(): LiveStatus {
    const s: LiveStatus = {
      enabled: !!this.receiver,
      port: this.receiver?.port ?? this.port,
      quietMs: this.opts.quietMs ?? DEFAULT_QUIET_MS,
      pendingSpans: this.service?.assembler.pendingSpans ?? 0,
    }
    if (this.receiver) s.endpoint = this.receiver.endpoint
    if (this.error) s.error = this.error
    if (this.lost) s.lost = { traces: this.lost.traces, spans: this.lost.spans }
    return s
  }

  /** Starts the receiver when the settings file says it was on. */
  async restore(): Promise<LiveStatus> {
    const settings = this.readSettings()
    if (settings?.enabled) return this.setEnabled(true, settings.port)
    return this.status()
  }

  /** Switches the receiver on (on `port`, default the last one) or off; serialised. */
  setEnabled(enabled: boolean, port?: number): Promise<LiveStatus> {
    const next = this.switching.then(() => (enabled ? this.start(port) : this.stop()))
    this.switching = next.catch(() => undefined)
    return next
  }

  private async start(port = this.port): Promise<LiveStatus> {
    if (this.receiver && (port === this.port || port === 0)) return this.status()
    if (this.receiver) await this.stop(false)
    this.port = port
    const service = new LiveService({ db: this.opts.db, prices: this.opts.prices, quietMs: this.opts.quietMs })
    this.lost = service.takeLost() ?? this.lost
    try {
      this.receiver = await startReceiver({ sink: service.sink, port })
      this.error = undefined
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      this.error =
        code === 'EADDRINUSE'
          ? `Port ${port} is already in use (another collector or tracedeck?)`
          : code === 'EACCES'
            ? `Not allowed to listen on port ${port}`
            : `The receiver could not start: ${(err as Error).message}`
      this.emitStatus()
      return this.status()
    }
    this.service = service
    service.listen({
      onGrow: (ids) => this.grow(ids),
      onCommit: (committed) => {
        const ids = committed.map((c) => c.id)
        for (const id of ids) this.grew.delete(id)
        this.opts.emit('liveTraces', { grew: [], committed: ids })
        this.opts.emit('libraryChanged', { reason: 'live' })
      },
      onError: (err) => console.error(`tracedeck: committing live traces failed (will retry): ${err.message}`),
    })
    service.start()
    this.writeSettings({ enabled: true, port: this.receiver.port === port ? port : this.port })
    this.emitStatus()
    return this.status()
  }

  private async stop(remember = true): Promise<LiveStatus> {
    const receiver = this.receiver
    const service = this.service
    this.receiver = undefined
    this.service = undefined
    this.error = undefined
    if (receiver) await receiver.close()
    if (service) {
      const committed = service.stop()
      if (committed.length) {
        this.opts.emit('liveTraces', { grew: [], committed: committed.map((c) => c.id) })
        this.opts.emit('libraryChanged', { reason: 'live' })
      }
    }
    if (remember) this.writeSettings({ enabled: false, port: this.port })
    this.emitStatus()
    return this.status()
  }

  /**
   * Stops at once without changing the remembered setting (the library is closing): commits
   * what is live while the database is still open, then lets the server close.
   */
  shutdown(): void {
    if (this.growTimer) clearTimeout(this.growTimer)
    const receiver = this.receiver
    const service = this.service
    this.receiver = undefined
    this.service = undefined
    service?.stop()
    void receiver?.close()
  }

  private grow(ids: string[]): void {
    for (const id of ids) this.grew.add(id)
    if (this.growTimer) return
    this.growTimer = setTimeout(() => {
      this.growTimer = undefined
      const grew = [...this.grew]
      this.grew.clear()
      if (grew.length) this.opts.emit('liveTraces', { grew, committed: [] })
    }, GROW_EVENT_MS)
    this.growTimer.unref?.()
  }

  private emitStatus(): void {
    this.opts.emit('liveStatus', this.status())
  }

  private readSettings(): Settings | undefined {
    const path = this.opts.settingsPath
    if (!path || !existsSync(path)) return undefined
    try {
      const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<Settings>
      const port = Number.isInteger(v.port) && v.port! > 0 && v.port! < 65536 ? v.port! : DEFAULT_OTLP_PORT
      return { enabled: v.enabled === true, port }
    } catch (err) {
      console.warn(`tracedeck: ignoring unreadable ${path}: ${(err as Error).message}`)
      return undefined
    }
  }

  private writeSettings(s: Settings): void {
    const path = this.opts.settingsPath
    if (!path) return
    try {
      writeFileSync(path, `${JSON.stringify(s)}\n`)
    } catch (err) {
      console.warn(`tracedeck: could not remember the receiver setting in ${path}: ${(err as Error).message}`)
    }
  }

  /** The contract's live verbs. */
  handlers(): LiveHandlers {
    return {
      listLiveTraces: async () => this.service?.list() ?? [],
      liveStatus: async () => this.status(),
      setLiveReceiver: async ({ enabled, port }) => {
        this.lost = null // the user has seen the notice by now
        return this.setEnabled(enabled, port)
      },
      previousRun: async ({ id }) => ({
        previous: previousRun(this.opts.db, id, this.service?.detail(id)?.trace),
      }),
    }
  }

  /** Read verbs that answer for live traces first, then from the library. */
  wrapReads(h: Handlers): Pick<Handlers, 'getTrace' | 'getSpanTable' | 'getSpanColumns' | 'getSpan' | 'searchSpans'> {
    return {
      getTrace: async (r) => this.service?.detail(r.id) ?? h.getTrace(r),
      getSpanTable: async (r) => this.service?.spanTable(r.id) ?? h.getSpanTable(r),
      getSpanColumns: async (r) => this.service?.spanColumns(r.id) ?? h.getSpanColumns(r),
      getSpan: async (r) => {
        const live = this.service?.isLive(r.traceId) ? this.service.span(r.traceId, r.index) : undefined
        return live ?? h.getSpan(r)
      },
      searchSpans: async (r) => this.service?.search(r) ?? h.searchSpans(r),
    }
  }
}
