/**
 * Rebuilds each LLM call of a trace from its recorded span — messages (system, user, assistant
 * with tool calls and ids, tool results), tool definitions, model and parameters — and applies
 * the overrides. A call that cannot be rebuilt is kept with its recorded output, with a reason.
 */
import type { ChatMessage, Json, Span } from '../../../shared/model'
import type { KeptCall, PlannedCall, RerunOverrides } from '../../../shared/rerun'
import { estimateCost, findPrice, type PriceTable } from '../pricing/price-table'
import {
  conventionOf,
  recordedParams,
  recordedTemplate,
  recordedTools,
  renderTemplate,
} from './call-params'
import { applyParamOverrides } from './overrides'

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool'])

/** The messages of a recorded call, or the reason they cannot be rebuilt. */
export function recordedMessages(span: Span): { messages: ChatMessage[] } | { reason: string } {
  const input = span.input
  if (!input) return { reason: 'no input was recorded' }
  let messages = input.messages
  if (!messages) {
    const v = input.value
    if (typeof v === 'string' && v.trim() !== '') {
      if (/^\s*[[{]/.test(v))
        return { reason: 'its recorded input looks like JSON but does not parse' }
      messages = [{ role: 'user', text: v }]
    } else if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.prompt === 'string') {
      messages = [{ role: 'user', text: v.prompt }]
    } else {
      return { reason: 'its recorded input is not a list of chat messages' }
    }
  }
  const out: ChatMessage[] = []
  let callNo = 0
  const pendingIds: string[] = []
  for (const [i, m] of messages.entries()) {
    const role = m.role === 'developer' ? 'system' : m.role
    if (!ROLES.has(role))
      return { reason: `message ${i + 1} has the role "${m.role}", which no chat API takes` }
    const text =
      m.text ??
      m.parts
        ?.filter((p) => p.text !== undefined)
        .map((p) => p.text)
        .join('\n')
    if (text === undefined && !m.toolCalls?.length && role !== 'assistant')
      return { reason: `message ${i + 1} (${role}) has no text` }
    const msg: ChatMessage = {
      role,
      ...(text !== undefined ? { text: role === 'tool' ? compactJson(text) : text } : {}),
    }
    if (m.toolCalls?.length) {
      // Producers that dropped the call ids: give them ids, answered by the next tool messages in order.
      msg.toolCalls = m.toolCalls.map((c) => {
        const id = c.id ?? `call_${++callNo}`
        pendingIds.push(id)
        return { id, name: c.name, arguments: c.arguments ?? {} }
      })
    }
    if (role === 'tool') {
      const id = m.toolCallId ?? pendingIds.shift()
      if (!id) return { reason: `message ${i + 1} is a tool result with no call it answers` }
      msg.toolCallId = id
      if (m.toolCallId) pendingIds.splice(pendingIds.indexOf(m.toolCallId) >>> 0, 1)
    }
    if (m.name) msg.name = m.name
    out.push(msg)
  }
  if (!out.some((m) => m.role !== 'system'))
    return { reason: 'it has a system prompt but no messages' }
  return { messages: out }
}

/**
 * A tool result the chat view shows pretty-printed goes back as the compact JSON a client sends
 * (the Vercel AI SDK records results as objects); other text is kept exactly.
 */
function compactJson(text: string): string {
  if (!/^\s*[[{]/.test(text) || !text.includes('\n')) return text
  try {
    return JSON.stringify(JSON.parse(text))
  } catch {
    return text
  }
}

/** Rough input size: a quarter token per character (the preview's estimate, not a tokenizer). */
export function estimateTokens(messages: ChatMessage[], tools: unknown[]): number {
  let chars = 0
  for (const m of messages) {
    chars += (m.text?.length ?? 0) + 4
    for (const c of m.toolCalls ?? [])
      chars += c.name.length + JSON.stringify(c.arguments ?? '').length
  }
  if (tools.length) chars += JSON.stringify(tools).length
  return Math.ceil(chars / 4)
}

/** The prompt library's lookup: a version's text, or a message naming what is missing. */
export type PromptLookup = (ref: string) => { ref: string; text: string } | { error: string }

export interface PlanOptions {
  defaultModel?: string
  prompts: PromptLookup
  prices: PriceTable
}

export interface RerunPlan {
  calls: PlannedCall[]
  kept: KeptCall[]
  otherSpans: number
}

function setSystem(messages: ChatMessage[], text: string): void {
  const i = messages.findIndex((m) => m.role === 'system')
  if (i >= 0) messages[i] = { role: 'system', text }
  else messages.unshift({ role: 'system', text })
}

/** Plans the re-run of every LLM span of `spans` (step order, with payloads). */
export function planRerun(spans: Span[], overrides: RerunOverrides, opts: PlanOptions): RerunPlan {
  const calls: PlannedCall[] = []
  const kept: KeptCall[] = []
  let otherSpans = 0
  const wraps = new Set<number>()
  for (const s of spans) {
    if (s.kind !== 'llm') continue
    for (let p = s.parentIndex; p >= 0; p = spans[p].parentIndex)
      if (spans[p].kind === 'llm') wraps.add(p)
  }
  const prompt = overrides.prompt ? opts.prompts(overrides.prompt) : undefined
  for (const s of spans) {
    if (s.kind !== 'llm') {
      otherSpans++
      continue
    }
    const keep = (reason: string) => kept.push({ span: s.index, name: s.name, reason })
    if (wraps.has(s.index)) {
      keep('it wraps the LLM call(s) below it, which are re-run instead')
      continue
    }
    const rebuilt = recordedMessages(s)
    if ('reason' in rebuilt) {
      keep(`cannot rebuild the call: ${rebuilt.reason}`)
      continue
    }
    const original = s.model ?? null
    const model =
      (original !== null ? overrides.modelMap?.[original] : undefined) ??
      overrides.model ??
      original ??
      opts.defaultModel
    if (!model) {
      keep('no model was recorded and none was given (set a model or a default model)')
      continue
    }
    const messages = rebuilt.messages
    let promptName: string | undefined
    if (prompt && 'error' in prompt) {
      keep(prompt.error)
      continue
    }
    if (prompt) {
      promptName = prompt.ref
      const t = recordedTemplate(s)
      const vars = t?.variables ?? {}
      const recordedText = t?.template !== undefined ? renderTemplate(t.template, vars) : undefined
      const at =
        recordedText === undefined ? -1 : messages.findIndex((m) => m.text === recordedText)
      const text = renderTemplate(prompt.text, vars)
      if (at >= 0) messages[at] = { ...messages[at], text }
      else setSystem(messages, text)
    }
    if (overrides.system !== undefined) setSystem(messages, overrides.system)
    let badEdit: string | undefined
    for (const e of overrides.messages ?? []) {
      if (e.span !== s.index) continue
      if (e.index >= messages.length)
        badEdit = `message ${e.index + 1} to edit does not exist (the call has ${messages.length})`
      else messages[e.index] = { ...messages[e.index], text: e.text }
    }
    if (badEdit) {
      keep(badEdit)
      continue
    }
    const tools = recordedTools(s)
    const params = applyParamOverrides(recordedParams(s), overrides.params)
    const estInputTokens = estimateTokens(messages, tools)
    const estCost = findPrice(opts.prices, model)
      ? (estimateCost(opts.prices, model, estInputTokens, 0) ?? null)
      : null
    calls.push({
      span: s.index,
      name: s.name,
      originalModel: original,
      model,
      messages,
      tools,
      params: params as Record<string, Json>,
      convention: conventionOf(s),
      ...(promptName ? { prompt: promptName } : {}),
      estInputTokens,
      estCost,
    })
  }
  return { calls, kept, otherSpans }
}
