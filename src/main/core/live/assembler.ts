/**
 * From spans to traces: spans arrive in any order across many export requests; the assembler
 * holds each trace's spans while it is live and hands it to the store (`commit`) once its root
 * span has arrived (OTLP exporters send a span when it ends, so a received root has ended) and
 * no span of it has arrived for the quiet time. A trace with no root is committed after a longer
 * idle time. Spans that arrive for an already committed trace extend it (the store replaces the
 * trace with the merged one under the same id), they never make a second trace.
 *
 * Memory is bounded by a span budget: a request that would exceed it is refused (the receiver
 * answers 429 with Retry-After, so exporters retry) and the oldest traces are committed early to
 * make room. Pure bookkeeping: no I/O here, the clock and the store are passed in.
 */
import type { RawSpan, RawTrace } from '../../../shared/model'
import { copyMeta, mergeMeta } from '../import/normalise/normalise'

/** A trace the assembler holds: everything received for it that is not in the library yet. */
export interface PendingTrace {
  sourceTraceId: string
  raw: RawTrace
  /** Span ids received, so a batch delivered twice (an exporter retry) adds nothing. */
  ids: Set<string>
  /** Wall-clock ms of the first and the latest span received. */
  firstSeen: number
  lastSeen: number
  hasRoot: boolean
  /** Bumped on every change: readers cache their normalised view per version. */
  version: number
}

/** What the assembler commits: the trace's new spans, and whether an earlier commit exists. */
export interface CommitItem {
  sourceTraceId: string
  /** The pending spans and trace-level fields; when `extends` is set, only the late spans. */
  raw: RawTrace
  /** True when the library already holds this trace from an earlier commit. */
  extends: boolean
  firstSeen: number
  lastSeen: number
}

export interface AssemblerOptions {
  /** Quiet time after the last span before a rooted trace is committed (ms). */
  quietMs: number
  /** Idle time after which a trace with no root span is committed anyway (ms). */
  orphanMs?: number
  /** Most spans held uncommitted at once. */
  maxPendingSpans: number
  now?: () => number
}

export interface AddResult {
  accepted: number
  /** Spans already received (a retried batch). */
  duplicates: number
  /** Traces that became live with this request. */
  newTraces: string[]
}

export class Saturated extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many spans are waiting to be committed')
    this.name = 'Saturated'
  }
}

export class Assembler {
  private readonly live = new Map<string, PendingTrace>()
  /** Source trace ids committed this run (so late spans extend rather than duplicate). */
  private readonly committed = new Set<string>()
  private spans = 0
  private readonly now: () => number
  private readonly orphanMs: number

  constructor(private readonly opts: AssemblerOptions) {
    this.now = opts.now ?? Date.now
    this.orphanMs = opts.orphanMs ?? Math.max(30_000, opts.quietMs * 10)
  }

  /** Spans held, across all live traces. */
  get pendingSpans(): number {
    return this.spans
  }

  /** Live (uncommitted) traces, newest first. */
  pending(): PendingTrace[] {
    return [...this.live.values()].sort((a, b) => b.firstSeen - a.firstSeen)
  }

  get(sourceTraceId: string): PendingTrace | undefined {
    return this.live.get(sourceTraceId)
  }

  /** Marks traces the library already holds (from an earlier run), so late spans extend them. */
  knowCommitted(sourceTraceId: string): void {
    this.committed.add(sourceTraceId)
  }

  /**
   * Adds the traces of one request (as the OTLP importer converted them). All or nothing: a
   * request over the span budget is refused with `Saturated` before anything is added.
   */
  add(traces: RawTrace[]): AddResult {
    let incoming = 0
    for (const t of traces) {
      const have = this.live.get(t.sourceTraceId)?.ids
      for (const s of t.spans) if (!have?.has(s.id)) incoming++
    }
    if (this.spans + incoming > this.opts.maxPendingSpans) {
      throw new Saturated(Math.max(1, Math.ceil(this.opts.quietMs / 1000)))
    }
    const now = this.now()
    const result: AddResult = { accepted: 0, duplicates: 0, newTraces: [] }
    for (const t of traces) {
      let p = this.live.get(t.sourceTraceId)
      if (!p) {
        p = {
          sourceTraceId: t.sourceTraceId,
          raw: { ...copyMeta(t), spans: [] },
          ids: new Set(),
          firstSeen: now,
          lastSeen: now,
          // Late spans of a committed trace: its root is already in the library.
          hasRoot: this.committed.has(t.sourceTraceId),
          version: 0,
        }
        this.live.set(t.sourceTraceId, p)
        result.newTraces.push(t.sourceTraceId)
      } else {
        mergeMeta(p.raw, t)
      }
      let added = 0
      for (const s of t.spans) {
        if (p.ids.has(s.id)) {
          result.duplicates++
          continue
        }
        p.ids.add(s.id)
        p.raw.spans.push(s)
        if (isRoot(s)) p.hasRoot = true
        added++
      }
      if (added) {
        p.lastSeen = now
        p.version++
        this.spans += added
        result.accepted += added
      }
      if (p.raw.spans.length === 0) this.live.delete(t.sourceTraceId)
    }
    return result
  }

  /**
   * Takes the traces that are due: rooted and quiet, idle orphans, and (under memory pressure)
   * the oldest traces until the pending spans fit in half the budget. `all` takes everything
   * (shutdown). The caller commits them; what it takes is no longer live.
   */
  takeDue(all = false): CommitItem[] {
    const now = this.now()
    const due: PendingTrace[] = []
    for (const p of this.live.values()) {
      const idle = now - p.lastSeen
      if (all || (p.hasRoot && idle >= this.opts.quietMs) || idle >= this.orphanMs) due.push(p)
    }
    let left = this.spans - due.reduce((n, p) => n + p.raw.spans.length, 0)
    if (left > this.opts.maxPendingSpans / 2) {
      const rest = [...this.live.values()]
        .filter((p) => !due.includes(p))
        .sort((a, b) => a.lastSeen - b.lastSeen)
      for (const p of rest) {
        if (left <= this.opts.maxPendingSpans / 2) break
        due.push(p)
        left -= p.raw.spans.length
      }
    }
    return due.map((p) => this.take(p))
  }

  private take(p: PendingTrace): CommitItem {
    this.live.delete(p.sourceTraceId)
    this.spans -= p.raw.spans.length
    const item: CommitItem = {
      sourceTraceId: p.sourceTraceId,
      raw: p.raw,
      extends: this.committed.has(p.sourceTraceId),
      firstSeen: p.firstSeen,
      lastSeen: p.lastSeen,
    }
    this.committed.add(p.sourceTraceId)
    return item
  }

  /** Puts traces back after a failed commit, so nothing received is dropped. */
  restore(items: CommitItem[]): void {
    for (const item of items) {
      if (!item.extends) this.committed.delete(item.sourceTraceId)
      const back = this.live.get(item.sourceTraceId)
      const spans = back ? [...item.raw.spans, ...back.raw.spans] : item.raw.spans
      const p: PendingTrace = back ?? {
        sourceTraceId: item.sourceTraceId,
        raw: { ...item.raw, spans: [] },
        ids: new Set(),
        firstSeen: item.firstSeen,
        lastSeen: item.lastSeen,
        hasRoot: false,
        version: 0,
      }
      if (back) this.spans -= back.raw.spans.length
      p.raw.spans = spans
      p.ids = new Set(spans.map((s) => s.id))
      p.hasRoot = item.extends || spans.some(isRoot)
      p.version++
      this.spans += spans.length
      this.live.set(item.sourceTraceId, p)
    }
  }
}

function isRoot(s: RawSpan): boolean {
  return !s.parentId
}
