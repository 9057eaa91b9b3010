/**
 * One LangSmith run → one span: kind from `run_type`, model/provider from `extra`, tokens and
 * cost from the run's own fields or the outputs' usage, error text split into message, type
 * and Python traceback.
 */
import type { Json, RawSpan, SpanError, SpanEvent, SpanKind } from '../../../../../shared/model'
import { SCORES_ATTRIBUTE, toScore } from '../../../../../shared/scores'
import { toPayload } from '../../chat'
import { toJson } from '../../decode'
import { anyTimeToMicros } from '../common/time'
import { count, first, isObj, jsonAttrs, num, str, type Obj } from '../common/values'

const KIND: Record<string, SpanKind> = {
  llm: 'llm',
  chain: 'chain',
  tool: 'tool',
  retriever: 'retriever',
  embedding: 'embedding',
  prompt: 'span',
  parser: 'span',
}

const obj = (v: unknown): Obj => (isObj(v) ? v : {})

/** LangSmith fills the token fields with 0 for runs without usage: only a positive value is stated. */
const positive = (v: unknown): number | undefined => {
  const n = count(v)
  return n !== undefined && n > 0 ? n : undefined
}

/** `usage_metadata` of the first generation's message (LangChain.js: under `kwargs`). */
function generationUsage(outputs: Obj): Obj {
  const gens = outputs.generations
  const g = Array.isArray(gens) ? (Array.isArray(gens[0]) ? gens[0][0] : gens[0]) : undefined
  const msg = obj(obj(g).message)
  return obj(obj(msg.kwargs).usage_metadata ?? msg.usage_metadata)
}

/**
 * Token counts, from the first place that states them: the run's own fields (the API, the
 * Python SDK), `outputs.usage_metadata`, `outputs.llm_output.token_usage` (Python) or
 * `outputs.llmOutput.tokenUsage` (JS, camelCase), `outputs.usage`, `extra.metadata.usage_metadata`
 * (the JS SDK's place), and the first generation's message `usage_metadata`.
 */
function usage(run: Obj): { input?: number; output?: number } {
  const outputs = obj(run.outputs)
  const places = [
    obj(outputs.usage_metadata),
    obj(obj(outputs.llm_output).token_usage),
    obj(obj(outputs.llmOutput).tokenUsage),
    obj(outputs.usage),
    obj(obj(obj(run.extra).metadata).usage_metadata),
    generationUsage(outputs),
  ]
  const read = (keys: string[]) => {
    for (const p of places) {
      const n = count(first(p, ...keys))
      if (n !== undefined) return n
    }
    return undefined
  }
  return {
    input:
      positive(run.prompt_tokens) ?? read(['input_tokens', 'prompt_tokens', 'promptTokens']),
    output:
      positive(run.completion_tokens) ??
      read(['output_tokens', 'completion_tokens', 'completionTokens']),
  }
}

function cost(run: Obj): number | undefined {
  const total = num(run.total_cost)
  if (total !== undefined && total > 0) return total
  const parts = [num(run.prompt_cost), num(run.completion_cost)].filter(
    (x): x is number => x !== undefined,
  )
  const s = parts.reduce((a, b) => a + b, 0)
  return s > 0 ? s : undefined
}

/** Python error strings: `Type('message')` or `Type: message`, then an optional traceback. */
export function parseError(text: string): SpanError {
  const tb = text.indexOf('Traceback (most recent call last)')
  const head = (tb >= 0 ? text.slice(0, tb) : text).trim() || text.trim()
  const err: SpanError = { message: head || 'error' }
  if (tb >= 0) err.stack = text.slice(tb)
  const m = /^([A-Za-z_][\w.]*)(?:\(|:\s)/.exec(head)
  if (m) err.type = m[1]
  return err
}

function events(run: Obj): SpanEvent[] {
  const out: SpanEvent[] = []
  const firstToken = anyTimeToMicros(run.first_token_time)
  let sawToken = firstToken !== null
  if (firstToken !== null) out.push({ name: 'first token', time: firstToken })
  for (const e of Array.isArray(run.events) ? run.events : []) {
    if (!isObj(e)) continue
    const time = anyTimeToMicros(e.time)
    if (time === null) continue
    const name = str(e.name) ?? 'event'
    // Streaming runs log one `new_token` event per token: only the first is worth a marker.
    if (name === 'new_token') {
      if (sawToken) continue
      sawToken = true
      out.push({ name: 'first token', time })
      continue
    }
    out.push({ name, time, ...(isObj(e.kwargs) ? { attributes: jsonAttrs(e.kwargs) } : {}) })
  }
  return out.sort((a, b) => a.time - b.time)
}

/** Session (conversation) id from metadata; `session_id` on the run is the project, not this. */
export function conversationId(run: Obj): string | undefined {
  const md = obj(obj(run.extra).metadata)
  return str(md.session_id) ?? str(md.thread_id) ?? str(md.conversation_id)
}

/**
 * The end time. The JS SDK writes `start_time` as an ISO string whose microseconds carry an
 * execution-order counter (for `dotted_order`) but `end_time` as epoch milliseconds, so a run
 * that took under a millisecond can appear to end a few microseconds before it starts: such an
 * end is the start, not clock skew.
 */
function endOf(run: Obj, start: number): number | null {
  const end = anyTimeToMicros(run.end_time)
  if (end === null || typeof run.end_time !== 'number' || typeof run.start_time !== 'string')
    return end
  return end < start && start - end < 1000 ? start : end
}

/**
 * LangSmith feedback as scores: the run's `feedback_stats` (`{key: {n, avg, values}}`, what
 * the API returns with runs) and feedback records kept with the run (`feedback: [{key, score,
 * value, comment}]`).
 */
function feedbackScores(run: Obj): Json[] {
  const out: Json[] = []
  const push = (v: unknown) => {
    const s = toScore(v)
    if (s) out.push(s as unknown as Json)
  }
  if (Array.isArray(run.feedback)) {
    for (const f of run.feedback) {
      if (!isObj(f)) continue
      push({
        name: str(f.key) ?? null,
        value: typeof f.score === 'number' || typeof f.score === 'boolean' ? f.score : null,
        label: typeof f.value === 'string' ? f.value : null,
        comment: str(f.comment) ?? null,
        source: 'feedback',
      })
    }
  }
  if (isObj(run.feedback_stats)) {
    for (const [key, st] of Object.entries(run.feedback_stats)) {
      if (!isObj(st)) continue
      const values = isObj(st.values) ? Object.keys(st.values) : []
      push({
        name: key,
        value: num(st.avg) ?? null,
        label: values.length === 1 ? values[0] : null,
        count: num(st.n) ?? null,
        source: 'feedback',
      })
    }
  }
  return out
}

/** Converts one run; null without a usable start time. */
export function runToSpan(run: Obj): RawSpan | null {
  const start = anyTimeToMicros(run.start_time)
  if (start === null) return null
  const extra = obj(run.extra)
  const md = obj(extra.metadata)
  const ip = obj(extra.invocation_params)
  const type = str(run.run_type) ?? 'chain'
  const span: RawSpan = {
    id: str(run.id)!,
    parentId: str(run.parent_run_id) ?? null,
    name: str(run.name) ?? type,
    kind: KIND[type] ?? 'span',
    start,
    end: endOf(run, start),
  }
  const model =
    str(md.ls_model_name) ??
    str(ip.model) ??
    str(ip.model_name) ??
    str(obj(run.inputs).model) ??
    str(obj(extra.runtime).model)
  if (model) span.model = model
  const provider = str(md.ls_provider)
  if (provider) span.provider = provider
  const u = usage(run)
  if (u.input !== undefined) span.inputTokens = u.input
  if (u.output !== undefined) span.outputTokens = u.output
  const c = cost(run)
  if (c !== undefined) span.cost = c
  if (isObj(run.inputs) ? Object.keys(run.inputs).length > 0 : run.inputs != null)
    span.input = toPayload(run.inputs)
  if (isObj(run.outputs) ? Object.keys(run.outputs).length > 0 : run.outputs != null)
    span.output = toPayload(run.outputs)
  const errText =
    run.error == null
      ? undefined
      : typeof run.error === 'string'
        ? run.error
        : JSON.stringify(run.error)
  if (errText !== undefined || run.status === 'error') {
    span.failed = true
    span.error = parseError(errText ?? 'error')
  }
  const ev = events(run)
  if (ev.length) span.events = ev
  const session = conversationId(run)
  if (session) span.sessionId = session
  const user = str(md.user_id) ?? str(md.userId) ?? str(md.ls_user_id)
  if (user) span.userId = user
  const attributes: Record<string, Json> = {
    'langsmith.run_type': type,
    ...jsonAttrs(md, 'metadata.'),
    ...jsonAttrs(ip, 'invocation_params.'),
  }
  for (const k of [
    'status',
    'session_id',
    'session_name',
    'reference_example_id',
    'tags',
    'feedback_stats',
    'total_tokens',
  ]) {
    if (run[k] !== undefined && run[k] !== null) attributes[`langsmith.${k}`] = toJson(run[k])
  }
  if (isObj(extra.runtime)) attributes['langsmith.runtime'] = toJson(extra.runtime)
  const scores = feedbackScores(run)
  if (scores.length) attributes[SCORES_ATTRIBUTE] = scores
  span.attributes = attributes
  return span
}
