/**
 * LLM attribute conventions, shared by every importer whose spans carry OTel-style attributes
 * (OTLP, Jaeger and Zipkin tags, Phoenix, OTel Python `to_json`).
 *
 * Precedence, per field (the first convention that states a field wins):
 *   0. Langfuse                         (langfuse.observation.*, set by hand on an observation)
 *   1. OTel GenAI semconv 1.37+         (gen_ai.operation.name, gen_ai.provider.name, gen_ai.input.messages…)
 *   2. older OTel GenAI and Traceloop   (gen_ai.system, gen_ai.prompt.N.*, events, traceloop.*)
 *   3. OpenInference                    (openinference.span.kind, llm.*, input.value, session.id…)
 *   4. Vercel AI SDK                    (ai.*)
 * Newer, standard keys are preferred because producers that emit several conventions at once
 * (OpenLLMetry, the Vercel AI SDK's gen_ai.* mirror) keep them the most exact.
 * Within a convention, a response model beats a request model, and token keys follow the order
 * input_tokens > prompt_tokens > llm.token_count.prompt > ai.usage.promptTokens > ai.usage.inputTokens.
 */
import type { SpanEvent } from '../../../../shared/model'
import { flattenAttributes, type Attrs } from './attrs'
import { readGenAi } from './genai'
import { readGenAiLegacy } from './genai-legacy'
import { readLangfuse } from './langfuse'
import { readOpenInference } from './openinference'
import type { LlmFields } from './types'
import { readVercelAi } from './vercel-ai'

export type { LlmFields } from './types'
export { addTraceFields, readTraceFields, type TraceFields } from './trace-fields'
export { flattenAttributes, indexed, num, str, toNum, type Attrs } from './attrs'
export {
  kindFromGenAiOperation,
  kindFromLlmRequestType,
  kindFromOpenInference,
  kindFromTraceloop,
  kindFromVercelOperation,
} from './kind'

/** The fields the conventions read, in the order they are merged. */
export const LLM_FIELDS = [
  'kind',
  'kindHint',
  'model',
  'provider',
  'inputTokens',
  'outputTokens',
  'cost',
  'input',
  'output',
  'sessionId',
  'userId',
  'failed',
  'error',
] as const satisfies readonly (keyof LlmFields)[]

/** Session / user keys outside the four conventions (Langfuse's OTel ingestion, semconv `enduser.id`). */
const EXTRA_SESSION_KEYS = ['langfuse.session.id', 'session_id', 'thread_id']
const EXTRA_USER_KEYS = ['langfuse.user.id', 'enduser.id', 'user_id']

/**
 * Reads model, provider, tokens, cost, input/output (with chat view), session, user and kind from
 * a span's attributes (flat dotted keys or nested objects) and events, across the conventions.
 * Fields no convention states are absent.
 */
export function extractLlmFields(
  attrs: Record<string, unknown>,
  events: readonly SpanEvent[] = [],
): LlmFields {
  const a: Attrs = flattenAttributes(attrs)
  const found = [
    // Langfuse's keys are what the user set on the observation by hand: they come first.
    readLangfuse(a),
    readGenAi(a, events),
    readGenAiLegacy(a, events),
    readOpenInference(a),
    readVercelAi(a),
  ]
  const out: LlmFields = {}
  for (const key of LLM_FIELDS) {
    for (const f of found) {
      if (f[key] !== undefined) {
        ;(out as Record<string, unknown>)[key] = f[key]
        break
      }
    }
  }
  // The Vercel AI SDK mirrors its dotted provider id ("openai.chat") into gen_ai.system.
  const vercelProvider = a['ai.model.provider']
  if (out.provider !== undefined && out.provider === vercelProvider)
    out.provider = out.provider.split('.')[0]
  out.sessionId ??= firstString(a, EXTRA_SESSION_KEYS)
  out.userId ??= firstString(a, EXTRA_USER_KEYS)
  // A span that names a model or states token usage is an LLM call unless a convention said otherwise.
  if (!out.kind && (out.model || out.inputTokens !== undefined || out.outputTokens !== undefined))
    out.kind = 'llm'
  for (const key of Object.keys(out) as (keyof LlmFields)[])
    if (out[key] === undefined) delete out[key]
  return out
}

function firstString(a: Attrs, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = a[k]
    if (typeof v === 'string' && v !== '') return v
  }
  return undefined
}

/** True when a span carries LLM data: a model, token counts, or a chat view of its input/output. */
export function hasLlmData(f: LlmFields): boolean {
  return (
    !!f.model ||
    f.inputTokens !== undefined ||
    f.outputTokens !== undefined ||
    !!f.input?.messages ||
    !!f.output?.messages
  )
}
