/**
 * OpenAI Agents SDK traces. No official file export exists; what circulates is the ingest body
 * `{data:[trace, span…]}` POSTed to `/v1/traces/ingest`, `{trace_id, spans:[…]}` documents, bare
 * arrays of items, and JSON Lines of items written by custom processors (one item per line).
 *
 * Mapping: `trace_…` ids → trace, `workflow_name` → trace name, `group_id` → session, trace
 * `metadata` → attributes. Each `trace.span` → span: `id`/`parent_id`, ISO `started_at`/
 * `ended_at`, `error{message,data}` → failed + error. `span_data.type` gives the kind and fields
 * (see `openai-agents/span-data.ts`). The name is `span_data.name`, else a label built from the
 * type (`generation`, `handoff A → B`…). There is no cost field in this format.
 */
import type { Json, RawSpan, RawTrace } from '../../../../shared/model'
import { toJson } from '../decode'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { spanDataFields } from './openai-agents/span-data'
import { anyTimeToMicros } from './common/time'
import { isObj, jsonAttrs, str, type Obj } from './common/values'
import { splitByContainer } from './common/split'

const isItem = (v: unknown): v is Obj =>
  isObj(v) && (v.object === 'trace' || v.object === 'trace.span' || isObj(v.span_data))

function detectIngest(value: unknown): string | null {
  if (!isObj(value) || !Array.isArray(value.data) || !isObj(value.data[0])) return null
  const o = value.data[0].object
  if (o === 'trace' || o === 'trace.span')
    return `data[0].object is "${o}" (OpenAI Agents ingest body)`
  if (isObj(value.data[0].span_data)) return 'data[] items have span_data (OpenAI Agents)'
  return null
}

function detectDocument(value: unknown): string | null {
  if (
    isObj(value) &&
    Array.isArray(value.spans) &&
    value.spans.slice(0, 4).some((s) => isObj(s) && isObj(s.span_data))
  ) {
    return 'spans[] items have span_data (OpenAI Agents trace)'
  }
  return null
}

function detectItems(value: unknown): string | null {
  if (Array.isArray(value) && value.length > 0 && value.slice(0, 4).every(isItem)) {
    return 'array of OpenAI Agents trace/span items'
  }
  if (isObj(value) && isObj(value.span_data))
    return 'a span with span_data (OpenAI Agents JSON Lines)'
  if (isObj(value) && value.object === 'trace' && typeof value.id === 'string') {
    return 'a trace item (OpenAI Agents JSON Lines)'
  }
  return null
}

/** The list of items and the enclosing trace fields, whatever the container. */
function itemsOf(value: unknown): { items: unknown[]; outer?: Obj } | undefined {
  if (Array.isArray(value)) return { items: value }
  if (!isObj(value)) return undefined
  if (Array.isArray(value.data)) return { items: value.data }
  if (Array.isArray(value.spans)) return { items: value.spans, outer: value }
  if (isItem(value)) return { items: [value] }
  return undefined
}

function traceInfo(t: Obj, into: RawTrace): void {
  const name = str(t.workflow_name) ?? str(t.name)
  if (name) into.name = name
  const group = str(t.group_id)
  if (group) into.sessionId = group
  const attrs: Record<string, Json> = { ...(into.attributes ?? {}) }
  if (isObj(t.metadata)) Object.assign(attrs, jsonAttrs(t.metadata, 'metadata.'))
  if (Object.keys(attrs).length) into.attributes = attrs
}

function toSpan(item: Obj, index: number): RawSpan | null {
  const start = anyTimeToMicros(item.started_at)
  if (start === null) return null
  const data = isObj(item.span_data) ? item.span_data : {}
  const end = anyTimeToMicros(item.ended_at)
  const span: RawSpan = {
    id: str(item.id) ?? `span-${index}`,
    parentId: str(item.parent_id) ?? null,
    start,
    end,
    ...spanDataFields(data),
  }
  if (item.error !== null && item.error !== undefined) {
    const e = isObj(item.error) ? item.error : { message: item.error }
    span.failed = true
    // The SDK's message is generic ("Error in agent run"); the cause is in `data.error`.
    const detail = isObj(e.data) ? str(e.data.error) : undefined
    const message = str(e.message) ?? 'error'
    span.error = { message: detail && detail !== message ? `${message}: ${detail}` : message }
    const code = str(e.code) ?? (isObj(e.data) ? str(e.data.code) : undefined)
    if (code) span.error.type = code
    if (e.data !== undefined && e.data !== null) {
      span.attributes = { ...(span.attributes ?? {}), 'error.data': toJson(e.data) }
    }
  } else if (data.type === 'guardrail' && data.triggered === true) {
    // A tripped guardrail stops the run (or rejects its output): shown as the failing step.
    span.failed = true
    span.error = {
      type: 'GuardrailTripwireTriggered',
      message: `guardrail "${span.name}" was triggered`,
    }
  }
  return span
}

/**
 * The JS SDK's `response` spans carry no usage; the enclosing `turn` span has that model call's
 * usage. When a turn has exactly one model-call child without tokens, the child gets them too.
 */
function fillTurnUsage(spans: RawSpan[]): void {
  const children = new Map<string, RawSpan[]>()
  for (const s of spans) {
    if (!s.parentId) continue
    const list = children.get(s.parentId) ?? []
    list.push(s)
    children.set(s.parentId, list)
  }
  for (const turn of spans) {
    if (turn.attributes?.['openai_agents.span_type'] !== 'custom' || turn.inputTokens === undefined)
      continue
    const calls = (children.get(turn.id) ?? []).filter((c) => c.kind === 'llm')
    const [call] = calls
    if (calls.length !== 1 || call.inputTokens !== undefined || call.outputTokens !== undefined)
      continue
    call.inputTokens = turn.inputTokens
    if (turn.outputTokens !== undefined) call.outputTokens = turn.outputTokens
    call.attributes = { ...(call.attributes ?? {}), 'openai_agents.usage_from': 'turn' }
  }
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const got = itemsOf(value)
  if (!got)
    throw new ImportError(
      'OpenAI Agents: expected {data:[…]}, {trace_id, spans:[…]} or trace/span items',
    )
  const traces = new Map<string, RawTrace>()
  const traceFor = (id: string): RawTrace => {
    let t = traces.get(id)
    if (!t) traces.set(id, (t = { sourceTraceId: id, spans: [] }))
    return t
  }
  const outerId = got.outer ? (str(got.outer.trace_id) ?? str(got.outer.id)) : undefined
  if (got.outer && outerId) traceInfo(got.outer, traceFor(outerId))
  let skipped = 0
  got.items.forEach((item, i) => {
    if (!isObj(item)) return void skipped++
    if (item.object === 'trace') {
      const id = str(item.id) ?? str(item.trace_id)
      if (id) traceInfo(item, traceFor(id))
      else skipped++
      return
    }
    const traceId = str(item.trace_id) ?? outerId
    const span = traceId ? toSpan(item, i) : null
    if (!traceId || !span) return void skipped++
    traceFor(traceId).spans.push(span)
  })
  if (skipped) ctx.warn(`${skipped} item(s) without a trace id or a usable started_at were skipped`)
  const out = [...traces.values()]
  for (const t of out) {
    fillTurnUsage(t.spans)
    if (!t.name) {
      const root = t.spans.find((s) => !s.parentId)
      if (root) t.name = root.name
    }
  }
  if (out.length === 0) throw new ImportError('OpenAI Agents: no trace or span items found')
  return out
}

const label = 'OpenAI Agents SDK'
const convertItem = (unit: unknown, _c: unknown, ctx: ImportContext): RawTrace[] =>
  convert([unit], ctx)

/**
 * OpenAI Agents SDK importers, one per container (their streaming units differ): the ingest body
 * `{data:[…]}`, `{trace_id, spans:[…]}` documents (each span streamed with the trace fields seen
 * before `spans`), and bare arrays or single JSON Lines items.
 */
export const openaiAgentsImporter: Importer = {
  format: 'openai-agents',
  label,
  detect: detectIngest,
  convert,
  stream: { path: ['data', '*'], convertUnit: convertItem },
}
export const openaiAgentsTraceImporter: Importer = {
  format: 'openai-agents',
  label,
  detect: detectDocument,
  convert,
  stream: {
    path: ['spans', '*'],
    convertUnit: (unit, context, ctx) => convert({ ...(context[0] ?? {}), spans: [unit] }, ctx),
  },
}
/** Single JSON Lines items, and bare arrays of items streamed one by one. */
export const [openaiAgentsItemImporter, openaiAgentsItemsImporter] = splitByContainer(
  { format: 'openai-agents', label, detect: detectItems, convert },
  (unit, ctx) => convert([unit], ctx),
)
