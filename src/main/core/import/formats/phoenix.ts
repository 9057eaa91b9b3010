/**
 * Phoenix span JSON, as returned by `GET /v1/projects/{p}/spans` (`{data:[…], next_cursor}`) or
 * saved as an array (also one span per JSON Lines line).
 *
 * Mapping: `context.trace_id`/`span_id` → ids (the top-level `id` is Phoenix's global id, kept as
 * attribute `phoenix.id`), `parent_id`, ISO `start_time`/`end_time`, `span_kind` → kind
 * (OpenInference labels), `status_code` ERROR → failed with `status_message` (and the
 * `exception` event's type and stack). Attributes, flat dotted or nested (older spec), are read
 * through the shared conventions: `llm.*` model/tokens/messages, `input.value`/`output.value`,
 * `session.id` → session, `user.id` → user.
 */
import type { Json, RawSpan, RawTrace } from '../../../../shared/model'
import { SCORES_ATTRIBUTE, toScore } from '../../../../shared/scores'
import { addTraceFields, flattenAttributes, readTraceFields } from '../conventions'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { attrsOf, buildOtelSpan, readEvents } from './common/otel-like'
import { anyTimeToMicros } from './common/time'
import { isObj, str, type Obj } from './common/values'
import { splitByContainer } from './common/split'

const isSpan = (v: unknown): v is Obj =>
  isObj(v) && isObj(v.context) && v.context.span_id !== undefined && typeof v.span_kind === 'string'

function spansOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (isObj(value) && Array.isArray(value.data)) return value.data
  if (isSpan(value)) return [value]
  return undefined
}

const spanList = (list: unknown): boolean =>
  Array.isArray(list) && list.length > 0 && list.slice(0, 4).every(isSpan)

function detectPage(value: unknown): string | null {
  return isObj(value) && spanList(value.data)
    ? 'data[] of spans with context.span_id and span_kind (Phoenix span JSON)'
    : null
}

function detectSpans(value: unknown): string | null {
  if (isSpan(value)) return 'a span with context.span_id and span_kind (Phoenix)'
  return spanList(value)
    ? 'array of spans with context.span_id and span_kind (Phoenix span JSON)'
    : null
}

/**
 * Phoenix span annotations kept with a span (`annotations: [{name, annotator_kind,
 * result: {score, label, explanation}}]`, the shape of `/v1/span_annotations`) as scores.
 */
function annotationScores(v: unknown): Json[] {
  if (!Array.isArray(v)) return []
  const out: Json[] = []
  for (const a of v) {
    if (!isObj(a)) continue
    const r = isObj(a.result) ? a.result : a
    const score = toScore({
      name: str(a.name) ?? null,
      value: typeof r.score === 'number' ? r.score : null,
      label: str(r.label) ?? null,
      comment: str(r.explanation) ?? null,
      source: str(a.annotator_kind) ?? null,
    })
    if (score) out.push(score as unknown as Json)
  }
  return out
}

function toSpan(s: Obj): { traceId: string; span: RawSpan } | null {
  const ctx = s.context as Obj
  const traceId = str(ctx.trace_id)
  const id = str(ctx.span_id)
  const start = anyTimeToMicros(s.start_time)
  if (!traceId || !id || start === null) return null
  const attributes: Record<string, Json> = isObj(s.attributes) ? attrsOf(s.attributes) : {}
  const gid = str(s.id)
  if (gid) attributes['phoenix.id'] = gid
  const scores = annotationScores(s.annotations)
  if (scores.length) attributes[SCORES_ATTRIBUTE] = scores
  const span = buildOtelSpan({
    id,
    parentId: str(s.parent_id) ?? null,
    name: str(s.name) ?? '(unnamed)',
    start,
    end: anyTimeToMicros(s.end_time),
    status: s.status_code,
    statusMessage: str(s.status_message),
    attributes,
    events: readEvents(s.events, start),
    kindLabel: str(s.span_kind),
  })
  return { traceId, span }
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const list = spansOf(value)
  if (!list) throw new ImportError('Phoenix: expected {data:[…]} or an array of spans')
  const traces = new Map<string, RawTrace>()
  let skipped = 0
  for (const item of list) {
    const r = isSpan(item) ? toSpan(item) : null
    if (!r) {
      skipped++
      continue
    }
    let t = traces.get(r.traceId)
    if (!t) traces.set(r.traceId, (t = { sourceTraceId: r.traceId, spans: [] }))
    t.spans.push(r.span)
    // OpenInference `tag.tags` and other trace fields a span carries.
    if (r.span.attributes) addTraceFields(t, readTraceFields(flattenAttributes(r.span.attributes)))
    if (r.span.sessionId && !t.sessionId) t.sessionId = r.span.sessionId
    if (r.span.userId && !t.userId) t.userId = r.span.userId
  }
  if (skipped)
    ctx.warn(`${skipped} item(s) without context.trace_id/span_id or start_time were skipped`)
  for (const t of traces.values()) {
    const root = t.spans.find((s) => !s.parentId)
    if (root) t.name = root.name
  }
  if (traces.size === 0 && list.length > 0)
    throw new ImportError('Phoenix: no span has a trace id, a span id and a start time')
  return [...traces.values()]
}

const label = 'Phoenix span JSON'
const convertUnit = (unit: unknown, _c: unknown, ctx: ImportContext): RawTrace[] =>
  convert([unit], ctx)

/** Phoenix span JSON importers: the `{data, next_cursor}` page and bare arrays (or one span per line). */
export const phoenixImporter: Importer = {
  format: 'phoenix',
  label,
  detect: detectPage,
  convert,
  stream: { path: ['data', '*'], convertUnit },
}
/** A lone span (one per JSON Lines line) and bare arrays of spans, which stream span by span. */
export const [phoenixSpanImporter, phoenixArrayImporter] = splitByContainer(
  { format: 'phoenix', label, detect: detectSpans, convert },
  (unit, ctx) => convert([unit], ctx),
)
