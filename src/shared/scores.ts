/**
 * Scores and feedback that trace exports carry: Langfuse scores, LangSmith feedback, Phoenix
 * annotations, OpenInference evaluation attributes. One shape for all, kept where the score
 * belongs (the trace's or the span's attributes), read with `scoresOf`:
 *
 * - importers whose source keeps scores apart from spans (Langfuse, LangSmith, Phoenix) write
 *   them as a `Score[]` under the attribute `tracedeck.scores` of the trace or span they name;
 * - OpenInference evaluations are span attributes already (`eval.<name>.score`,
 *   `eval.<name>.label`, `eval.<name>.explanation`) and are read from there as they are.
 */
import type { Json } from './model'

export interface Score {
  /** What was judged: "helpfulness", "correctness", "user-feedback"… */
  name: string
  /** Numeric value (booleans as 1 / 0), when the score has one. */
  value?: number
  /** Categorical value or label ("correct", "thumbs_up"), when the score has one. */
  label?: string
  /** The evaluator's or annotator's explanation or comment. */
  comment?: string
  /** Who gave it: "EVAL", "ANNOTATION", "API", "HUMAN", "LLM", "feedback"… as the source says. */
  source?: string
  /** How many judgements a stated average stands for (LangSmith feedback stats). */
  count?: number
}

/** The attribute under which importers keep a trace's or span's scores. */
export const SCORES_ATTRIBUTE = 'tracedeck.scores'

const isObj = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function finite(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return undefined
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/** A score from a stored record; undefined when it has no name or no value of any kind. */
export function toScore(v: unknown): Score | undefined {
  if (!isObj(v)) return undefined
  const name = text(v.name)
  if (!name) return undefined
  const s: Score = { name }
  const value = finite(v.value)
  if (value !== undefined) s.value = value
  const label = text(v.label)
  if (label) s.label = label
  const comment = text(v.comment)
  if (comment) s.comment = comment
  const source = text(v.source)
  if (source) s.source = source
  const count = finite(v.count)
  if (count !== undefined) s.count = count
  return s.value === undefined && s.label === undefined && s.comment === undefined ? undefined : s
}

const EVAL = /^eval\.(.+)\.(score|label|explanation)$/

/** Every score in a trace's or span's attributes, in the order stated. */
export function scoresOf(attributes: Record<string, Json> | undefined): Score[] {
  if (!attributes) return []
  const out: Score[] = []
  const stored = attributes[SCORES_ATTRIBUTE]
  if (Array.isArray(stored)) {
    for (const v of stored) {
      const s = toScore(v)
      if (s) out.push(s)
    }
  }
  const evals = new Map<string, Score>()
  for (const [k, v] of Object.entries(attributes)) {
    const m = EVAL.exec(k)
    if (!m) continue
    let s = evals.get(m[1])
    if (!s) evals.set(m[1], (s = { name: m[1], source: 'eval' }))
    if (m[2] === 'score') {
      const n = finite(v)
      if (n !== undefined) s.value = n
    } else if (m[2] === 'label') s.label = text(v)
    else s.comment = text(v)
  }
  for (const s of evals.values()) {
    if (s.label === undefined) delete s.label
    if (s.comment === undefined) delete s.comment
    if (s.value !== undefined || s.label !== undefined) out.push(s)
  }
  return out
}

/** Plain text of a score's value for lists and tooltips: "0.9", "correct (1)", "polite". */
export function scoreText(s: Score): string {
  const n = s.value === undefined ? undefined : Number(s.value.toPrecision(4)).toString()
  if (s.label !== undefined && n !== undefined) return `${s.label} (${n})`
  return s.label ?? n ?? '–'
}
