/**
 * The trace a re-run writes: the original's tree, with each re-run LLM span's new input, output,
 * model, usage, latency and error, every other span as recorded. Times are laid out on the run's
 * clock: each span moves by how much longer or shorter the re-run calls that ended before it took,
 * so parents still hold their children. Written in one transaction; the original is never touched.
 */
import type { ChatMessage, Json, RawSpan, RawTrace, Span, Trace } from '../../../shared/model'
import { RERUN_ATTRIBUTE, type PlannedCall, type RerunMarker } from '../../../shared/rerun'
import { normaliseTrace } from '../import/normalise/normalise'
import type { PriceTable } from '../pricing/price-table'
import type { Db } from '../store/connection'
import { TraceWriter } from '../store/trace-writer'
import { writeTransaction } from '../store/write-lock'
import type { CallReply } from './clients'

/** What happened to one re-run call. */
export interface CallOutcome {
  call: PlannedCall
  /** Microseconds on the run's clock. */
  durationUs: number
  reply?: CallReply
  error?: { type: string; message: string }
}

/** The messages as an OpenAI-style request body, for the raw view of the new span's input. */
function messagesValue(messages: ChatMessage[]): Json {
  return messages.map((m) => {
    const o: Record<string, Json> = { role: m.role, content: m.text ?? null }
    if (m.toolCalls?.length)
      o.tool_calls = m.toolCalls.map((c) => ({
        id: c.id ?? null,
        type: 'function',
        function: { name: c.name, arguments: c.arguments ?? null },
      }))
    if (m.toolCallId) o.tool_call_id = m.toolCallId
    return o
  })
}

function rerunSpan(orig: Span, o: CallOutcome, providerLabel: string): Partial<RawSpan> {
  const c = o.call
  const out: Partial<RawSpan> = {
    model: o.reply?.model ?? c.model,
    provider: providerLabel,
    input: {
      value: { model: c.model, messages: messagesValue(c.messages), ...c.params },
      messages: c.messages,
    },
    attributes: {
      'tracedeck.rerun.original_model': orig.model ?? null,
      'tracedeck.rerun.convention': c.convention,
      'tracedeck.rerun.params': c.params,
      ...(c.tools.length ? { 'tracedeck.rerun.tools': c.tools.map((t) => t.name) } : {}),
      ...(c.prompt ? { 'tracedeck.rerun.prompt': c.prompt } : {}),
      ...(o.reply?.finishReason
        ? { 'gen_ai.response.finish_reasons': [o.reply.finishReason] }
        : {}),
    },
  }
  if (o.reply) {
    const msg: ChatMessage = { role: 'assistant', text: o.reply.text }
    if (o.reply.toolCalls.length) msg.toolCalls = o.reply.toolCalls
    out.output = { value: messagesValue([msg]), messages: [msg] }
    if (o.reply.inputTokens !== undefined) out.inputTokens = o.reply.inputTokens
    if (o.reply.outputTokens !== undefined) out.outputTokens = o.reply.outputTokens
  }
  if (o.error) {
    out.failed = true
    out.error = { type: o.error.type, message: o.error.message }
  }
  return out
}

export interface ReplayTraceInput {
  runId: string
  original: Trace
  spans: Span[]
  outcomes: CallOutcome[]
  marker: RerunMarker
  providerLabel: string
  /** Microseconds since the epoch: when the run started. */
  startedAt: number
  prices: PriceTable
}

/** Builds the new trace (not yet written). */
export function buildReplayTrace(input: ReplayTraceInput): RawTrace {
  const { spans, original } = input
  const byIndex = new Map(input.outcomes.map((o) => [o.call.span, o]))
  // Shift of every instant: the sum of (new − old) durations of re-run calls that ended by then.
  const changes = input.outcomes
    .map((o) => ({
      end: spans[o.call.span].start + spans[o.call.span].duration,
      delta: o.durationUs - spans[o.call.span].duration,
    }))
    .sort((a, b) => a.end - b.end)
  const prefix: number[] = []
  for (const [i, c] of changes.entries()) prefix.push((prefix[i - 1] ?? 0) + c.delta)
  const shiftAt = (t: number, inclusive: boolean): number => {
    let lo = 0
    let hi = changes.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (inclusive ? changes[mid].end <= t : changes[mid].end < t) lo = mid + 1
      else hi = mid
    }
    return lo === 0 ? 0 : prefix[lo - 1]
  }
  const base = input.startedAt - original.start
  const raws: RawSpan[] = spans.map((s) => {
    const o = byIndex.get(s.index)
    const start = s.start + base + shiftAt(s.start, !o)
    const end = o
      ? start + o.durationUs
      : s.start + s.duration + base + shiftAt(s.start + s.duration, true)
    const raw: RawSpan = {
      id: s.id,
      parentId: s.parentIndex >= 0 ? spans[s.parentIndex].id : null,
      name: s.name,
      kind: s.kind,
      failed: s.status === 'error',
      start,
      end: Math.max(start, end),
      ...(s.service ? { service: s.service } : {}),
      ...(s.model ? { model: s.model } : {}),
      ...(s.provider ? { provider: s.provider } : {}),
      ...(s.inputTokens !== undefined ? { inputTokens: s.inputTokens } : {}),
      ...(s.outputTokens !== undefined ? { outputTokens: s.outputTokens } : {}),
      ...(s.cost !== undefined && !s.costEstimated ? { cost: s.cost } : {}),
      ...(s.input ? { input: s.input } : {}),
      ...(s.output ? { output: s.output } : {}),
      ...(s.error ? { error: s.error } : {}),
      attributes: s.attributes,
      events: s.events.map((e) => ({ ...e, time: e.time + base + shiftAt(e.time, true) })),
    }
    if (!o) return raw
    // The recorded answer, usage, cost and error belong to the old call.
    for (const k of ['cost', 'output', 'error', 'inputTokens', 'outputTokens'] as const)
      delete raw[k]
    raw.events = []
    return { ...raw, failed: false, ...rerunSpan(s, o, input.providerLabel) }
  })
  return {
    sourceTraceId: `rerun-${input.runId}`,
    name: `${original.name} · re-run (${input.marker.models.join(', ') || 'no calls'})`,
    tags: [...original.tags.filter((t) => t !== 'rerun'), 'rerun'],
    ...(original.environment ? { environment: original.environment } : {}),
    ...(original.project ? { project: original.project } : {}),
    ...(original.userId ? { userId: original.userId } : {}),
    // No session id: a replay stays out of its session's totals.
    attributes: { [RERUN_ATTRIBUTE]: input.marker as unknown as Json },
    spans: raws,
  }
}

/** Writes the new trace in one transaction; returns its id. */
export function writeReplayTrace(db: Db, input: ReplayTraceInput): string {
  const raw = buildReplayTrace(input)
  const fileHash = `rerun-${input.runId}`
  const nt = normaliseTrace(raw, {
    format: 'rerun',
    file: `re-run of ${input.original.name}`,
    fileHash,
    prices: input.prices,
  })
  writeTransaction(db, () => {
    const w = new TraceWriter(db)
    const fileId = w.insertFile({
      hash: fileHash,
      name: nt.trace.source.file,
      path: null,
      size: 0,
      format: 'rerun',
      detectedBy: null,
      report: {
        file: nt.trace.source.file,
        format: 'rerun',
        traces: [{ id: nt.trace.id, name: nt.trace.name, spanCount: nt.trace.spanCount }],
        repairs: [],
        warnings: [],
      },
    })
    w.insertNormalised(fileId, nt)
    w.flush()
  })
  return nt.trace.id
}
