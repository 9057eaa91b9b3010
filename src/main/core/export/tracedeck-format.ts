/**
 * tracedeck export format v1 — the shape `tracedeck export` / `show --json` write and the
 * tracedeck importer reads back. Documented in docs/export-format.md; keep the two in step.
 * Times: trace `startTime` is ISO 8601 UTC with microseconds; span `startMs` is the offset from
 * the trace start and `durationMs` the duration, both in milliseconds with microsecond precision.
 */
import type {
  Json,
  Payload,
  SpanError,
  SpanFlag,
  SpanKind,
  SpanStatus,
  TraceStatus,
} from '../../../shared/model'

export const EXPORT_FORMAT = 'tracedeck'
export const EXPORT_VERSION = 1

export interface ExportEvent {
  name: string
  /** Offset from the trace start, milliseconds. */
  timeMs: number
  attributes?: Record<string, Json>
}

export interface ExportSpan {
  id: string
  parentId: string | null
  name: string
  kind: SpanKind
  status: SpanStatus
  startMs: number
  durationMs: number
  depth: number
  service: string | null
  model: string | null
  provider: string | null
  inputTokens: number | null
  outputTokens: number | null
  cost: number | null
  /** True when `cost` was estimated from the price table rather than stated by the source. */
  costEstimated: boolean
  input: Payload | null
  output: Payload | null
  error: SpanError | null
  attributes: Record<string, Json>
  events: ExportEvent[]
  /** Repairs made to this span at import (orphan, clock-skew…). */
  flags: SpanFlag[]
}

export interface ExportTrace {
  id: string
  sourceTraceId: string
  name: string
  sessionId: string | null
  userId: string | null
  tags: string[]
  environment: string | null
  project: string | null
  /** ISO 8601, UTC, microsecond precision. */
  startTime: string
  durationMs: number
  status: TraceStatus
  spanCount: number
  errorCount: number
  retryCount: number
  inputTokens: number
  outputTokens: number
  cost: number
  costEstimated: boolean
  models: string[]
  source: { format: string; file: string }
  attributes: Record<string, Json>
  spans: ExportSpan[]
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT
  version: typeof EXPORT_VERSION
  exportedAt: string
  traces: ExportTrace[]
}

/** Microseconds since the epoch → ISO 8601 UTC with 6 fractional digits. */
export function isoMicros(us: number): string {
  const ms = Math.floor(us / 1000)
  const frac = String(us - ms * 1000).padStart(3, '0')
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${frac}Z`)
}

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/

/** ISO 8601 → microseconds since the epoch (fractions parsed as digits, not through a float). */
export function parseIsoMicros(s: string): number | undefined {
  const m = ISO.exec(s)
  if (!m) return undefined
  const base = Date.parse(`${m[1]}${m[3] ?? 'Z'}`)
  if (Number.isNaN(base)) return undefined
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6)
  return base * 1000 + Number(frac)
}

/** Milliseconds with microsecond precision (as exported) → integer microseconds. */
export function msToMicros(ms: number): number {
  return Math.round(ms * 1000)
}

/** Integer microseconds → milliseconds, exact to the microsecond. */
export function microsToMs(us: number): number {
  return us / 1000
}
