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
 * cached tokens and `extra` are kept as attributes.
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

function stepSpan(
  step: Obj,
  index: number,
  agentModel: string | undefined,
  ctx: ImportContext,
): RawSpan | null {
  const time = anyTimeToMicros(step.timestamp)
  const id = str(step.step_id) ?? String(index + 1)
  if (time === null) {
    ctx.warn(`step ${id} has no usable timestamp and was skipped`)
    return null
  }
  const source = str(step.source) ?? 'agent'
  const calls = toolCalls(step)
  const span: RawSpan = {
    id: `step-${id}`,
    parentId: null,
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
    span.kind = 'llm'
    const model = str(step.model_name) ?? agentModel
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

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  if (!isObj(value)) throw new ImportError('ATIF: expected a trajectory object')
  const steps = arr(value.steps)
  if (!steps) throw new ImportError('ATIF: the trajectory has no "steps" array')
  const agent = isObj(value.agent) ? value.agent : {}
  const agentModel = str(agent.model_name)
  const spans = steps
    .map((s, i) => (isObj(s) ? stepSpan(s, i, agentModel, ctx) : null))
    .filter((s): s is RawSpan => s !== null)
  if (spans.length === 0) throw new ImportError('ATIF: no step has a usable timestamp')
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
