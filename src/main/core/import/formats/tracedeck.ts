/**
 * tracedeck's own export format, v1 (docs/export-format.md): re-importing an export gives the
 * same traces back — times to the microsecond, payloads with their chat views, stated versus
 * estimated cost, and spans whose end time was missing at the original import stay flagged.
 */
import type {
  Json,
  Payload,
  RawSpan,
  RawTrace,
  SpanError,
  SpanKind,
} from '../../../../shared/model'
import { SPAN_KINDS } from '../../../../shared/model'
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  msToMicros,
  parseIsoMicros,
} from '../../export/tracedeck-format'
import { ImportError, type ImportContext, type Importer } from '../importer'

type Obj = Record<string, unknown>

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function optNum(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

function payload(v: unknown): Payload | undefined {
  if (v === null || v === undefined) return undefined
  if (isObj(v) && 'value' in v) return v as unknown as Payload
  return { value: v as Json }
}

function checkHeader(doc: Obj): void {
  if (doc.version !== EXPORT_VERSION) {
    throw new ImportError(
      `it is a tracedeck export of version ${String(doc.version)}; this tracedeck reads version ${EXPORT_VERSION}`,
    )
  }
}

function convertSpan(s: unknown, origin: number, traceNo: number, spanNo: number): RawSpan {
  if (!isObj(s)) throw new ImportError(`trace ${traceNo + 1}, span ${spanNo + 1} is not an object`)
  const startMs = optNum(s.startMs)
  if (typeof s.id !== 'string' || startMs === undefined) {
    throw new ImportError(
      `trace ${traceNo + 1}, span ${spanNo + 1} needs a string "id" and a numeric "startMs"`,
    )
  }
  const start = origin + msToMicros(startMs)
  const durationMs = optNum(s.durationMs)
  const flags = Array.isArray(s.flags) ? s.flags : []
  const kind = SPAN_KINDS.includes(s.kind as SpanKind) ? (s.kind as SpanKind) : 'span'
  const span: RawSpan = {
    id: s.id,
    parentId: optStr(s.parentId) ?? null,
    name: optStr(s.name) ?? '(unnamed)',
    kind,
    failed: s.status === 'error' || s.status === 'retry',
    start,
    end:
      flags.includes('missing-end') || durationMs === undefined
        ? null
        : start + msToMicros(durationMs),
  }
  const service = optStr(s.service)
  const model = optStr(s.model)
  const provider = optStr(s.provider)
  if (service !== undefined) span.service = service
  if (model !== undefined) span.model = model
  if (provider !== undefined) span.provider = provider
  const it = optNum(s.inputTokens)
  const ot = optNum(s.outputTokens)
  if (it !== undefined) span.inputTokens = it
  if (ot !== undefined) span.outputTokens = ot
  // An estimated cost is re-estimated from the price table, so it stays marked as estimated.
  const cost = optNum(s.cost)
  if (cost !== undefined && s.costEstimated !== true) span.cost = cost
  const input = payload(s.input)
  const output = payload(s.output)
  if (input) span.input = input
  if (output) span.output = output
  if (isObj(s.error) && typeof s.error.message === 'string')
    span.error = s.error as unknown as SpanError
  if (isObj(s.attributes)) span.attributes = s.attributes as Record<string, Json>
  if (Array.isArray(s.events)) {
    span.events = s.events.filter(isObj).map((e) => {
      const ev: NonNullable<RawSpan['events']>[number] = {
        name: optStr(e.name) ?? 'event',
        time: origin + msToMicros(optNum(e.timeMs) ?? 0),
      }
      if (isObj(e.attributes)) ev.attributes = e.attributes as Record<string, Json>
      return ev
    })
  }
  return span
}

function convertTrace(t: unknown, traceNo: number): RawTrace {
  if (!isObj(t)) throw new ImportError(`trace ${traceNo + 1} is not an object`)
  const origin = typeof t.startTime === 'string' ? parseIsoMicros(t.startTime) : undefined
  if (origin === undefined)
    throw new ImportError(`trace ${traceNo + 1} has no valid ISO "startTime"`)
  if (!Array.isArray(t.spans)) throw new ImportError(`trace ${traceNo + 1} has no "spans" array`)
  const sourceTraceId = optStr(t.sourceTraceId) ?? optStr(t.id)
  if (!sourceTraceId) throw new ImportError(`trace ${traceNo + 1} has no "id"`)
  const raw: RawTrace = {
    sourceTraceId,
    spans: t.spans.map((s, i) => convertSpan(s, origin, traceNo, i)),
  }
  const name = optStr(t.name)
  if (name !== undefined) raw.name = name
  for (const k of ['sessionId', 'userId', 'environment', 'project'] as const) {
    const v = optStr(t[k])
    if (v !== undefined) raw[k] = v
  }
  if (Array.isArray(t.tags)) raw.tags = t.tags.filter((x): x is string => typeof x === 'string')
  if (isObj(t.attributes)) raw.attributes = t.attributes as Record<string, Json>
  const cost = optNum(t.cost)
  if (cost !== undefined && t.costEstimated === false && t.spans.length > 0) raw.cost = cost
  return raw
}

/** tracedeck export format v1. */
export const tracedeckImporter: Importer = {
  format: 'tracedeck',
  label: 'tracedeck export (format "tracedeck")',
  detect(value) {
    return isObj(value) && value.format === EXPORT_FORMAT && Array.isArray(value.traces)
      ? `"format": "${EXPORT_FORMAT}" with a "traces" array`
      : null
  },
  convert(value: unknown, _ctx: ImportContext) {
    if (!isObj(value) || !Array.isArray(value.traces))
      throw new ImportError('it has no "traces" array')
    checkHeader(value)
    return value.traces.map((t, i) => convertTrace(t, i))
  },
  stream: {
    path: ['traces', '*'],
    convertUnit(unit, context) {
      const doc = context[0] ?? {}
      if (doc.version !== undefined) checkHeader(doc as Obj)
      return [convertTrace(unit, 0)]
    },
  },
}
