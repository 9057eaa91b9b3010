/**
 * The data inside a shared replay file ("Export → Replay as HTML…", `tracedeck export --html`):
 * what the exporter (src/main/core/share) writes and the share host in the renderer reads.
 *
 * The page holds one JSON data block, `{"head": <b64>, "chunks": [[<b64>…] per trace]}`; every
 * string is base64 of gzip. The head (trace facts, span tables, comparisons, note, cut report)
 * is decoded at open; span payloads come in chunks of `chunkSize` spans, decoded when a span of
 * the chunk is first shown (or when the receiver searches), so a 10,000-span file opens on the
 * head and one chunk.
 */
import type { SpanTable, TraceDetail } from './api'
import type { TraceComparison } from './compare/compare'

export const SHARE_FORMAT = 'tracedeck-share'
export const SHARE_VERSION = 1
/** The id of the data block in the page. */
export const SHARE_DATA_ID = 'tracedeck-share-data'

/**
 * What happens to payloads on the way out: 'none' keeps everything the library holds;
 * 'payloads' drops inputs, outputs, attributes and event attributes (structure, timings, errors
 * stay); 'llm-messages' keeps only the chat messages of LLM spans and drops every other payload
 * and attribute.
 */
export const SHARE_REDACTIONS = ['none', 'payloads', 'llm-messages'] as const
export type ShareRedaction = (typeof SHARE_REDACTIONS)[number]

/** A payload over the size limit, cut on export (listed in the page and the export's report). */
export interface CutPayload {
  traceId: string
  /** 0-based step in the exported trace (as the receiver's tree numbers it). */
  step: number
  /** 0-based step in the library's trace, when only a range was exported (and so it differs). */
  originalStep?: number
  spanName: string
  side: 'input' | 'output'
  /** JSON size of the payload before the cut, in characters. */
  chars: number
}

/** One exported trace: its facts, its span columns, and which steps of the original it holds. */
export interface SharedTrace {
  detail: TraceDetail
  table: SpanTable
  /** Set when only a range of the trace was exported: original steps, 0-based, inclusive. */
  range?: { from: number; to: number; total: number; ancestors: number }
}

export interface ShareHead {
  format: typeof SHARE_FORMAT
  version: typeof SHARE_VERSION
  kind: 'trace' | 'compare'
  exportedAt: string
  appVersion: string
  /** The exporter's note, shown at the top (plain text). */
  note?: string
  /** The step (0-based, of the first trace) the replay opens at. */
  openAt?: number
  redaction: ShareRedaction
  /** Characters of payload JSON kept per payload; larger payloads are cut. */
  payloadLimit: number
  cut: CutPayload[]
  /** One for a trace export, two (A, B) for a comparison. */
  traces: SharedTrace[]
  /** For a comparison: A against B, and B against A (for "Swap A/B"). */
  comparisons?: [TraceComparison, TraceComparison]
  chunkSize: number
}

/** The data block as it sits in the page. */
export interface ShareData {
  head: string
  chunks: string[][]
}
