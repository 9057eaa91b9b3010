/**
 * Evaluators: the library's list (`evaluators` table; three reference evaluators stand when none
 * is configured) and scoring a trace with them. Built-in kinds compare each LLM output of a replay
 * with the original's (the replay has the original's tree, so span i answers span i): similarity
 * of the text, valid JSON where the original was JSON, the same tool calls (names and
 * arguments); regex / contains checks on the final answer; latency and cost budgets. An LLM judge
 * fills a template with the input, output and reference and asks a configured model for a score
 * and its reasoning, which is kept. Scores go to `eval_scores`, replacing the trace's previous ones.
 */
import { randomUUID } from 'node:crypto'
import { diffWordsWithSpace } from 'diff'
import { ApiError } from '../../../shared/api'
import type { ChatMessage, Span, Trace } from '../../../shared/model'
import {
  DEFAULT_JUDGE_TEMPLATE,
  RERUN_ATTRIBUTE,
  REFERENCE_KINDS,
  type Evaluator,
  type EvaluatorInput,
  type EvaluatorKind,
  type RerunMarker,
  type Score,
} from '../../../shared/rerun'
import type { Db } from '../store/connection'
import { clientFor, type ClientOptions } from './clients'
import type { ProviderStore } from './provider-store'
import { renderTemplate } from './call-params'

const DEFAULTS: Evaluator[] = [
  { id: 'similarity', name: 'similarity', kind: 'similarity', enabled: true },
  { id: 'json-valid', name: 'valid JSON', kind: 'json-valid', enabled: true },
  { id: 'same-tool-calls', name: 'same tool calls', kind: 'same-tool-calls', enabled: true },
]

interface EvaluatorRow {
  id: string
  name: string
  kind: EvaluatorKind
  enabled: number
  config: string
}

/** The library's evaluators (the three defaults until the user saves one). */
export function listEvaluators(db: Db): Evaluator[] {
  const rows = db
    .prepare('SELECT id, name, kind, enabled, config FROM evaluators ORDER BY created_at, rowid')
    .all() as EvaluatorRow[]
  if (!rows.length) return DEFAULTS.map((d) => ({ ...d }))
  return rows.map((r) => ({
    ...(JSON.parse(r.config) as object),
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled === 1,
  }))
}

export function saveEvaluator(db: Db, input: EvaluatorInput): Evaluator {
  if ((input.kind === 'regex' || input.kind === 'contains') && !input.pattern)
    throw new ApiError('bad-request', `A ${input.kind} evaluator needs a pattern`)
  if (input.kind === 'regex') {
    try {
      new RegExp(input.pattern!)
    } catch (err) {
      throw new ApiError(
        'bad-request',
        `Pattern /${input.pattern}/ is not a regular expression: ${(err as Error).message}`,
      )
    }
  }
  if (
    (input.kind === 'latency-budget' || input.kind === 'cost-budget') &&
    input.budget === undefined
  )
    throw new ApiError('bad-request', `A ${input.kind} evaluator needs a budget`)
  if (input.kind === 'llm-judge' && (!input.providerId || !input.model))
    throw new ApiError('bad-request', 'An LLM judge needs a provider and a model')
  const { id: given, name, kind, enabled, ...config } = input
  db.transaction(() => {
    saveDefaultsOnce(db)
    const id = given ?? randomUUID().slice(0, 8)
    db.prepare(
      `INSERT INTO evaluators (id, name, kind, enabled, config, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, enabled = excluded.enabled, config = excluded.config`,
    ).run(id, name, kind, enabled === false ? 0 : 1, JSON.stringify(config), Date.now())
    Object.assign(input, { id })
  })()
  return { ...config, id: input.id!, name, kind, enabled: enabled !== false }
}

export function deleteEvaluator(db: Db, id: string): boolean {
  saveDefaultsOnce(db)
  return db.prepare('DELETE FROM evaluators WHERE id = ?').run(id).changes > 0
}

/** The first change keeps the defaults the user saw. */
function saveDefaultsOnce(db: Db): void {
  if ((db.prepare('SELECT COUNT(*) FROM evaluators').pluck().get() as number) > 0) return
  for (const [i, d] of DEFAULTS.entries())
    db.prepare(
      'INSERT INTO evaluators (id, name, kind, enabled, config, created_at) VALUES (?, ?, ?, 1, ?, ?)',
    ).run(d.id, d.name, d.kind, '{}', i)
}

/** The final answer text of an LLM span. */
function answer(s: Span | undefined): string {
  const m =
    s?.output?.messages?.findLast((x) => x.role === 'assistant') ?? s?.output?.messages?.at(-1)
  if (m) return m.text ?? ''
  const v = s?.output?.value
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v)
}

function toolCalls(s: Span | undefined): string[] {
  const calls = s?.output?.messages?.flatMap((m) => m.toolCalls ?? []) ?? []
  return calls.map((c) => {
    const a = typeof c.arguments === 'string' ? tryJson(c.arguments) : c.arguments
    return `${c.name}(${canonical(a)})`
  })
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null)
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  return `{${Object.keys(v as object)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
    .join(',')}}`
}

const isJson = (t: string) => {
  const s = t.trim().replace(/^```(?:json)?\s*|\s*```$/g, '')
  if (!/^[[{]/.test(s)) return false
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}

/** Share of the longer text that the two have in common, word by word (1 = the same). */
export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return 1
  let same = 0
  for (const part of diffWordsWithSpace(a, b))
    if (!part.added && !part.removed) same += part.value.length
  return same / longest
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

function inputText(messages: ChatMessage[] | undefined): string {
  return (messages ?? []).map((m) => `${m.role}: ${m.text ?? ''}`).join('\n')
}

export interface ScoreContext {
  db: Db
  providers: ProviderStore
  clientOptions?: ClientOptions
  readTrace: (id: string) => { trace: Trace; spans: Span[] } | undefined
}

/** Parses a judge's reply: JSON {"score", "reasoning"}, or "Score: 7" in prose. 1–10 → 0.1–1. */
export function parseJudgeReply(text: string): { score: number; reasoning: string } | null {
  const json = /\{[\s\S]*\}/.exec(text)?.[0]
  if (json) {
    const o = tryJson(json) as { score?: unknown; reasoning?: unknown } | string
    if (typeof o === 'object' && o !== null && typeof o.score === 'number')
      return {
        score: Math.max(0, Math.min(1, o.score > 1 ? o.score / 10 : o.score)),
        reasoning: String(o.reasoning ?? ''),
      }
  }
  const m = /score\s*[:=]?\s*(\d+(?:\.\d+)?)/i.exec(text)
  if (!m) return null
  const n = Number(m[1])
  return { score: Math.max(0, Math.min(1, n > 1 ? n / 10 : n)), reasoning: text.trim() }
}

/** Scores a trace with every enabled evaluator; a replay is scored against its original. */
export async function scoreTrace(ctx: ScoreContext, traceId: string): Promise<Score[]> {
  const subject = ctx.readTrace(traceId)
  if (!subject) throw new ApiError('not-found', `No trace with id ${traceId}`)
  const marker = subject.trace.attributes[RERUN_ATTRIBUTE] as unknown as RerunMarker | undefined
  const reference = marker ? ctx.readTrace(marker.originalTraceId) : undefined
  const llm = subject.spans.filter(
    (s) =>
      s.kind === 'llm' && !subject.spans.some((c) => c.parentIndex === s.index && c.kind === 'llm'),
  )
  const last = llm.at(-1)
  const now = Date.now()
  const scores: Score[] = []
  const add = (e: Evaluator, score: number | null, extra: Partial<Score> = {}) =>
    scores.push({
      evaluator: e.name,
      kind: e.kind,
      span: null,
      score,
      passed: null,
      label: null,
      reasoning: null,
      createdAt: now,
      ...extra,
    })
  for (const e of listEvaluators(ctx.db).filter((x) => x.enabled)) {
    if (REFERENCE_KINDS.includes(e.kind) && !reference) continue
    const ref = reference?.spans
    switch (e.kind) {
      case 'similarity': {
        const per = llm.map((s) => ({ s, v: textSimilarity(answer(ref?.[s.index]), answer(s)) }))
        for (const { s, v } of per) add(e, v, { span: s.index })
        add(e, mean(per.map((p) => p.v)))
        break
      }
      case 'json-valid': {
        const applicable = llm.filter((s) => isJson(answer(ref?.[s.index])))
        if (!applicable.length) add(e, null, { reasoning: 'no original output was JSON' })
        else {
          const ok = applicable.filter((s) => isJson(answer(s))).length
          add(e, ok / applicable.length, {
            passed: ok === applicable.length,
            label: `${ok}/${applicable.length}`,
          })
        }
        break
      }
      case 'same-tool-calls': {
        const applicable = llm.filter(
          (s) => toolCalls(ref?.[s.index]).length || toolCalls(s).length,
        )
        if (!applicable.length) add(e, null, { reasoning: 'no call asked for tools' })
        else {
          const ok = applicable.filter(
            (s) => canonical(toolCalls(ref?.[s.index])) === canonical(toolCalls(s)),
          ).length
          add(e, ok / applicable.length, {
            passed: ok === applicable.length,
            label: `${ok}/${applicable.length}`,
          })
        }
        break
      }
      case 'regex':
      case 'contains': {
        const text = answer(last)
        const hit =
          e.kind === 'regex' ? new RegExp(e.pattern!).test(text) : text.includes(e.pattern!)
        add(e, hit ? 1 : 0, { passed: hit, label: hit ? 'match' : 'no match' })
        break
      }
      case 'latency-budget': {
        const ms = subject.trace.duration / 1000
        add(e, ms <= e.budget! ? 1 : 0, {
          passed: ms <= e.budget!,
          label: `${Math.round(ms)} ms of ${e.budget} ms`,
        })
        break
      }
      case 'cost-budget': {
        const c = subject.trace.cost
        add(e, c <= e.budget! ? 1 : 0, {
          passed: c <= e.budget!,
          label: `$${c.toFixed(6)} of $${e.budget}`,
        })
        break
      }
      case 'llm-judge': {
        if (!last) {
          add(e, null, { reasoning: 'the trace has no LLM answer to judge' })
          break
        }
        const prompt = renderTemplate(e.template || DEFAULT_JUDGE_TEMPLATE, {
          input: inputText(last.input?.messages),
          output: answer(last),
          reference: answer(ref?.[last.index] ?? last),
        })
        try {
          const client = clientFor(ctx.providers.resolve(e.providerId!), ctx.clientOptions)
          const reply = await client.complete(
            {
              span: last.index,
              name: e.name,
              originalModel: null,
              model: e.model!,
              messages: [{ role: 'user', text: prompt }],
              tools: [],
              params: { temperature: 0 },
              convention: 'judge',
              estInputTokens: 0,
              estCost: null,
            },
            AbortSignal.timeout(ctx.clientOptions?.timeoutMs ?? 120_000),
          )
          const parsed = parseJudgeReply(reply.text)
          if (parsed)
            add(e, parsed.score, {
              reasoning: parsed.reasoning,
              label: `${Math.round(parsed.score * 10)}/10`,
            })
          else
            add(e, null, {
              reasoning: `the judge's reply had no score: ${reply.text.slice(0, 300)}`,
            })
        } catch (err) {
          add(e, null, { reasoning: `the judge could not be asked: ${(err as Error).message}` })
        }
        break
      }
    }
  }
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM eval_scores WHERE trace_id = ?').run(traceId)
    const ins = ctx.db.prepare(
      'INSERT INTO eval_scores (trace_id, evaluator, span_idx, score, passed, label, reasoning, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    for (const s of scores)
      ins.run(
        traceId,
        `${s.kind}:${s.evaluator}`,
        s.span,
        s.score,
        s.passed === null ? null : s.passed ? 1 : 0,
        s.label,
        s.reasoning,
        s.createdAt,
      )
  })()
  return scores
}

/** A trace's stored scores (trace-level first, then per span). */
export function readScores(db: Db, traceId: string): Score[] {
  const rows = db
    .prepare(
      'SELECT evaluator, span_idx, score, passed, label, reasoning, created_at FROM eval_scores WHERE trace_id = ? ORDER BY span_idx IS NOT NULL, id',
    )
    .all(traceId) as {
    evaluator: string
    span_idx: number | null
    score: number | null
    passed: number | null
    label: string | null
    reasoning: string | null
    created_at: number
  }[]
  return rows.map((r) => {
    const colon = r.evaluator.indexOf(':')
    return {
      evaluator: r.evaluator.slice(colon + 1),
      kind: r.evaluator.slice(0, colon) as EvaluatorKind,
      span: r.span_idx,
      score: r.score,
      passed: r.passed === null ? null : r.passed === 1,
      label: r.label,
      reasoning: r.reasoning,
      createdAt: r.created_at,
    }
  })
}
