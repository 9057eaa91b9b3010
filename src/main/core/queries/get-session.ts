/**
 * getSession: a session's traces in start order, each read as one conversational turn — the
 * user's input, the model's response, the steps in between, its time, cost and context size.
 */
import type Database from 'better-sqlite3'
import {
  ApiError,
  type SessionDetail,
  type SessionTurn,
  type TraceSummary,
  type TurnStep,
} from '../../../shared/api'
import { contextLimitOf } from './context-limits'
import { listSessions } from './list-sessions'
import { listTraces } from './list-traces'
import type { Payload } from '../../../shared/model'
import { readPayload, responseText, userText } from './turn-text'

/** Most steps listed per turn; the rest are counted (a replay of the trace shows them all). */
export const MAX_TURN_STEPS = 200

interface SpanRow {
  idx: number
  parent_idx: number
  name: string
  kind: string
  status: 'ok' | 'error' | 'retry'
  duration: number
  model: string | null
  input_tokens: number | null
}

/** Reads one session; not-found when no trace carries the id. */
export function getSession(db: Database.Database, id: string): SessionDetail {
  const [session] = listSessions(db, { sessionId: id })
  if (!session) throw new ApiError('not-found', `No session "${id}" in the library`)
  const traces = listTraces(db, { sessionId: id })
  // Only the spans a turn is read from: every LLM call, the roots, and the first steps listed.
  // A turn with a million spans costs its LLM calls, not a million rows.
  const spansOf = db.prepare(
    `SELECT idx, parent_idx, name, kind, status, duration, model, input_tokens FROM spans
     WHERE trace_id = ? AND (kind = 'llm' OR parent_idx < 0 OR idx <= ${MAX_TURN_STEPS})
     ORDER BY idx`,
  )
  const payloadOf = db.prepare(
    `SELECT input, output FROM span_payloads WHERE trace_id = ? AND idx = ?`,
  )
  const firstError = db.prepare(
    `SELECT p.error FROM spans s JOIN span_payloads p ON p.trace_id = s.trace_id AND p.idx = s.idx
     WHERE s.trace_id = ? AND s.status <> 'ok' AND p.error IS NOT NULL ORDER BY s.idx LIMIT 1`,
  )
  const errorOf = (traceId: string): string | null => {
    const row = firstError.get(traceId) as { error: string } | undefined
    return row ? errorText(row.error) : null
  }
  const payloads = (traceId: string, idx: number) => {
    const row = payloadOf.get(traceId, idx) as
      { input: string | null; output: string | null } | undefined
    return { input: readPayload(row?.input ?? null), output: readPayload(row?.output ?? null) }
  }
  const turns = traces.map((t) =>
    readTurn(
      t,
      spansOf.all(t.id) as SpanRow[],
      (idx) => payloads(t.id, idx),
      () => (t.errorCount + t.retryCount > 0 ? errorOf(t.id) : null),
    ),
  )
  return { session, traces, turns }
}

type PayloadsOf = (idx: number) => { input: Payload | null; output: Payload | null }

/** A stored span error as one line: "Type: message". */
function errorText(column: string): string | null {
  try {
    const e = JSON.parse(column) as { type?: string; message?: string }
    if (!e || typeof e.message !== 'string') return null
    return e.type && !e.message.startsWith(e.type) ? `${e.type}: ${e.message}` : e.message
  } catch (err) {
    if (err instanceof SyntaxError) return column
    throw err
  }
}

function readTurn(
  trace: TraceSummary,
  spans: SpanRow[],
  payloadsOf: PayloadsOf,
  errorOf: () => string | null,
): SessionTurn {
  const llm = spans.filter((s) => s.kind === 'llm')
  const root = spans.find((s) => s.parent_idx < 0) ?? spans[0]

  // The opening user message: from the first LLM call that has one, else the root's input.
  let userInput: string | null = null
  let inputSpan: number | null = null
  for (const s of llm) {
    userInput = userText(payloadsOf(s.idx).input)
    if (userInput) {
      inputSpan = s.idx
      break
    }
  }
  if (!userInput && root) {
    userInput = userText(payloadsOf(root.idx).input)
    if (userInput) inputSpan = root.idx
  }

  // The answer: the last LLM call that produced text (tool-call-only outputs are not answers).
  let response: string | null = null
  let responseSpan: number | null = null
  for (let i = llm.length - 1; i >= 0 && !response; i--) {
    response = responseText(payloadsOf(llm[i].idx).output)
    if (response) responseSpan = llm[i].idx
  }
  if (!response && root) {
    response = responseText(payloadsOf(root.idx).output)
    if (response) responseSpan = root.idx
  }

  // Context size: the largest single prompt of the turn, and the model that received it.
  let biggest: SpanRow | null = null
  for (const s of llm)
    if (s.input_tokens !== null && (!biggest || s.input_tokens > (biggest.input_tokens ?? 0)))
      biggest = s
  const model = biggest?.model ?? llm.find((s) => s.model)?.model ?? trace.models[0]

  // Steps are the spans other than the root, in step order; `spans` holds at least the first
  // MAX_TURN_STEPS of them, and the trace's span count says how many there are in all.
  const stepSpans = spans.filter((s) => s !== root)
  const steps: TurnStep[] = stepSpans.slice(0, MAX_TURN_STEPS).map((s) => {
    const step: TurnStep = {
      index: s.idx,
      name: s.name,
      kind: s.kind,
      status: s.status,
      durationMs: s.duration / 1000,
    }
    if (s.model) step.model = s.model
    return step
  })

  const turn: SessionTurn = {
    traceId: trace.id,
    name: trace.name,
    start: trace.start,
    durationMs: trace.duration / 1000,
    status: trace.status,
    cost: trace.cost,
    costEstimated: trace.costEstimated,
    inputTokens: trace.inputTokens,
    outputTokens: trace.outputTokens,
    contextTokens: biggest?.input_tokens ?? null,
    contextLimit: contextLimitOf(model),
    userInput,
    response,
    error: errorOf(),
    inputSpan,
    responseSpan,
    steps,
    moreSteps: Math.max(0, trace.spanCount - (root ? 1 : 0) - steps.length),
  }
  if (model) turn.model = model
  return turn
}
