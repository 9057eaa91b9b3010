/**
 * The tracedeck export v1 writer: normalised traces (with payloads) → the export document.
 * Spans are written in step order. Reading from the library is the caller's job
 * (`exportFromLibrary` below reads what it needs).
 */
import type { NormalisedTrace, Span, Trace } from '../../../shared/model'
import type { Db } from '../store/connection'
import { iterateSpans, readTraceDetail } from '../store/trace-queries'
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  isoMicros,
  microsToMs,
  type ExportDocument,
  type ExportSpan,
  type ExportTrace,
} from './tracedeck-format'

function exportSpan(s: Span, origin: number): ExportSpan {
  return {
    id: s.id,
    parentId: s.parentId,
    name: s.name,
    kind: s.kind,
    status: s.status,
    startMs: microsToMs(s.start - origin),
    durationMs: microsToMs(s.duration),
    depth: s.depth,
    service: s.service ?? null,
    model: s.model ?? null,
    provider: s.provider ?? null,
    inputTokens: s.inputTokens ?? null,
    outputTokens: s.outputTokens ?? null,
    cost: s.cost ?? null,
    costEstimated: s.costEstimated === true,
    input: s.input ?? null,
    output: s.output ?? null,
    error: s.error ?? null,
    attributes: s.attributes,
    events: s.events.map((e) => {
      const out: ExportSpan['events'][number] = {
        name: e.name,
        timeMs: microsToMs(e.time - origin),
      }
      if (e.attributes) out.attributes = e.attributes
      return out
    }),
    flags: s.flags ?? [],
  }
}

/** One trace in export form; `spans` must be the trace's spans in step order. */
export function exportTrace(t: Trace, spans: Iterable<Span>): ExportTrace {
  const out: ExportTrace = {
    id: t.id,
    sourceTraceId: t.sourceTraceId,
    name: t.name,
    sessionId: t.sessionId ?? null,
    userId: t.userId ?? null,
    tags: t.tags,
    environment: t.environment ?? null,
    project: t.project ?? null,
    startTime: isoMicros(t.start),
    durationMs: microsToMs(t.duration),
    status: t.status,
    spanCount: t.spanCount,
    errorCount: t.errorCount,
    retryCount: t.retryCount,
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cost: t.cost,
    costEstimated: t.costEstimated,
    models: t.models,
    source: { format: t.source.format, file: t.source.file },
    attributes: t.attributes,
    spans: [],
  }
  for (const s of spans) out.spans.push(exportSpan(s, t.start))
  return out
}

/** The export document for in-memory normalised traces. */
export function exportDocument(
  traces: readonly Pick<NormalisedTrace, 'trace' | 'spans'>[],
): ExportDocument {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    traces: traces.map((t) => exportTrace(t.trace, t.spans)),
  }
}

/** The export document for traces in the library; throws naming an unknown id. */
export function exportFromLibrary(db: Db, ids: readonly string[]): ExportDocument {
  const traces: ExportTrace[] = []
  for (const id of ids) {
    const detail = readTraceDetail(db, id)
    if (!detail) throw new Error(`No trace with id ${id} in the library`)
    traces.push(exportTrace(detail.trace, iterateSpans(db, id)))
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    traces,
  }
}
