/**
 * Mapping stored rows back to the model. Shared by every reader of the library (the core
 * queries here, the sessions and compare queries) so a trace reads the same everywhere.
 */
import type {
  Json,
  Span,
  SpanFlag,
  SpanKind,
  SpanStatus,
  Trace,
  TraceStatus,
} from '../../../shared/model'
import { restoreAttributes, restorePayload } from './payload-text'

/** A row of the `traces` table as better-sqlite3 returns it. */
export interface TraceRow {
  id: string
  source_trace_id: string
  name: string
  format: string
  file_name: string
  file_hash?: string
  session_id: string | null
  user_id: string | null
  tags: string
  environment: string | null
  project: string | null
  start: number
  duration: number
  status: string
  span_count: number
  error_count: number
  retry_count: number
  input_tokens: number
  output_tokens: number
  cost: number
  cost_estimated: number
  models: string
  attributes?: string
}

/** Columns to select for `traceFromRow` (with the file hash joined from `files`). */
export const TRACE_COLUMNS = `t.id, t.source_trace_id, t.name, t.format, t.file_name, f.hash AS file_hash,
  t.session_id, t.user_id, t.tags, t.environment, t.project, t.start, t.duration, t.status,
  t.span_count, t.error_count, t.retry_count, t.input_tokens, t.output_tokens, t.cost,
  t.cost_estimated, t.models`

/** Builds a Trace from a row (attributes `{}` when the row has none). */
export function traceFromRow(r: TraceRow): Trace {
  const t: Trace = {
    id: r.id,
    sourceTraceId: r.source_trace_id,
    name: r.name,
    source: { format: r.format, file: r.file_name, fileHash: r.file_hash ?? '' },
    tags: JSON.parse(r.tags) as string[],
    start: r.start,
    duration: r.duration,
    status: r.status as TraceStatus,
    spanCount: r.span_count,
    errorCount: r.error_count,
    retryCount: r.retry_count,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cost: r.cost,
    costEstimated: r.cost_estimated === 1,
    models: JSON.parse(r.models) as string[],
    attributes: r.attributes ? (JSON.parse(r.attributes) as Record<string, Json>) : {},
  }
  if (r.session_id !== null) t.sessionId = r.session_id
  if (r.user_id !== null) t.userId = r.user_id
  if (r.environment !== null) t.environment = r.environment
  if (r.project !== null) t.project = r.project
  return t
}

/** A row of spans joined with span_payloads. */
export interface SpanRow {
  idx: number
  span_id: string
  parent_id: string | null
  parent_idx: number
  depth: number
  name: string
  kind: string
  status: string
  start: number
  duration: number
  service: string | null
  model: string | null
  provider: string | null
  input_tokens: number | null
  output_tokens: number | null
  cost: number | null
  cost_estimated: number
  flags: string | null
  input: string | null
  output: string | null
  error: string | null
  attributes: string | null
  events: string | null
}

/** Columns to select for `spanFromRow` (spans s LEFT JOIN span_payloads p). */
export const SPAN_COLUMNS = `s.idx, s.span_id, s.parent_id, s.parent_idx, s.depth, s.name, s.kind, s.status,
  s.start, s.duration, s.service, s.model, s.provider, s.input_tokens, s.output_tokens, s.cost,
  s.cost_estimated, s.flags, p.input, p.output, p.error, p.attributes, p.events`

/** Builds a full Span (payloads included) from a joined row. */
export function spanFromRow(r: SpanRow): Span {
  const s: Span = {
    index: r.idx,
    id: r.span_id,
    parentId: r.parent_id,
    parentIndex: r.parent_idx,
    depth: r.depth,
    name: r.name,
    kind: r.kind as SpanKind,
    status: r.status as SpanStatus,
    start: r.start,
    duration: r.duration,
    attributes: {},
    events: r.events ? JSON.parse(r.events) : [],
  }
  if (r.service !== null) s.service = r.service
  if (r.model !== null) s.model = r.model
  if (r.provider !== null) s.provider = r.provider
  if (r.input_tokens !== null) s.inputTokens = r.input_tokens
  if (r.output_tokens !== null) s.outputTokens = r.output_tokens
  if (r.cost !== null) s.cost = r.cost
  if (r.cost_estimated === 1) s.costEstimated = true
  if (r.flags) s.flags = JSON.parse(r.flags) as SpanFlag[]
  if (r.input !== null) s.input = restorePayload(r.input)
  if (r.output !== null) s.output = restorePayload(r.output)
  if (r.attributes) s.attributes = restoreAttributes(r.attributes, s.input, s.output)
  if (r.error !== null) s.error = JSON.parse(r.error)
  return s
}
