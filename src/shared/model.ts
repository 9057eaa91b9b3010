/**
 * The normalised trace model. Every importer produces it; the store, the API, the CLI and the
 * renderer consume it. Times are integer microseconds since the Unix epoch (safe in a JS number
 * until the year 2255); durations are integer microseconds.
 */

export type SpanKind =
  | 'llm'
  | 'tool'
  | 'retriever'
  | 'embedding'
  | 'agent'
  | 'chain'
  | 'guardrail'
  | 'handoff'
  | 'event'
  | 'span'

export const SPAN_KINDS: readonly SpanKind[] = [
  'llm',
  'tool',
  'retriever',
  'embedding',
  'agent',
  'chain',
  'guardrail',
  'handoff',
  'event',
  'span',
]

export type SpanStatus = 'ok' | 'error' | 'retry'
export type TraceStatus = 'ok' | 'warning' | 'error'

/** A JSON value as found in a trace file. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export interface ToolCall {
  id?: string
  name: string
  /** Arguments as given (usually a JSON string or an object). */
  arguments?: Json
}

export interface ChatPart {
  type: 'text' | 'image' | 'tool_call' | 'tool_result' | 'other'
  text?: string
  /** Non-text content kept as given (image url, file reference…). */
  data?: Json
}

export interface ChatMessage {
  role: string // system | user | assistant | tool | developer | …
  /** Plain text of the message, when it is text. */
  text?: string
  parts?: ChatPart[]
  toolCalls?: ToolCall[]
  /** For role "tool": the call this message answers. */
  toolCallId?: string
  name?: string
}

/** A payload (span input or output) as the source gave it, plus a chat view when it is one. */
export interface Payload {
  /** The value as given; JSON held in strings is decoded (possibly several times). */
  value: Json
  /** The raw string before decoding, when decoding changed it. */
  raw?: string
  mimeType?: string
  /** A conversation view, when the payload is a list of chat messages. */
  messages?: ChatMessage[]
}

export interface SpanError {
  type?: string
  message: string
  stack?: string
}

export interface SpanEvent {
  name: string
  /** Microseconds since the epoch. */
  time: number
  attributes?: Record<string, Json>
}

/** Repairs the normaliser made to a span; each is also listed in the import report. */
export type SpanFlag = 'orphan' | 'duplicate-id' | 'clock-skew' | 'missing-end' | 'unmatched'

/** A span as produced by an importer, before step ordering. */
export interface RawSpan {
  id: string
  parentId?: string | null
  name: string
  kind?: SpanKind
  /** True when the source marks the span as failed. */
  failed?: boolean
  start: number
  /** Absent when the source has no end time (flagged `missing-end`). */
  end?: number | null
  service?: string
  model?: string
  provider?: string
  inputTokens?: number
  outputTokens?: number
  cost?: number
  input?: Payload
  output?: Payload
  error?: SpanError
  attributes?: Record<string, Json>
  events?: SpanEvent[]
  sessionId?: string
  userId?: string
}

/** A span in the normalised trace, in step order. */
export interface Span {
  /** Position in step order, 0-based. Step i of n is index i-1. */
  index: number
  id: string
  parentId: string | null
  /** Index of the parent in step order, -1 for a top-level span. */
  parentIndex: number
  depth: number
  name: string
  kind: SpanKind
  status: SpanStatus
  start: number
  duration: number
  service?: string
  model?: string
  provider?: string
  inputTokens?: number
  outputTokens?: number
  cost?: number
  costEstimated?: boolean
  input?: Payload
  output?: Payload
  error?: SpanError
  attributes: Record<string, Json>
  events: SpanEvent[]
  flags?: SpanFlag[]
}

/** A trace as produced by an importer, before normalisation. */
export interface RawTrace {
  sourceTraceId: string
  name?: string
  sessionId?: string
  userId?: string
  tags?: string[]
  environment?: string
  project?: string
  attributes?: Record<string, Json>
  /** Stated trace-level cost, when the source gives one. */
  cost?: number
  spans: RawSpan[]
}

export interface Trace {
  id: string
  sourceTraceId: string
  name: string
  source: { format: string; file: string; fileHash: string }
  sessionId?: string
  userId?: string
  tags: string[]
  environment?: string
  project?: string
  start: number
  duration: number
  status: TraceStatus
  spanCount: number
  errorCount: number
  retryCount: number
  inputTokens: number
  outputTokens: number
  cost: number
  costEstimated: boolean
  models: string[]
  attributes: Record<string, Json>
}

export interface NormalisedTrace {
  trace: Trace
  spans: Span[]
  report: TraceReport
}

export type RepairKind =
  | 'orphan'
  | 'duplicate-id'
  | 'clock-skew'
  | 'missing-end'
  | 'unmatched'
  | 'truncated'
  | 'cycle'
  /** A time, duration, token count or cost outside sane bounds, dropped (normalise/bounds.ts). */
  | 'out-of-range'

export interface Repair {
  kind: RepairKind
  /** Span id the repair concerns, when it concerns one. */
  spanId?: string
  spanName?: string
  message: string
  /** The data was kept as recorded (a finding, not a change). */
  kept?: boolean
}

/** How many repairs (changed), findings kept as recorded, and warnings a report has in all. */
export interface ReportCounts {
  repaired: number
  kept: number
  warnings: number
}

export interface TraceReport {
  traceId: string
  /** Listed repairs (capped per kind; `counts` has the totals). */
  repairs: Repair[]
  warnings: string[]
  /** Totals, listed or not. Absent in reports stored before it existed. */
  counts?: ReportCounts
}

/** What an import of one file found. */
export interface ImportReport {
  file: string
  format: string | null
  /** Why the format was chosen (the content check that matched). */
  detectedBy?: string
  traces: { id: string; name: string; spanCount: number }[]
  repairs: Repair[]
  warnings: string[]
  /** Totals over the file and its traces, listed or not. */
  counts?: ReportCounts
  /** True when the file was already in the library (same content hash). */
  cached?: boolean
  error?: string
}

/**
 * Attribute that marks a span an importer made up to give a trace its structure, not work the
 * source recorded: Chrome Trace Event process, thread and async tracks ("process" | "thread" |
 * "async"). Counts of spans and time breakdowns leave such spans out.
 */
export const TRACK_ATTRIBUTE = 'tracedeck.track'

/**
 * Times below this (µs since the epoch: 1980-01-01) are on a file's own clock, not the epoch
 * (Chrome traces count from boot or from the recording's start): views show them as offsets,
 * never as dates in 1970.
 */
export const RELATIVE_CLOCK_LIMIT_US = 315_532_800_000_000

/** Whether an absolute time (µs) is really an offset on a file's own clock (see RELATIVE_CLOCK_LIMIT_US). */
export const isRelativeClock = (us: number): boolean =>
  Number.isFinite(us) && us < RELATIVE_CLOCK_LIMIT_US

/**
 * A time on a file's own clock as an offset: "clock +34:17:36.789" (hours may pass 24), or
 * without milliseconds "clock +34:17:36".
 */
export function formatClockOffset(us: number, withMillis = true): string {
  const ms = Math.max(0, Math.floor(us / 1000))
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor(ms / 60_000) % 60
  const sec = Math.floor(ms / 1000) % 60
  const p2 = (n: number) => String(n).padStart(2, '0')
  const base = `clock +${h}:${p2(m)}:${p2(sec)}`
  return withMillis ? `${base}.${String(ms % 1000).padStart(3, '0')}` : base
}
