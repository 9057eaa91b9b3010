/**
 * Writes live traces into the library. A committed live trace is an ordinary trace (format
 * `otlp`, normalised exactly like an imported OTLP file: conventions, chat model, repairs,
 * sessions, prices) with its own file row whose hash is derived from the source trace id, so its
 * trace id is stable: when late spans arrive, the trace is replaced by the merged one under the
 * same id. Every commit batch is one transaction (all traces or none).
 *
 * A journal (`live_pending`, migration 3) records which traces were live and not yet committed;
 * it is rewritten at most once a second while spans arrive and each commit takes its traces off,
 * so a crash loses at most the traces still waiting out their quiet time, and the next start
 * says how many.
 */
import type { ImportReport, NormalisedTrace, RawTrace } from '../../../shared/model'
import type { Db } from '../store/connection'
import { TraceWriter } from '../store/trace-writer'
import { deleteTraceRows } from '../store/trace-queries'
import { writeTransaction } from '../store/write-lock'
import { exportFromLibrary } from '../export/export-traces'
import { tracedeckImporter } from '../import/formats/tracedeck'
import { mergeRawTraces, normaliseTrace, traceIdFor } from '../import/normalise/normalise'
import type { PriceTable } from '../pricing/price-table'
import type { CommitItem, PendingTrace } from './assembler'

/** The "file" a live trace is listed as coming from. */
export const LIVE_FILE_NAME = 'OTLP receiver'

/** The file hash of a live trace: stable per source trace id, never a sha256 of real content. */
export function liveFileHash(sourceTraceId: string): string {
  return `otlp-live:${sourceTraceId}`
}

/** The library id a live trace has (and keeps) once committed. */
export function liveTraceId(sourceTraceId: string): string {
  return traceIdFor(liveFileHash(sourceTraceId), sourceTraceId)
}

/** Normalises a live trace the way the OTLP importer's traces are. */
export function normaliseLive(raw: RawTrace, prices: PriceTable): NormalisedTrace {
  const hash = liveFileHash(raw.sourceTraceId)
  return normaliseTrace(raw, { format: 'otlp', file: LIVE_FILE_NAME, fileHash: hash, prices })
}

export interface Committed {
  id: string
  sourceTraceId: string
  name: string
  spanCount: number
  extended: boolean
}

export interface LostTraces {
  traces: number
  spans: number
  /** Wall-clock ms of the latest span among them. */
  lastSeen: number
}

const NO_WAIT = { maxWaitMs: 0 }

/** Committed spans kept in memory for extending a trace without reading it back. */
const RECENT_SPAN_BUDGET = 100_000

export class LiveStore {
  private readonly recent = new Map<string, RawTrace>()
  private readonly hasTrace
  private readonly unjournal
  private readonly clearJournal
  private readonly journalRow
  private writer: TraceWriter | undefined
  private recentSpans = 0

  constructor(
    private readonly db: Db,
    private readonly prices: PriceTable,
  ) {
    this.hasTrace = db.prepare('SELECT 1 FROM traces WHERE id = ?').pluck()
    this.unjournal = db.prepare('DELETE FROM live_pending WHERE source_trace_id = ?')
    this.clearJournal = db.prepare('DELETE FROM live_pending')
    this.journalRow = db.prepare(
      'INSERT INTO live_pending (source_trace_id, spans, first_seen, last_seen) VALUES (?, ?, ?, ?)',
    )
  }

  /** True when the library already holds this live trace (from this run or an earlier one). */
  has(sourceTraceId: string): boolean {
    return this.hasTrace.get(liveTraceId(sourceTraceId)) !== undefined
  }

  /** The committed spans of a live trace being extended, from memory or read back. */
  committedRaw(sourceTraceId: string): RawTrace | undefined {
    const kept = this.recent.get(sourceTraceId)
    if (kept) return kept
    const id = liveTraceId(sourceTraceId)
    if (this.hasTrace.get(id) === undefined) return undefined
    const doc = exportFromLibrary(this.db, [id])
    const [raw] = tracedeckImporter.convert(doc, { file: LIVE_FILE_NAME, warn: () => undefined })
    return raw ? { ...raw, sourceTraceId } : undefined
  }

  /** The whole trace an item stands for: its new spans merged onto what is committed. */
  merged(item: Pick<CommitItem, 'sourceTraceId' | 'raw' | 'extends'>): RawTrace {
    if (!item.extends) return item.raw
    const before = this.committedRaw(item.sourceTraceId)
    if (!before) return item.raw
    // A span delivered again after its trace was committed (an exporter retry) is not new.
    const seen = new Set(before.spans.map((s) => s.id))
    const late = { ...item.raw, spans: item.raw.spans.filter((s) => !seen.has(s.id)) }
    const [m] = mergeRawTraces([before, late])
    return m
  }

  /**
   * Commits a batch of traces in one transaction (and takes them off the journal). Returns what
   * was written; on an error nothing was (the caller puts the items back).
   */
  commit(items: CommitItem[]): Committed[] {
    const prepared = items.map((item) => {
      const raw = this.merged(item)
      return { item, raw, nt: normaliseLive(raw, this.prices) }
    })
    const out: Committed[] = []
    // A short wait only: the commit loop runs beside the receiver, and what cannot be written
    // now stays live (the pending-span budget then makes exporters wait).
    try {
      this.write(prepared, out)
    } catch (err) {
      // Rows gathered for a failed transaction must never reach the next one.
      this.writer = undefined
      throw err
    }
    for (const { item, raw } of prepared) this.remember(item.sourceTraceId, raw)
    return out
  }

  private write(
    prepared: { item: CommitItem; nt: NormalisedTrace }[],
    out: Committed[],
  ): void {
    writeTransaction(this.db, () => {
      // Statements prepared once; payload rows numbered from the table's end in each transaction.
      const writer = (this.writer ??= new TraceWriter(this.db))
      writer.renumber()
      for (const { item, nt } of prepared) {
        const extended =
          (item.extends || this.hasTrace.get(nt.trace.id) !== undefined) &&
          deleteTraceRows(this.db, [nt.trace.id]) > 0
        this.unjournal.run(item.sourceTraceId)
        const report: ImportReport = {
          file: LIVE_FILE_NAME,
          format: 'otlp',
          detectedBy: 'OTLP/HTTP export request',
          traces: [{ id: nt.trace.id, name: nt.trace.name, spanCount: nt.trace.spanCount }],
          repairs: nt.report.repairs,
          warnings: nt.report.warnings,
        }
        const fileId = writer.insertFile({
          hash: liveFileHash(item.sourceTraceId),
          name: LIVE_FILE_NAME,
          path: null,
          size: 0,
          format: 'otlp',
          detectedBy: report.detectedBy ?? null,
          report,
        })
        // Rowids are given as rows are added, so each trace's payload rows are one contiguous
        // range (search relies on it) however the batches are flushed.
        writer.insertNormalised(fileId, nt)
        out.push({
          id: nt.trace.id,
          sourceTraceId: item.sourceTraceId,
          name: nt.trace.name,
          spanCount: nt.trace.spanCount,
          extended,
        })
      }
      writer.flush()
    }, NO_WAIT)
  }

  /** Rewrites the journal of live traces (called with commits, and on its own now and then). */
  journal(stillLive: PendingTrace[]): void {
    writeTransaction(this.db, () => this.writeJournal(stillLive), NO_WAIT)
  }

  private writeJournal(stillLive: PendingTrace[]): void {
    this.clearJournal.run()
    for (const p of stillLive)
      this.journalRow.run(p.sourceTraceId, p.raw.spans.length, p.firstSeen, p.lastSeen)
  }

  /**
   * Traces that were live when the previous receiver stopped without committing them (a crash
   * or a kill): reported once, then the journal is cleared. Null when there were none.
   */
  takeLost(): LostTraces | null {
    const row = this.db
      .prepare('SELECT count(*) AS traces, sum(spans) AS spans, max(last_seen) AS lastSeen FROM live_pending')
      .get() as { traces: number; spans: number | null; lastSeen: number | null }
    this.db.prepare('DELETE FROM live_pending').run()
    return row.traces ? { traces: row.traces, spans: row.spans ?? 0, lastSeen: row.lastSeen ?? 0 } : null
  }

  private remember(sourceTraceId: string, raw: RawTrace): void {
    const old = this.recent.get(sourceTraceId)
    if (old) {
      this.recentSpans -= old.spans.length
      this.recent.delete(sourceTraceId)
    }
    this.recent.set(sourceTraceId, raw)
    this.recentSpans += raw.spans.length
    for (const [k, v] of this.recent) {
      if (this.recentSpans <= RECENT_SPAN_BUDGET || k === sourceTraceId) break
      this.recent.delete(k)
      this.recentSpans -= v.spans.length
    }
  }
}
