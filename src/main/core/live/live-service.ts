/**
 * Live traces: the receiver's sink, the assembler, the commit loop and reads of traces that are
 * still live. A live trace already has the id it will keep in the library (`liveTraceId`), so a
 * page that opened it while it grew goes on reading the same id once it is committed. Reads of
 * live traces normalise the pending spans (cached per version) exactly as a commit would.
 */
import type { NormalisedTrace, Span } from '../../../shared/model'
import type { LiveTraceSummary, SpanSearch, SpanTable, TraceDetail } from '../../../shared/api'
import { encodeSpanTable } from '../../../shared/span-table-binary'
import { otlpImporter } from '../import/formats/otlp'
import { isObj, list, type Obj } from '../import/formats/otlp/fields'
import type { PriceTable } from '../pricing/price-table'
import type { Db } from '../store/connection'
import { spanColumnsOf, spanTableFromColumns } from '../store/span-table'
import { Assembler, type CommitItem, type PendingTrace } from './assembler'
import { LiveStore, liveTraceId, normaliseLive, type Committed, type LostTraces } from './live-store'
import type { SinkResult } from './receiver'

export const DEFAULT_QUIET_MS = 3000
export const DEFAULT_MAX_PENDING_SPANS = 500_000

export interface LiveOptions {
  db: Db
  prices: PriceTable
  quietMs?: number
  maxPendingSpans?: number
  /** Commit-loop period (ms); default a tenth of the quiet time, at most 100 ms. */
  tickMs?: number
  now?: () => number
}


export interface LiveListener {
  /** A request added spans to these live traces (ids as in the library). */
  onGrow?(ids: string[]): void
  /** A batch was committed (each trace is now replayable from the library). */
  onCommit?(committed: Committed[]): void
  /** A commit failed; the traces stay live and are retried. */
  onError?(error: Error): void
}

/** Counts the spans in an OTLP request, so rejected ones can be reported. */
function countSpans(req: Obj): number {
  let n = 0
  for (const rs of list(req, 'resourceSpans')) {
    if (!isObj(rs)) continue
    const scopes = list(rs, 'scopeSpans').length ? list(rs, 'scopeSpans') : list(rs, 'instrumentationLibrarySpans')
    for (const ss of scopes) if (isObj(ss)) n += list(ss, 'spans').length
  }
  return n
}

export class LiveService {
  readonly assembler: Assembler
  readonly store: LiveStore
  private readonly listeners = new Set<LiveListener>()
  private readonly views = new Map<string, { version: number; nt: NormalisedTrace; bytes?: Uint8Array }>()
  /** Library id → source trace id of every live trace. */
  private readonly byId = new Map<string, string>()
  private timer: ReturnType<typeof setInterval> | undefined
  private journalDirty = false
  private lastJournal = 0
  readonly quietMs: number
  private readonly now: () => number

  constructor(private readonly opts: LiveOptions) {
    this.quietMs = opts.quietMs ?? DEFAULT_QUIET_MS
    this.now = opts.now ?? Date.now
    this.assembler = new Assembler({
      quietMs: this.quietMs,
      maxPendingSpans: opts.maxPendingSpans ?? DEFAULT_MAX_PENDING_SPANS,
      now: this.now,
    })
    this.store = new LiveStore(opts.db, opts.prices)
  }

  /** Reports (once) traces a previous run was still receiving when it stopped without committing. */
  takeLost(): LostTraces | null {
    return this.store.takeLost()
  }

  listen(l: LiveListener): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /** Starts the commit loop. */
  start(): void {
    if (this.timer) return
    const tick = this.opts.tickMs ?? Math.min(100, Math.max(10, Math.floor(this.quietMs / 10)))
    this.timer = setInterval(() => this.commitDue(), tick)
    this.timer.unref?.()
  }

  /** Stops the loop and commits every live trace (a clean stop loses nothing). */
  stop(): Committed[] {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    return this.commitDue(true)
  }

  /** The receiver's sink: converts one request and adds its spans. */
  readonly sink = (request: Obj): SinkResult => {
    const total = countSpans(request)
    if (total === 0) return { rejected: 0, message: '' }
    const reasons: string[] = []
    const traces = otlpImporter.convert(request, { file: 'request', warn: (m) => reasons.push(m) })
    for (const t of traces) {
      if (!this.assembler.get(t.sourceTraceId) && this.store.has(t.sourceTraceId)) {
        this.assembler.knowCommitted(t.sourceTraceId)
      }
    }
    const added = this.assembler.add(traces)
    const accepted = traces.reduce((n, t) => n + t.spans.length, 0)
    const grown = traces.map((t) => {
      const id = liveTraceId(t.sourceTraceId)
      this.byId.set(id, t.sourceTraceId)
      return id
    })
    if (added.accepted) {
      this.journalDirty = true
      for (const l of this.listeners) l.onGrow?.(grown)
    }
    return { rejected: total - accepted, message: reasons.join('; ') }
  }

  /** Commits the traces that are due (all of them with `all`); returns what was committed. */
  commitDue(all = false): Committed[] {
    const items = this.assembler.takeDue(all)
    if (items.length === 0) {
      this.maybeJournal()
      return []
    }
    let committed: Committed[]
    try {
      committed = this.store.commit(items)
    } catch (err) {
      this.assembler.restore(items)
      for (const l of this.listeners) l.onError?.(err as Error)
      return []
    }
    for (const item of items) this.forget(item)
    this.maybeJournal()
    for (const l of this.listeners) l.onCommit?.(committed)
    return committed
  }

  private forget(item: CommitItem): void {
    const id = liveTraceId(item.sourceTraceId)
    if (!this.assembler.get(item.sourceTraceId)) {
      this.byId.delete(id)
      this.views.delete(id)
    }
  }

  /** Rewrites the crash journal at most once a second while traces are live. */
  private maybeJournal(): void {
    if (!this.journalDirty || this.now() - this.lastJournal < 1000) return
    try {
      this.store.journal(this.assembler.pending())
      this.journalDirty = false
      this.lastJournal = this.now()
    } catch {
      // A busy library: the next tick writes it.
    }
  }

  // ---- reads of live traces ----

  /** True when `id` is a live (not yet committed) trace. */
  isLive(id: string): boolean {
    const src = this.byId.get(id)
    return src !== undefined && this.assembler.get(src) !== undefined
  }

  private pendingOf(id: string): PendingTrace | undefined {
    const src = this.byId.get(id)
    return src === undefined ? undefined : this.assembler.get(src)
  }

  private view(id: string): { version: number; nt: NormalisedTrace; bytes?: Uint8Array } | undefined {
    const p = this.pendingOf(id)
    if (!p) return undefined
    const cached = this.views.get(id)
    if (cached && cached.version === p.version) return cached
    const raw = this.store.merged({
      sourceTraceId: p.sourceTraceId,
      raw: p.raw,
      extends: this.store.has(p.sourceTraceId),
    })
    const v = { version: p.version, nt: normaliseLive(raw, this.opts.prices) }
    this.views.set(id, v)
    return v
  }

  /** Live traces, newest first, as the library lists them. */
  list(): LiveTraceSummary[] {
    const out: LiveTraceSummary[] = []
    for (const p of this.assembler.pending()) {
      const id = liveTraceId(p.sourceTraceId)
      this.byId.set(id, p.sourceTraceId)
      const v = this.view(id)
      if (!v) continue
      const { attributes: _a, ...summary } = v.nt.trace
      out.push({ ...summary, live: true, lastSpanAt: p.lastSeen, hasRoot: p.hasRoot })
    }
    return out
  }

  detail(id: string): TraceDetail | undefined {
    const v = this.view(id)
    return v && { trace: v.nt.trace, report: v.nt.report }
  }

  spanTable(id: string): SpanTable | undefined {
    const v = this.view(id)
    return v && spanTableFromColumns(id, v.nt.trace.start, spanColumnsOf(v.nt.spans))
  }

  spanColumns(id: string): Uint8Array | undefined {
    const v = this.view(id)
    if (!v) return undefined
    v.bytes ??= encodeSpanTable(spanTableFromColumns(id, v.nt.trace.start, spanColumnsOf(v.nt.spans)))
    return v.bytes
  }

  span(id: string, index: number): Span | undefined {
    return this.view(id)?.nt.spans[index]
  }

  /** Search within a live trace: name, input and output text, kind and status. */
  search(q: SpanSearch): number[] | undefined {
    const v = this.view(q.traceId)
    if (!v) return undefined
    const words = (q.text ?? '').toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []
    const out: number[] = []
    for (const s of v.nt.spans) {
      if (q.kind && s.kind !== q.kind) continue
      if (q.status && s.status !== q.status) continue
      if (words.length) {
        const text = `${s.name} ${JSON.stringify(s.input ?? '')} ${JSON.stringify(s.output ?? '')}`.toLowerCase()
        if (!words.every((w) => text.includes(w))) continue
      }
      out.push(s.index)
      if (out.length >= (q.limit ?? 100_000)) break
    }
    return out
  }
}
