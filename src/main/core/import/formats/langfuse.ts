/**
 * Langfuse trace exports: the UI/tRPC download `{trace, observations}` and the public API
 * `GET /api/public/traces/{id}` (trace fields at the top level plus `observations`, `scores`,
 * `totalCost`, `latency`); also bare observation rows (`GET /api/public/observations` pages
 * `{data, meta}`, observation table exports), grouped into traces by `traceId`.
 *
 * Mapping: the trace object is a container (not a span): `id` → trace, `name`, `sessionId`,
 * `userId`, `tags`, `environment`, `release`/`version`, its input/output and metadata →
 * attributes (`langfuse.trace.*`), scores → `tracedeck.scores` of the span they name (else the trace), public-API `totalCost` →
 * stated trace cost. Every observation → a span (`langfuse/observation.ts`). Observations may be
 * listed twice (top-level and inside `trace.observations`, sometimes stripped): they are
 * de-duplicated on id and the top-level copy wins. `latency` is ignored (seconds in some
 * versions, milliseconds in others): durations come from the timestamps.
 */
import type { Json, RawSpan, RawTrace } from '../../../../shared/model'
import { SCORES_ATTRIBUTE, toScore } from '../../../../shared/scores'
import { decodeJsonDeep, toJson } from '../decode'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { metadataAttributes, observationToSpan } from './langfuse/observation'
import { num, isObj, str, type Obj } from './common/values'

function detectArray(value: unknown): string | null {
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.slice(0, 4).every((t) => detectOne(t) !== null)
  ) {
    return 'array of traces with observations (Langfuse)'
  }
  return null
}

function detectOne(value: unknown): string | null {
  if (!isObj(value)) return null
  if (Array.isArray(value.observations)) {
    return isObj(value.trace)
      ? 'object with trace and observations (Langfuse UI export)'
      : 'object with an observations array (Langfuse API trace)'
  }
  if (isObj(value.trace) && Array.isArray(value.trace.observations))
    return 'trace.observations array (Langfuse export)'
  return null
}

function mergeObservations(top: unknown[], inner: unknown[]): { list: Obj[]; duplicates: number } {
  const byId = new Map<string, Obj>()
  const list: Obj[] = []
  let duplicates = 0
  for (const o of [...top, ...inner]) {
    if (!isObj(o)) continue
    const id = str(o.id)
    if (id === undefined) {
      list.push(o)
      continue
    }
    if (byId.has(id)) {
      duplicates++
      continue
    }
    byId.set(id, o)
    list.push(o)
  }
  return { list, duplicates }
}

function traceAttributes(t: Obj): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const k of ['input', 'output']) {
    if (t[k] !== null && t[k] !== undefined) out[`langfuse.trace.${k}`] = decodeJsonDeep(t[k]).value
  }
  for (const k of ['release', 'version', 'projectId', 'htmlPath', 'bookmarked', 'public']) {
    if (t[k] !== null && t[k] !== undefined) out[`langfuse.trace.${k}`] = toJson(t[k])
  }
  const meta = metadataAttributes(t.metadata).attributes
  for (const [k, v] of Object.entries(meta)) out[`langfuse.trace.${k}`] = v
  return out
}

/**
 * Langfuse scores (`{name, value, stringValue, dataType, comment, source, observationId}`) as
 * tracedeck scores: those naming an observation go to its span, the rest to the trace.
 */
function attachScores(trace: RawTrace, scores: unknown[]): void {
  const bySpan = new Map(trace.spans.map((s) => [s.id, s]))
  for (const raw of scores) {
    if (!isObj(raw)) continue
    const numeric = num(raw.value)
    const label = str(raw.stringValue) ?? (typeof raw.value === 'string' ? raw.value : undefined)
    const score = toScore({
      name: raw.name ?? null,
      value: raw.dataType === 'CATEGORICAL' ? null : (numeric ?? null),
      label: label ?? null,
      comment: toJson(raw.comment ?? null),
      source: toJson(raw.source ?? null),
    })
    if (!score) continue
    const span = bySpan.get(str(raw.observationId) ?? '')
    const holder = span ? (span.attributes ??= {}) : (trace.attributes ??= {})
    const list = Array.isArray(holder[SCORES_ATTRIBUTE]) ? holder[SCORES_ATTRIBUTE] : []
    holder[SCORES_ATTRIBUTE] = [...list, toJson(score)]
  }
}

/** One trace export, or an array of them (several traces downloaded or fetched together). */
function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  if (Array.isArray(value)) return value.flatMap((t) => (detectOne(t) ? convertOne(t, ctx) : []))
  return convertOne(value, ctx)
}

function convertOne(value: unknown, ctx: ImportContext): RawTrace[] {
  if (!isObj(value)) throw new ImportError('Langfuse: expected an object with observations')
  // UI export: {trace, observations}; public API: the trace's fields at the top level.
  const t: Obj = isObj(value.trace) ? value.trace : value
  const top = Array.isArray(value.observations) ? value.observations : []
  const inner =
    isObj(value.trace) && Array.isArray(value.trace.observations) ? value.trace.observations : []
  const { list, duplicates } = mergeObservations(top, inner)
  if (duplicates)
    ctx.warn(
      `${duplicates} observation(s) listed twice (observations and trace.observations) were de-duplicated`,
    )
  const spans: RawSpan[] = []
  let skipped = 0
  for (const o of list) {
    const s = observationToSpan(o)
    if (s) spans.push(s)
    else skipped++
  }
  if (skipped)
    ctx.warn(`${skipped} observation(s) without an id or a usable startTime were skipped`)
  const traceId = str(t.id) ?? list.map((o) => str(o.traceId)).find((x) => x !== undefined)
  if (!traceId) throw new ImportError('Langfuse: the trace has no id and no observation names one')
  if (spans.length === 0 && list.length > 0)
    throw new ImportError('Langfuse: no observation has an id and a start time')
  const trace: RawTrace = { sourceTraceId: traceId, spans, attributes: traceAttributes(t) }
  const name = str(t.name)
  if (name) trace.name = name
  const session = str(t.sessionId)
  if (session) trace.sessionId = session
  const user = str(t.userId)
  if (user) trace.userId = user
  if (Array.isArray(t.tags)) trace.tags = t.tags.filter((x): x is string => typeof x === 'string')
  const env = str(t.environment)
  if (env) trace.environment = env
  const scores = [
    ...(Array.isArray(t.scores) ? t.scores : []),
    ...(t !== value && Array.isArray(value.scores) ? value.scores : []),
  ]
  if (scores.length) attachScores(trace, scores)
  // The public API states the trace total; the UI download has no trace-level cost.
  const total = t === value ? num(value.totalCost) : undefined
  if (total !== undefined && total > 0) trace.cost = total
  return [trace]
}

/** An observation row: `GET /api/public/observations` items, the observations table export. */
function isObservation(v: unknown): v is Obj {
  return (
    isObj(v) &&
    typeof v.id === 'string' &&
    typeof v.traceId === 'string' &&
    typeof v.type === 'string' &&
    v.startTime !== undefined &&
    v.spans === undefined
  )
}

function observationRows(value: unknown): unknown[] | undefined {
  if (isObj(value) && Array.isArray(value.data)) return value.data
  if (Array.isArray(value)) return value
  return undefined
}

function detectObservations(value: unknown): string | null {
  const rows = observationRows(value)
  if (!rows || rows.length === 0 || !rows.slice(0, 4).every(isObservation)) return null
  return Array.isArray(value)
    ? 'array of observations with traceId and type (Langfuse observations export)'
    : 'data[] holds observations with traceId and type (Langfuse /api/public/observations)'
}

/** Observation rows of one or several traces, grouped by `traceId` (no trace object: no session). */
function convertObservations(value: unknown, ctx: ImportContext): RawTrace[] {
  const byTrace = new Map<string, Obj[]>()
  for (const o of observationRows(value) ?? []) {
    if (!isObservation(o)) continue
    const list = byTrace.get(o.traceId as string) ?? []
    list.push(o)
    byTrace.set(o.traceId as string, list)
  }
  if (byTrace.size === 0) throw new ImportError('Langfuse: no observation has an id and a traceId')
  return [...byTrace].flatMap(([id, observations]) => convertOne({ id, observations }, ctx))
}

/** Langfuse trace export importer. */
export const langfuseImporter: Importer = {
  format: 'langfuse',
  label: 'Langfuse',
  detect: detectOne,
  convert,
}
/** Observation rows without their trace (API list pages, table exports), grouped by trace. */
export const langfuseObservationsImporter: Importer = {
  format: 'langfuse',
  label: 'Langfuse',
  detect: detectObservations,
  convert: convertObservations,
}
/** Several traces in one array: each streams as one unit. */
export const langfuseArrayImporter: Importer = {
  format: 'langfuse',
  label: 'Langfuse',
  detect: detectArray,
  convert,
  stream: { path: ['*'], convertUnit: (unit, _c, ctx) => convertOne(unit, ctx) },
}
