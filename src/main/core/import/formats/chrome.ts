/**
 * Chrome Trace Event format (chrome://tracing, Perfetto, speedscope exports): a bare array of
 * events or `{traceEvents:[…]}`; the closing `]` may be missing (the pipeline's parse step 3).
 *
 * Mapping: one trace per file (the format has no trace ids). `X` events and matched `B`/`E`
 * pairs become spans nested by time per (pid, tid); async `b`/`e` (and legacy `S`/`F`) pairs
 * become top-level spans nested per id, with attribute `chrome.async = true`. `M` metadata names
 * processes (→ span service) and threads (→ attribute `thread.name`). Instant events become span
 * events of the innermost enclosing slice. `args` are kept as `args.*` attributes; a model or
 * token counts in args (`model`, `input_tokens`…) are read as LLM data. `ts`/`dur` are
 * microseconds (floats rounded); they are relative to an arbitrary origin, kept as given.
 */
import type { Json, RawSpan, RawTrace } from '../../../../shared/model'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { argsAttributes, buildSlices, type Slice } from './chrome/slices'
import { applyLlmConventions } from './common/llm'
import { arr, count, first, isObj, jsonAttrs, str, type Obj } from './common/values'
import { toPayload } from '../chat'
import { toJson } from '../decode'

function eventsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (isObj(value)) return arr(value.traceEvents)
  return undefined
}

function detect(value: unknown): string | null {
  if (isObj(value) && Array.isArray(value.traceEvents)) return 'object has a traceEvents array'
  if (Array.isArray(value)) {
    const sample = value.slice(0, 16).filter(isObj)
    if (sample.length > 0 && sample.every((e) => typeof e.ph === 'string')) {
      return 'array of events with a "ph" phase field'
    }
  }
  return null
}

function names(events: unknown[]): { process: Map<string, string>; thread: Map<string, string> } {
  const process = new Map<string, string>()
  const thread = new Map<string, string>()
  for (const ev of events) {
    if (!isObj(ev) || ev.ph !== 'M' || !isObj(ev.args)) continue
    const name = str(ev.args.name)
    if (!name) continue
    if (ev.name === 'process_name') process.set(str(ev.pid) ?? '', name)
    if (ev.name === 'thread_name')
      thread.set(`${str(ev.pid) ?? ''}\u0000${str(ev.tid) ?? ''}`, name)
  }
  return { process, thread }
}

/**
 * LLM data can only live in `args`: a model, token counts, and the prompt/response under the
 * names people give them (`input`/`messages`/`prompt`, `output`/`response`/`completion`).
 */
function llmFields(args: Obj): Partial<RawSpan> {
  const model = str(args.model) ?? str(args.model_name)
  const input = count(args.input_tokens ?? args.prompt_tokens)
  const output = count(args.output_tokens ?? args.completion_tokens)
  const out: Partial<RawSpan> = {}
  if (typeof model === 'string') out.model = model
  if (input !== undefined) out.inputTokens = input
  if (output !== undefined) out.outputTokens = output
  if (out.model || input !== undefined || output !== undefined) out.kind = 'llm'
  const inValue = first(args, 'input', 'messages', 'prompt')
  const outValue = first(args, 'output', 'response', 'completion')
  if (inValue !== undefined) out.input = toPayload(inValue)
  if (outValue !== undefined) out.output = toPayload(outValue)
  return out
}

const eventAttrs = (args: Obj): { attributes?: Record<string, Json> } =>
  Object.keys(args).length ? { attributes: argsAttributes(args) } : {}

function toSpan(s: Slice, n: ReturnType<typeof names>): RawSpan {
  const threadName = n.thread.get(`${s.pid}\u0000${s.tid}`)
  const attributes = {
    ...argsAttributes(s.args),
    'process.pid': s.pid,
    'thread.id': s.tid,
    ...(threadName ? { 'thread.name': threadName } : {}),
    ...(s.cat ? { 'chrome.category': s.cat } : {}),
    ...(s.phase === 'b' || s.phase === 'S' ? { 'chrome.async': true } : {}),
    ...(s.asyncId ? { 'chrome.async_id': s.asyncId } : {}),
    'chrome.phase': s.phase,
  }
  const span: RawSpan = {
    id: s.id,
    parentId: s.parentId ?? null,
    name: s.name,
    start: s.start,
    end: s.end,
    service: n.process.get(s.pid) ?? `pid ${s.pid}`,
    attributes,
    ...llmFields(s.args),
  }
  applyLlmConventions(span, toJson(s.args) as Record<string, Json>)
  if (s.steps.length)
    span.events = s.steps.map((t) => ({ name: t.name, time: t.time, ...eventAttrs(t.args) }))
  return span
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const events = eventsOf(value)
  if (!events)
    throw new ImportError('Chrome trace: expected an array of events or {traceEvents:[…]}')
  const n = names(events)
  const r = buildSlices(events)
  if (r.unmatchedEnds)
    ctx.warn(`${r.unmatchedEnds} end event(s) (E/e/F) without a matching begin were skipped`)
  if (r.unclosed) ctx.warn(`${r.unclosed} begin event(s) (B) were never closed; kept with no end`)
  if (r.unclosedAsync)
    ctx.warn(`${r.unclosedAsync} async begin event(s) (b/S) were never closed and were skipped`)
  if (r.droppedInstants)
    ctx.warn(`${r.droppedInstants} instant event(s) outside any slice were skipped`)
  for (const u of r.unmatched) ctx.repair?.('unmatched', u.message, u.spanId)
  const spans = r.slices.map((s) => toSpan(s, n))
  const byId = new Map(spans.map((s) => [s.id, s]))
  for (const i of r.instants) {
    const host = byId.get(i.sliceId)
    if (!host) continue
    ;(host.events ??= []).push({ name: i.name, time: i.time, ...eventAttrs(i.args) })
  }
  if (spans.length === 0)
    throw new ImportError('Chrome trace: no complete (X), begin/end (B/E) or async (b/e) events')
  const meta = isObj(value) && isObj(value.metadata) ? value.metadata : undefined
  const firstProcess = n.process.values().next().value
  // Without a process name, the trace is named after its first top-level slice in time.
  const first = spans
    .filter((s) => !s.parentId)
    .reduce((a, b) => (b.start < a.start ? b : a), spans[0])
  return [
    {
      sourceTraceId: 'chrome-trace',
      name: firstProcess ?? first.name,
      ...(meta ? { attributes: jsonAttrs(meta, 'chrome.metadata.') } : {}),
      spans,
    },
  ]
}

/** Chrome Trace Event format importer. */
export const chromeImporter: Importer = {
  format: 'chrome',
  label: 'Chrome Trace Event',
  detect,
  convert,
}
