/**
 * Zipkin v2 JSON: an array of spans (`POST /api/v2/spans`, `GET /api/v2/trace/{id}`) or an array
 * of arrays (`GET /api/v2/traces`), one array per trace.
 *
 * Mapping: `traceId` → trace, `id`/`parentId` → span ids (lower-cased and zero-padded to 16 or 32
 * hex digits, as Zipkin compares them);
 * `timestamp`/`duration` are microseconds; `localEndpoint.serviceName` → service;
 * `remoteEndpoint.serviceName` → attribute `peer.service`; `kind` → attribute `span.kind`;
 * tags → attributes (string values; LLM conventions such as `gen_ai.*` read through the shared
 * conventions, token counts parsed from strings); annotations → events; a `tags.error` → failed,
 * with the tag's text as the error message.
 *
 * Records sharing an id are one span: the client half, the `shared:true` server half and
 * repeated partial reports. They are merged here: the longest record gives the times (halves
 * come from different hosts whose clocks differ, so times are never mixed), the others fill in
 * missing fields, and the server half's own times are kept as `server.start` / `server.end`
 * events. A record without `timestamp` is placed at its earliest annotation, else its parent's
 * start, else the trace start; a record without `duration` has no end (flagged by the normaliser).
 */
import type { Json, RawSpan, RawTrace, SpanEvent } from '../../../../shared/model'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { applyLlmConventions } from './common/llm'
import { isObj, num, str, type Obj } from './common/values'

function isZipkinSpan(v: unknown): v is Obj {
  return (
    isObj(v) &&
    typeof v.traceId === 'string' &&
    v.traceId !== '' &&
    typeof v.id === 'string' &&
    v.id !== '' &&
    (v.timestamp !== undefined || isObj(v.localEndpoint) || typeof v.kind === 'string')
  )
}

function detect(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return null
  const items = value.slice(0, 8)
  if (items.every(isZipkinSpan))
    return 'array of spans with traceId, id and timestamp/localEndpoint/kind'
  if (
    items.every((t) => Array.isArray(t) && t.slice(0, 4).every(isZipkinSpan)) &&
    items.some((t) => (t as unknown[]).length > 0)
  ) {
    return 'array of traces, each an array of Zipkin spans'
  }
  return null
}

/**
 * An id as Zipkin compares them: lower-case hex, left-padded with zeros to 16 (or, past 16, to 32)
 * digits, since writers drop leading zeros ("c26551047c72d19" is "0c26551047c72d19").
 */
function zid(v: unknown): string | undefined {
  const s = lower(v)
  if (s === undefined || !/^[0-9a-f]{1,32}$/.test(s)) return s
  return s.padStart(s.length <= 16 ? 16 : 32, '0')
}

function lower(v: unknown): string | undefined {
  const s = str(v)
  return s === undefined ? undefined : s.toLowerCase()
}

function tagsOf(r: Obj): Record<string, Json> {
  const out: Record<string, Json> = {}
  if (isObj(r.tags))
    for (const [k, v] of Object.entries(r.tags)) out[k] = typeof v === 'string' ? v : String(v)
  return out
}

function annotations(r: Obj): SpanEvent[] {
  if (!Array.isArray(r.annotations)) return []
  const out: SpanEvent[] = []
  for (const a of r.annotations) {
    const t = isObj(a) ? num(a.timestamp) : undefined
    if (t !== undefined && isObj(a))
      out.push({ name: str(a.value) ?? 'annotation', time: Math.round(t) })
  }
  return out
}

/** The record whose times the merged span keeps: the longest; on a tie, not the shared half. */
function primaryOf(records: Obj[]): Obj {
  let best = records[0]
  const score = (r: Obj): number => num(r.duration) ?? -1
  for (const r of records.slice(1)) {
    if (
      score(r) > score(best) ||
      (score(r) === score(best) && best.shared === true && r.shared !== true)
    )
      best = r
  }
  return best
}

function mergeRecords(records: Obj[]): { span: RawSpan; tsKnown: boolean } {
  const p = primaryOf(records)
  const others = records.filter((r) => r !== p)
  const all = [p, ...others]
  const pick = (f: (r: Obj) => string | undefined): string | undefined =>
    all.map(f).find((x) => x !== undefined)
  const attributes: Record<string, Json> = {}
  for (const r of [...others].reverse()) Object.assign(attributes, tagsOf(r))
  Object.assign(attributes, tagsOf(p))
  const events = all.flatMap(annotations)
  for (const r of others) {
    const t = num(r.timestamp)
    const side = r.shared === true ? 'server' : (lower(r.kind) ?? 'record')
    const svc = isObj(r.localEndpoint) ? str(r.localEndpoint.serviceName) : undefined
    const at: Record<string, Json> = svc ? { 'service.name': svc } : {}
    if (t === undefined) continue
    events.push({ name: `${side}.start`, time: Math.round(t), attributes: at })
    const d = num(r.duration)
    if (d !== undefined)
      events.push({ name: `${side}.end`, time: Math.round(t + d), attributes: at })
  }
  const kind = str(p.kind)
  if (kind) attributes['span.kind'] = kind.toLowerCase()
  const remote = pick((r) =>
    isObj(r.remoteEndpoint) ? str(r.remoteEndpoint.serviceName) : undefined,
  )
  if (remote) attributes['peer.service'] = remote
  if (records.some((r) => r.debug === true)) attributes['zipkin.debug'] = true
  const ts = num(p.timestamp) ?? others.map((r) => num(r.timestamp)).find((x) => x !== undefined)
  const dur = num(p.duration)
  events.sort((a, b) => a.time - b.time)
  const span: RawSpan = {
    id: zid(p.id)!,
    parentId: pick((r) => zid(r.parentId)) ?? null,
    name: pick((r) => str(r.name)) ?? '(unnamed)',
    start: ts !== undefined ? Math.round(ts) : (events[0]?.time ?? NaN),
    end: ts !== undefined && dur !== undefined ? Math.round(ts) + Math.round(dur) : null,
    service: pick((r) => (isObj(r.localEndpoint) ? str(r.localEndpoint.serviceName) : undefined)),
    attributes,
  }
  if (events.length) span.events = events
  if (attributes.error !== undefined) {
    const msg = String(attributes.error)
    span.failed = true
    span.error = { message: msg === '' || msg === 'true' ? 'error' : msg }
  }
  applyLlmConventions(span, attributes, span.events)
  return { span, tsKnown: ts !== undefined || events.length > 0 }
}

/** Converts a flat list of Zipkin span records to traces. */
function convertRecords(records: unknown[], ctx: ImportContext): RawTrace[] {
  const byTrace = new Map<string, Map<string, Obj[]>>()
  let skipped = 0
  for (const r of records) {
    if (!isZipkinSpan(r)) {
      skipped++
      continue
    }
    const t = zid(r.traceId)!
    const spans = byTrace.get(t) ?? new Map<string, Obj[]>()
    byTrace.set(t, spans)
    const id = zid(r.id)!
    const group = spans.get(id)
    if (group) group.push(r)
    else spans.set(id, [r])
  }
  if (skipped) ctx.warn(`${skipped} record(s) without traceId/id were skipped`)
  const traces: RawTrace[] = []
  let merged = 0
  let placed = 0
  for (const [traceId, groups] of byTrace) {
    const spans: RawSpan[] = []
    const unknownStart: RawSpan[] = []
    for (const recs of groups.values()) {
      const { span, tsKnown } = mergeRecords(recs)
      if (recs.length > 1) {
        merged += recs.length - 1
        ctx.repair?.('duplicate-id', mergedMessage(recs, span.name), span.id)
      }
      spans.push(span)
      if (!tsKnown) unknownStart.push(span)
    }
    placeUnknown(spans, unknownStart)
    placed += unknownStart.length
    // Named after the root; a unit without it (streamed span by span) leaves the name to others.
    const root = spans.find((s) => !s.parentId)
    traces.push(
      root ? { sourceTraceId: traceId, name: root.name, spans } : { sourceTraceId: traceId, spans },
    )
  }
  if (merged)
    ctx.warn(
      `${merged} duplicate record(s) (shared server halves or repeated reports) merged into their span`,
    )
  if (placed)
    ctx.warn(`${placed} span(s) had no timestamp; placed at their parent's or the trace's start`)
  return traces
}

/** "client and shared server halves of "get" (2 records) merged into one span". */
function mergedMessage(recs: Obj[], name: string): string {
  const shared = recs.some((r) => r.shared === true)
  const what = shared ? 'client and shared server halves' : 'repeated reports'
  return `${what} of "${name}" (${recs.length} records) merged into one span`
}

function placeUnknown(spans: RawSpan[], unknown: RawSpan[]): void {
  if (!unknown.length) return
  const byId = new Map(spans.map((s) => [s.id, s]))
  let traceStart = Infinity
  for (const s of spans) if (Number.isFinite(s.start) && s.start < traceStart) traceStart = s.start
  if (traceStart === Infinity) traceStart = 0
  for (const s of unknown) {
    const parent = s.parentId ? byId.get(s.parentId) : undefined
    s.start = parent && Number.isFinite(parent.start) ? parent.start : traceStart
    s.end = null
  }
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  if (!Array.isArray(value))
    throw new ImportError('Zipkin: expected an array of spans or of traces')
  const flat = value.every(Array.isArray) ? (value as unknown[][]).flat() : value
  const traces = convertRecords(flat, ctx)
  if (traces.length === 0) throw new ImportError('Zipkin: no span has a traceId and an id')
  return traces
}

/** Zipkin v2 JSON importer. */
export const zipkinImporter: Importer = {
  format: 'zipkin',
  label: 'Zipkin v2',
  detect,
  convert,
  stream: {
    // Each element is a span or (for /api/v2/traces) a whole trace; duplicates split across
    // elements are merged later by the normaliser.
    path: ['*'],
    convertUnit: (unit, _context, ctx) => convertRecords(Array.isArray(unit) ? unit : [unit], ctx),
  },
}
