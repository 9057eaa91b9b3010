/**
 * What-if re-runs: the request schemas and the shapes the API, the CLI and the renderer share.
 * A provider is an endpoint to re-run LLM calls against; an API key never appears in any of
 * these shapes (only whether one is set, and where from).
 */
import './zod-config' // first: configures zod before any schema below is built
import { z } from 'zod'
import type { ChatMessage, Json } from './model'

export const PROVIDER_KINDS = ['openai', 'anthropic'] as const
export type ProviderKind = (typeof PROVIDER_KINDS)[number]

/** A configured endpoint as every front door shows it: never the key itself. */
export interface ProviderInfo {
  id: string
  name: string
  kind: ProviderKind
  /** Base URL of the API (e.g. http://127.0.0.1:11434/v1 for Ollama); absent: the vendor's. */
  baseUrl?: string
  defaultModel?: string
  /** Where the key comes from: stored (encrypted or in the 0600 file), an env variable, none. */
  key: { source: 'stored' | 'env' | 'none'; env?: string; hint?: string }
}

const text = (max: number) => z.string().max(max)

export const ProviderInputSchema = z
  .object({
    /** Absent: a new provider. */
    id: z.string().min(1).max(64).optional(),
    name: text(200).min(1),
    kind: z.enum(PROVIDER_KINDS),
    baseUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).optional(),
    defaultModel: text(200).optional(),
    /** A new key to store; write-only. */
    apiKey: text(10_000).optional(),
    /** Remove the stored key. */
    clearKey: z.boolean().optional(),
    /** Environment variable read when no key is stored (default per kind). */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .max(100)
      .optional(),
  })
  .strict()
export type ProviderInput = z.infer<typeof ProviderInputSchema>

/** Parameter overrides: a value sets or changes a parameter, null removes it. */
const paramValue: z.ZodType<Json, Json> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string().max(100_000),
    z.array(paramValue).max(1000),
    z.record(z.string().max(200), paramValue),
  ]),
)

export const RerunOverridesSchema = z
  .object({
    /** The model every LLM span is re-run with (after `modelMap`). */
    model: text(200).min(1).optional(),
    /** Original model → new model, e.g. {"gpt-4o": "gpt-4o-mini"}. */
    modelMap: z.record(text(200), text(200).min(1)).optional(),
    params: z.record(text(100), paramValue).optional(),
    /** Replaces the system prompt of every call (added where a call had none). */
    system: text(1_000_000).optional(),
    /** A saved prompt version ("support-agent@3"): its text becomes the system prompt. */
    prompt: text(300).optional(),
    /** Edits of single messages: span index, message index, new text. */
    messages: z
      .array(
        z
          .object({
            span: z.number().int().nonnegative(),
            index: z.number().int().nonnegative(),
            text: text(1_000_000),
          })
          .strict(),
      )
      .max(10_000)
      .optional(),
    /** Substitute new answers where a later call quoted an earlier call's recorded output. */
    carryForward: z.boolean().optional(),
  })
  .strict()
export type RerunOverrides = z.infer<typeof RerunOverridesSchema>

export const RerunRequestSchema = z
  .object({
    traceId: z.string().min(1).max(512),
    providerId: z.string().min(1).max(64),
    overrides: RerunOverridesSchema,
  })
  .strict()
export type RerunRequest = z.infer<typeof RerunRequestSchema>

/** A tool the model may call, as recorded. */
export interface ToolDef {
  name: string
  description?: string
  /** JSON schema of the arguments. */
  parameters?: Json
}

/** One LLM call rebuilt from its recorded span, with the overrides applied. */
export interface PlannedCall {
  span: number
  name: string
  originalModel: string | null
  model: string
  messages: ChatMessage[]
  tools: ToolDef[]
  params: Record<string, Json>
  /** Where the messages and parameters were read from ("OTel GenAI", "OpenInference"…). */
  convention: string
  /** Rendered from a recorded prompt template, or the prompt library's version named. */
  prompt?: string
  estInputTokens: number
  estCost: number | null
}

/** An LLM span that keeps its recorded result, and why. */
export interface KeptCall {
  span: number
  name: string
  reason: string
}

export interface RerunPreview {
  traceId: string
  provider: ProviderInfo
  calls: PlannedCall[]
  kept: KeptCall[]
  /** Spans that are not LLM calls (tools, retrieval…): kept as recorded. */
  otherSpans: number
  estInputTokens: number
  /** Estimated cost of the inputs (outputs unknown before running); null when a model is unpriced. */
  estCost: number | null
  carryForward: boolean
}

export const RERUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const
export type RerunStatus = (typeof RERUN_STATUSES)[number]

/** One re-run of a trace, as its history lists it. */
export interface RerunRun {
  id: string
  traceId: string
  /** The new trace (set once the run has written it). */
  replayTraceId: string | null
  status: RerunStatus
  providerId: string
  providerName: string
  /** The models the calls were sent to. */
  models: string[]
  overrides: RerunOverrides
  done: number
  total: number
  failedCalls: number
  inputTokens: number
  outputTokens: number
  cost: number | null
  durationMs: number
  /** Milliseconds since the epoch. */
  createdAt: number
  startedAt: number | null
  endedAt: number | null
  error: string | null
}

/** The replay marker on a trace written by a re-run (trace attribute `tracedeck.rerun`). */
export interface RerunMarker {
  runId: string
  originalTraceId: string
  provider: string
  models: string[]
  overrides: RerunOverrides
}

export const RERUN_ATTRIBUTE = 'tracedeck.rerun'

/** A saved prompt version in the local prompt library. */
export interface PromptVersion {
  name: string
  version: number
  text: string
  createdAt: number
}

export const PromptInputSchema = z
  .object({ name: z.string().regex(/^[\w.-]{1,100}$/), text: text(1_000_000) })
  .strict()

/** Reads "name@3" (or "name": the latest). */
export function parsePromptRef(ref: string): { name: string; version: number | null } | null {
  const m = /^([\w.-]{1,100})(?:@(\d+))?$/.exec(ref.trim())
  return m ? { name: m[1], version: m[2] ? Number(m[2]) : null } : null
}

export const EVALUATOR_KINDS = [
  'similarity',
  'json-valid',
  'same-tool-calls',
  'regex',
  'contains',
  'latency-budget',
  'cost-budget',
  'llm-judge',
] as const
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number]

/** Kinds that compare a replay with its original (they score replays only). */
export const REFERENCE_KINDS: readonly EvaluatorKind[] = [
  'similarity',
  'json-valid',
  'same-tool-calls',
]

export const EvaluatorInputSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: text(100).min(1),
    kind: z.enum(EVALUATOR_KINDS),
    enabled: z.boolean().optional(),
    /** regex: a pattern; contains: a text (both on the final answer). */
    pattern: text(10_000).optional(),
    /** latency-budget: milliseconds; cost-budget: USD. */
    budget: z.number().nonnegative().optional(),
    /** llm-judge: the provider and model that judge, and the template. */
    providerId: z.string().min(1).max(64).optional(),
    model: text(200).optional(),
    template: text(100_000).optional(),
  })
  .strict()
export type EvaluatorInput = z.infer<typeof EvaluatorInputSchema>
export type Evaluator = Required<Pick<EvaluatorInput, 'id' | 'name' | 'kind' | 'enabled'>> &
  Omit<EvaluatorInput, 'id' | 'name' | 'kind' | 'enabled'>

/** One score of a trace by an evaluator (trace-level when `span` is null). */
export interface Score {
  evaluator: string
  kind: EvaluatorKind | 'imported'
  span: number | null
  /** 0..1 (higher is better), or null when the evaluator had nothing to score. */
  score: number | null
  passed: boolean | null
  label: string | null
  /** The judge's reasoning, or why there was nothing to score. */
  reasoning: string | null
  createdAt: number
}

/** The judge's prompt when none is given: {{input}}, {{output}} and {{reference}} are filled in. */
export const DEFAULT_JUDGE_TEMPLATE = `You are grading an AI assistant's answer.

Conversation input:
{{input}}

Reference answer (from the original run):
{{reference}}

Answer to grade:
{{output}}

Grade how well the answer serves the user compared with the reference, from 1 (useless) to 10 (as good or better). Reply with JSON only: {"score": <1-10>, "reasoning": "<one or two sentences>"}`

/** Reads `name=value`; the value is JSON when it parses (0, true, {"type":"json_object"}), else text; `name=` removes. */
export function parseParam(text: string): [string, Json] {
  const eq = text.indexOf('=')
  if (eq <= 0)
    throw new Error(`--param ${text}: expected name=value (e.g. temperature=0; name= removes it)`)
  const name = text.slice(0, eq).trim()
  const raw = text.slice(eq + 1)
  if (raw === '') return [name, null]
  try {
    return [name, JSON.parse(raw) as Json]
  } catch {
    return [name, raw]
  }
}

/** Reads `from=to` model mappings. */
export function parseModelMap(items: string[]): Record<string, string> {
  const map: Record<string, string> = {}
  for (const item of items) {
    const eq = item.indexOf('=')
    if (eq <= 0 || eq === item.length - 1)
      throw new Error(`--map ${item}: expected original=new (e.g. gpt-4o=gpt-4o-mini)`)
    map[item.slice(0, eq).trim()] = item.slice(eq + 1).trim()
  }
  return map
}
