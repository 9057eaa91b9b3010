/**
 * Trace documents with a flat `steps` list, the shape of the TraceLLM replay engine
 * (seeds/003): a trace id, status (SUCCESS / WARNING / FAILED), latency, retries, the prompt, model,
 * project, environment, token count and final response, and steps with a tool name, duration,
 * status (OK / RETRY / FAILED), input and output.
 *
 * There is no public schema, so the mapping accepts the obvious spellings (snake_case and
 * camelCase) and is documented here:
 * - trace: `trace_id`|`id`|`_id` → id; `name`, else `agent:start`; `project`, `environment`, `tags`,
 *   `session_id`, `user_id`; start = `started_at`|`created_at`|`timestamp` (ISO or epoch).
 * - a root span (kind `agent`, named like the trace) stands for the whole run: input = `prompt`,
 *   output = `response`, model = `model`, duration = `latency_ms`|`latency` (ms) or the steps' span,
 *   failed when status is FAILED/ERROR. `token_count` (a total that cannot be split) is kept as an
 *   attribute; `input_tokens`/`output_tokens` are used when stated.
 * - each step → a child of the root: name = `tool`|`name`|`step_name`|`type`; start =
 *   `started_at`|`start_time`|`timestamp`, else right after the previous step (steps run in
 *   sequence); duration = `duration_ms`|`latency_ms`|`duration` (ms); status RETRY/FAILED/ERROR →
 *   failed (the normaliser marks a failed step followed by a same-named success as a retry), with
 *   `error`, else the output, as the error message; `model`, tokens and `cost` when stated; kind from
 *   `kind`|`type`, else from the name (llm, tool, vector/retriev, embed, agent).
 */
import type { Json, RawSpan, RawTrace, SpanKind } from '../../../../shared/model'
import { SPAN_KINDS } from '../../../../shared/model'
import { toPayload } from '../chat'
import { toJson } from '../decode'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { anyTimeToMicros, millisToMicros } from './common/time'
import { arr, count, first, isObj, num, str, type Obj } from './common/values'

const isStep = (s: unknown): s is Obj =>
  isObj(s) && (str(s.tool) ?? str(s.name) ?? str(s.step_name)) !== undefined

function detect(value: unknown): string | null {
  if (!isObj(value) || !Array.isArray(value.steps) || value.steps.length === 0) return null
  if (typeof value.schema_version === 'string') return null
  if (!value.steps.slice(0, 4).every(isStep)) return null
  if (first(value, 'trace_id', 'id', '_id', 'status') === undefined) return null
  return 'object with a steps[] list of named steps (TraceLLM-style trace document)'
}

const FAILED = new Set(['FAILED', 'FAILURE', 'ERROR', 'RETRY', 'RETRIED', 'TIMEOUT'])

export function kindFromName(name: string, explicit?: string): SpanKind {
  const e = explicit?.toLowerCase()
  if (e && (SPAN_KINDS as readonly string[]).includes(e)) return e as SpanKind
  const n = name.toLowerCase()
  if (/\bllm\b|generat|completion|chat/.test(n)) return 'llm'
  if (/embed/.test(n)) return 'embedding'
  if (/retriev|vector|search|rerank/.test(n)) return 'retriever'
  if (/^tool|tool[._:]/.test(n)) return 'tool'
  if (/^agent|agent[._:]/.test(n)) return 'agent'
  return 'span'
}

function ms(o: Obj, ...keys: string[]): number | undefined {
  const v = num(first(o, ...keys))
  return v === undefined ? undefined : millisToMicros(v)
}

function stepSpan(s: Obj, i: number, at: number, parentId: string): RawSpan {
  const name = str(s.tool) ?? str(s.name) ?? str(s.step_name) ?? `step ${i + 1}`
  const start =
    anyTimeToMicros(first(s, 'started_at', 'start_time', 'startedAt', 'timestamp')) ?? at
  const dur = ms(s, 'duration_ms', 'latency_ms', 'durationMs', 'duration')
  const endAt = anyTimeToMicros(first(s, 'ended_at', 'end_time', 'endedAt'))
  const span: RawSpan = {
    id: str(first(s, 'id', 'step_id', 'span_id')) ?? `step-${i + 1}`,
    parentId,
    name,
    kind: kindFromName(name, str(first(s, 'kind', 'type'))),
    start,
    end: endAt ?? (dur !== undefined ? start + dur : null),
  }
  if (s.input !== undefined && s.input !== null) span.input = toPayload(s.input)
  if (s.output !== undefined && s.output !== null) span.output = toPayload(s.output)
  const status = (str(s.status) ?? 'OK').toUpperCase()
  if (FAILED.has(status) || (s.error !== undefined && s.error !== null)) {
    span.failed = true
    const msg = s.error ?? s.output
    span.error = {
      message:
        typeof msg === 'string' ? msg : msg == null ? status.toLowerCase() : JSON.stringify(msg),
    }
  }
  const model = str(s.model)
  if (model) span.model = model
  const it = count(first(s, 'input_tokens', 'prompt_tokens'))
  const ot = count(first(s, 'output_tokens', 'completion_tokens'))
  if (it !== undefined) span.inputTokens = it
  if (ot !== undefined) span.outputTokens = ot
  const cost = num(s.cost)
  if (cost !== undefined) span.cost = cost
  span.attributes = { 'step.index': i + 1, 'step.status': status }
  return span
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  if (!detect(value)) throw new ImportError('expected a trace document with a steps[] list')
  const t = value as Obj
  const id = str(first(t, 'trace_id', 'id', '_id')) ?? 'trace'
  const steps = arr(t.steps) ?? []
  const t0 = anyTimeToMicros(first(t, 'started_at', 'created_at', 'start_time', 'timestamp')) ?? 0
  const rootId = `${id}:root`
  const spans: RawSpan[] = []
  let at = t0
  steps.forEach((s, i) => {
    if (!isStep(s)) return void ctx.warn(`step ${i + 1} has no name and was skipped`)
    const span = stepSpan(s, i, at, rootId)
    spans.push(span)
    at = Math.max(at, span.end ?? span.start)
  })
  const latency = ms(t, 'latency_ms', 'latencyMs', 'latency', 'duration_ms')
  const status = (str(t.status) ?? '').toUpperCase()
  const name = str(t.name) ?? 'agent:start'
  const root: RawSpan = {
    id: rootId,
    parentId: null,
    name,
    kind: 'agent',
    start: t0,
    end: latency !== undefined ? t0 + latency : at,
  }
  if (t.prompt !== undefined && t.prompt !== null) root.input = toPayload(t.prompt)
  if (t.response !== undefined && t.response !== null) root.output = toPayload(t.response)
  const model = str(t.model)
  if (model) root.model = model
  const it = count(first(t, 'input_tokens', 'prompt_tokens'))
  const ot = count(first(t, 'output_tokens', 'completion_tokens'))
  if (it !== undefined) root.inputTokens = it
  if (ot !== undefined) root.outputTokens = ot
  if (status === 'FAILED' || status === 'ERROR') {
    root.failed = true
    root.error = { message: str(t.error) ?? 'the run failed' }
  }
  const attributes: Record<string, Json> = {}
  for (const k of ['status', 'retries', 'token_count', 'latency_ms', 'latency'])
    if (t[k] !== undefined) attributes[`trace.${k}`] = toJson(t[k])
  root.attributes = attributes
  const trace: RawTrace = { sourceTraceId: id, name, spans: [root, ...spans], attributes }
  const project = str(t.project)
  if (project) trace.project = project
  const env = str(t.environment)
  if (env) trace.environment = env
  const session = str(first(t, 'session_id', 'sessionId'))
  if (session) trace.sessionId = session
  const user = str(first(t, 'user_id', 'userId'))
  if (user) trace.userId = user
  if (Array.isArray(t.tags)) trace.tags = t.tags.filter((x): x is string => typeof x === 'string')
  const cost = num(first(t, 'cost', 'total_cost'))
  if (cost !== undefined) trace.cost = cost
  return [trace]
}

/** TraceLLM-style `steps` trace document importer. */
export const seedStepsImporter: Importer = {
  format: 'seed-steps',
  label: 'Trace document with steps',
  detect,
  convert,
}
