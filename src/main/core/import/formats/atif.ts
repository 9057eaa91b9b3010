/**
 * ATIF, the Agent Trajectory Interchange Format (`schema_version: "ATIF-v1.x"`; Harbor, and
 * importable by Phoenix's client): `{session_id, agent{name,model_name}, steps[], final_metrics}`.
 *
 * Mapping: one trace per document, id and session = `session_id`, name = `agent.name`, stated
 * trace cost = `final_metrics.total_cost_usd`. ATIF is a flat list of point-in-time steps with no
 * tree, so every step is a top-level span of zero duration at its `timestamp`, id `step-<id>`.
 * Steps by `user`/`system` are `event` spans whose input is that message; `agent` steps are `llm`
 * spans (model = step `model_name`, else the agent's) whose output is the assistant message with
 * its `tool_calls`, followed by the `observation.results` as tool-result messages. Tokens and
 * cost come from `metrics.prompt_tokens`/`completion_tokens`/`cost_usd`; `reasoning_content`,
 * cached tokens and `extra` are kept as attributes. An agent step with `llm_call_count: 0` made no
 * model call: an `agent` span. Embedded `subagent_trajectories` (1.7) nest as `agent` spans under
 * the step whose observation refers to them, their steps inside.
 */
import type { ChatMessage, Json, RawSpan, RawTrace, ToolCall } from '../../../../shared/model'
import { toPayload } from '../chat'
import { toJson } from '../decode'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { anyTimeToMicros } from './common/time'
import { arr, count, isObj, jsonAttrs, num, str, type Obj } from './common/values'

function detect(value: unknown): string | null {
  if (
    isObj(value) &&
    typeof value.schema_version === 'string' &&
    value.schema_version.startsWith('ATIF')
  ) {
    return `schema_version is "${value.schema_version.slice(0, 32)}"`
  }
  return null
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  return typeof v === 'string' ? v : JSON.stringify(v)
}

function toolCalls(step: Obj): ToolCall[] {
  return (arr(step.tool_calls) ?? []).filter(isObj).map((c) => {
    const call: ToolCall = { name: str(c.function_name) ?? str(c.name) ?? '(tool)' }
    const id = str(c.tool_call_id) ?? str(c.id)
    if (id) call.id = id
    if (c.arguments !== undefined) call.arguments = toJson(c.arguments)
    return call
  })
}

function observationMessages(step: Obj): ChatMessage[] {
  const obs = isObj(step.observation) ? step.observation : undefined
  return (arr(obs?.results) ?? []).filter(isObj).map((r) => {
    const m: ChatMessage = { role: 'tool' }
    const t = text(r.content)
    if (t !== undefined) m.text = t
    const id = str(r.source_call_id)
    if (id) m.toolCallId = id
    return m
  })
}

function stepName(source: string, calls: ToolCall[]): string {
  if (source === 'user') return 'user message'
  if (source === 'system') return 'system message'
  if (calls.length) return `${source} → ${calls.map((c) => c.name).join(', ')}`
  return `${source} message`
}

/** Where a trajectory's steps go: their id prefix and parent (embedded subagents nest). */
interface Scope {
  prefix: string
  parentId: string | null
  agentModel?: string
}

/**
 * Each step's time. `timestamp` is optional in ATIF (Harbor's terminus writes none): a step
 * without one is placed at the previous step's time (else the next one's, else the epoch), so
 * the steps keep their order; how many were placed is reported.
 */
function stepTimes(steps: unknown[], label: string, ctx: ImportContext): number[] {
  const given = steps.map((s) => (isObj(s) ? anyTimeToMicros(s.timestamp) : null))
  const next = given.find((t) => t !== null) ?? 0
  let last: number | null = null
  let placed = 0
  const times = given.map((t) => {
    if (t !== null) return (last = t)
    placed++
    return last ?? next
  })
  if (placed) {
    ctx.warn(
      `${placed} step(s)${label} have no usable timestamp; placed at the previous step's time, in order`,
    )
  }
  return times
}

function stepSpan(step: Obj, index: number, time: number, scope: Scope): RawSpan {
  const id = str(step.step_id) ?? String(index + 1)
  const source = str(step.source) ?? 'agent'
  const calls = toolCalls(step)
  const span: RawSpan = {
    id: `${scope.prefix}step-${id}`,
    parentId: scope.parentId,
    name: stepName(source, calls),
    start: time,
    end: time,
  }
  const attributes: Record<string, Json> = {
    'atif.step_id': toJson(step.step_id ?? index + 1),
    'atif.source': source,
  }
  const message = text(step.message)
  if (source === 'agent') {
    // ATIF 1.7 counts the model calls of a step: zero means the agent acted without one.
    const noCall = step.llm_call_count === 0
    span.kind = noCall ? 'agent' : 'llm'
    const model = str(step.model_name) ?? (noCall ? undefined : scope.agentModel)
    if (model) span.model = model
    const given: Obj = {}
    for (const k of ['message', 'tool_calls', 'observation'])
      if (step[k] !== undefined) given[k] = step[k]
    const assistant: ChatMessage = { role: 'assistant' }
    if (message !== undefined) assistant.text = message
    if (calls.length) assistant.toolCalls = calls
    span.output = { ...toPayload(given), messages: [assistant, ...observationMessages(step)] }
  } else {
    span.kind = 'event'
    if (step.message !== undefined) {
      const m: ChatMessage = { role: source }
      if (message !== undefined) m.text = message
      span.input = { ...toPayload(step.message), messages: [m] }
    }
  }
  for (const k of ['llm_call_count', 'is_copied_context'])
    if (step[k] !== undefined && step[k] !== null) attributes[`atif.${k}`] = toJson(step[k])
  if (step.reasoning_content !== undefined)
    attributes['atif.reasoning_content'] = toJson(step.reasoning_content)
  const metrics = isObj(step.metrics) ? step.metrics : {}
  const input = count(metrics.prompt_tokens)
  const output = count(metrics.completion_tokens)
  const cost = num(metrics.cost_usd)
  if (input !== undefined) span.inputTokens = input
  if (output !== undefined) span.outputTokens = output
  if (cost !== undefined) span.cost = cost
  for (const [k, v] of Object.entries(metrics)) {
    if (!['prompt_tokens', 'completion_tokens', 'cost_usd'].includes(k))
      attributes[`atif.metrics.${k}`] = toJson(v)
  }
  if (isObj(step.extra)) Object.assign(attributes, jsonAttrs(step.extra, 'atif.extra.'))
  span.attributes = attributes
  return span
}

/** Embedded subagent trajectories nest at most this deep. */
const MAX_SUBAGENT_DEPTH = 8

/** The step whose observation refers to trajectory `id` (`subagent_trajectory_ref`), if any. */
function delegatingStep(steps: unknown[], id: string, prefix: string): string | null {
  for (const [i, step] of steps.entries()) {
    if (!isObj(step) || !isObj(step.observation)) continue
    for (const r of arr(step.observation.results) ?? []) {
      const refs = isObj(r) ? (arr(r.subagent_trajectory_ref) ?? []) : []
      if (refs.some((ref) => isObj(ref) && ref.trajectory_id === id))
        return `${prefix}step-${str(step.step_id) ?? String(i + 1)}`
    }
  }
  return null
}

/**
 * A trajectory's steps, then its embedded `subagent_trajectories` (ATIF 1.7): each becomes an
 * `agent` span spanning its steps, under the step that delegated to it, with its steps inside.
 */
function trajectorySpans(doc: Obj, scope: Scope, ctx: ImportContext, depth: number): RawSpan[] {
  const steps = arr(doc.steps) ?? []
  const label = scope.prefix ? ` of ${scope.prefix.slice(0, -1)}` : ''
  const times = stepTimes(steps, label, ctx)
  const spans = steps
    .map((s, i) => (isObj(s) ? stepSpan(s, i, times[i], scope) : null))
    .filter((s): s is RawSpan => s !== null)
  const subs = (arr(doc.subagent_trajectories) ?? []).filter(isObj)
  if (subs.length && depth >= MAX_SUBAGENT_DEPTH) {
    ctx.warn(`subagent trajectories nested deeper than ${MAX_SUBAGENT_DEPTH} levels were skipped`)
    return spans
  }
  subs.forEach((sub, j) => {
    const tid = str(sub.trajectory_id) ?? String(j + 1)
    const agent = isObj(sub.agent) ? sub.agent : {}
    const id = `${scope.prefix}subagent-${tid}`
    const inner = trajectorySpans(
      sub,
      { prefix: `${id}:`, parentId: id, agentModel: str(agent.model_name) },
      ctx,
      depth + 1,
    )
    const own = inner.filter((s) => s.parentId === id)
    if (own.length === 0) return
    const end = Math.max(...own.map((s) => s.end ?? s.start))
    const parentId = delegatingStep(steps, tid, scope.prefix)
    // A step is a point in time; the one that delegated lasts until its subagent is done.
    const parent = parentId ? spans.find((s) => s.id === parentId) : undefined
    if (parent && parent.end !== null && parent.end !== undefined && end > parent.end)
      parent.end = end
    spans.push({
      id,
      parentId: parentId ?? scope.parentId,
      name: `subagent ${str(agent.name) ?? tid}`,
      kind: 'agent',
      start: Math.min(...own.map((s) => s.start)),
      end,
      attributes: { 'atif.trajectory_id': tid, ...jsonAttrs(agent, 'agent.') },
    })
    spans.push(...inner)
  })
  return spans
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  if (!isObj(value)) throw new ImportError('ATIF: expected a trajectory object')
  const steps = arr(value.steps)
  if (!steps) throw new ImportError('ATIF: the trajectory has no "steps" array')
  const agent = isObj(value.agent) ? value.agent : {}
  const spans = trajectorySpans(
    value,
    { prefix: '', parentId: null, agentModel: str(agent.model_name) },
    ctx,
    0,
  )
  if (spans.length === 0) throw new ImportError('ATIF: the trajectory has no steps')
  const sessionId = str(value.session_id)
  const final = isObj(value.final_metrics) ? value.final_metrics : {}
  const attributes: Record<string, Json> = {
    'atif.schema_version': String(value.schema_version),
    ...jsonAttrs(agent, 'agent.'),
    ...jsonAttrs(final, 'final_metrics.'),
  }
  if (value.notes !== undefined) attributes['atif.notes'] = toJson(value.notes)
  const trace: RawTrace = {
    sourceTraceId: sessionId ?? 'atif-trajectory',
    name: str(agent.name) ?? 'ATIF trajectory',
    attributes,
    spans,
  }
  if (sessionId) trace.sessionId = sessionId
  const cost = num(final.total_cost_usd)
  if (cost !== undefined) trace.cost = cost
  return [trace]
}

/** ATIF trajectory importer. */
export const atifImporter: Importer = { format: 'atif', label: 'ATIF trajectory', detect, convert }
