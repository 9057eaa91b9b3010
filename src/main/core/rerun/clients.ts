/**
 * One LLM call sent through the official SDKs: `openai` for every OpenAI-compatible endpoint
 * (OpenAI, Azure, OpenRouter, Ollama, llama.cpp, vLLM, LM Studio) and `@anthropic-ai/sdk` for
 * Anthropic's Messages API. The rebuilt call (OpenAI-style names) is translated here; the reply
 * comes back as text, tool calls and the provider's usage. Errors become one readable line that
 * never contains the key.
 */
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import type { ChatMessage, Json, ToolCall } from '../../../shared/model'
import type { PlannedCall } from '../../../shared/rerun'
import type { ResolvedProvider } from './provider-store'

export interface CallReply {
  text: string
  toolCalls: ToolCall[]
  inputTokens?: number
  outputTokens?: number
  /** The model the endpoint says answered. */
  model?: string
  finishReason?: string
}

/** A failed call, with the HTTP status when there was one. */
export class CallError extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'CallError'
  }
}

export interface ChatClient {
  complete(call: PlannedCall, signal: AbortSignal): Promise<CallReply>
  listModels(signal?: AbortSignal): Promise<string[]>
}

export interface ClientOptions {
  /** Per request, milliseconds (default 120 s). */
  timeoutMs?: number
  /** Retries of 429/5xx/connection errors, honouring retry-after (default 2). */
  maxRetries?: number
}

/** Where a provider sends requests, for messages. */
export function endpointOf(p: ResolvedProvider): string {
  return (
    p.baseUrl ??
    (p.kind === 'anthropic' ? 'https://api.anthropic.com' : 'https://api.openai.com/v1')
  )
}

function argsText(v: Json | undefined): string {
  if (typeof v === 'string') return v
  return JSON.stringify(v ?? {})
}

function argsObject(v: Json | undefined): Record<string, unknown> {
  const parsed = typeof v === 'string' ? safeParse(v) : v
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {}
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

function openAiMessages(messages: ChatMessage[]): OpenAI.Chat.ChatCompletionMessageParam[] {
  return messages.map((m): OpenAI.Chat.ChatCompletionMessageParam => {
    const text = m.text ?? ''
    if (m.role === 'system') return { role: 'system', content: text }
    if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId!, content: text }
    if (m.role === 'assistant') {
      return {
        role: 'assistant',
        content: m.text ?? null,
        ...(m.toolCalls?.length
          ? {
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id!,
                type: 'function' as const,
                function: { name: c.name, arguments: argsText(c.arguments) },
              })),
            }
          : {}),
      }
    }
    return { role: 'user', content: text, ...(m.name ? { name: m.name } : {}) }
  })
}

/** Translates tracedeck's view of an error into one line; `key` is scrubbed from anything echoed. */
function callError(err: unknown, p: ResolvedProvider, model: string): CallError {
  const scrub = (s: string) =>
    p.apiKey && p.apiKey.length >= 4 ? s.split(p.apiKey).join('***') : s
  const e = err as {
    status?: number
    message?: string
    name?: string
    headers?: Headers | Record<string, string>
  }
  const where = endpointOf(p)
  const name = e?.name ?? ''
  if (
    err instanceof OpenAI.APIUserAbortError ||
    err instanceof Anthropic.APIUserAbortError ||
    name === 'AbortError'
  )
    return new CallError('cancelled', 'cancelled')
  if (
    err instanceof OpenAI.APIConnectionTimeoutError ||
    err instanceof Anthropic.APIConnectionTimeoutError
  )
    return new CallError(`${where} did not answer in time (timeout)`, 'timeout')
  if (err instanceof OpenAI.APIConnectionError || err instanceof Anthropic.APIConnectionError)
    return new CallError(
      `cannot reach ${where} (${scrub(String((err as { cause?: Error }).cause?.message ?? e.message ?? 'connection failed'))})`,
      'connection',
    )
  const status = e?.status
  const detail = scrub(String(e?.message ?? err)).replace(/^\d{3}\s*/, '')
  const header = (h: string) => (e.headers instanceof Headers ? e.headers.get(h) : e.headers?.[h])
  if (status === 401 || status === 403)
    return new CallError(`${where} refused the API key (${status}): ${detail}`, 'auth', status)
  if (status === 404)
    return new CallError(
      `model "${model}" is not available at ${where} (404): ${detail}`,
      'model-not-found',
      status,
    )
  if (status === 429) {
    const after = header('retry-after')
    return new CallError(
      `${where} rate-limited the call (429${after ? `, retry after ${after}s` : ''}): ${detail}`,
      'rate-limit',
      status,
    )
  }
  if (status !== undefined && status >= 500)
    return new CallError(`${where} failed (${status}): ${detail}`, 'server', status)
  if (status !== undefined)
    return new CallError(`${where} rejected the call (${status}): ${detail}`, 'rejected', status)
  return new CallError(scrub(String(e?.message ?? err)), 'error')
}

class OpenAiClient implements ChatClient {
  private readonly sdk: OpenAI

  constructor(
    private readonly p: ResolvedProvider,
    opts: ClientOptions,
  ) {
    // Local servers take any key; the SDK insists on one.
    this.sdk = new OpenAI({
      apiKey: p.apiKey ?? 'none',
      baseURL: endpointOf(p),
      timeout: opts.timeoutMs ?? 120_000,
      maxRetries: opts.maxRetries ?? 2,
    })
  }

  async complete(call: PlannedCall, signal: AbortSignal): Promise<CallReply> {
    const { max_tokens, stop, ...rest } = call.params
    const body = {
      ...rest,
      ...(max_tokens !== undefined ? { max_tokens } : {}),
      ...(stop !== undefined ? { stop } : {}),
      model: call.model,
      messages: openAiMessages(call.messages),
      ...(call.tools.length
        ? {
            tools: call.tools.map((t) => ({
              type: 'function' as const,
              function: {
                name: t.name,
                ...(t.description ? { description: t.description } : {}),
                ...(t.parameters ? { parameters: t.parameters as Record<string, unknown> } : {}),
              },
            })),
          }
        : {}),
      stream: false as const,
    } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming
    try {
      const r = await this.sdk.chat.completions.create(body, { signal })
      const choice = r.choices[0]
      const msg = choice?.message
      return {
        text: msg?.content ?? '',
        toolCalls: (msg?.tool_calls ?? []).flatMap((c) =>
          c.type === 'function'
            ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }]
            : [],
        ),
        ...(r.usage
          ? { inputTokens: r.usage.prompt_tokens, outputTokens: r.usage.completion_tokens }
          : {}),
        ...(r.model ? { model: r.model } : {}),
        ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}),
      }
    } catch (err) {
      throw callError(err, this.p, call.model)
    }
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = []
      for await (const m of this.sdk.models.list({ signal })) ids.push(m.id)
      return ids.sort()
    } catch (err) {
      throw callError(err, this.p, '')
    }
  }
}

/** Anthropic wants the system prompt apart, tool use as content blocks and results as user turns. */
function anthropicMessages(messages: ChatMessage[]): {
  system?: string
  messages: Anthropic.MessageParam[]
} {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.text ?? '')
  const out: Anthropic.MessageParam[] = []
  const push = (role: 'user' | 'assistant', blocks: Anthropic.ContentBlockParam[]) => {
    const last = out[out.length - 1]
    if (last && last.role === role && Array.isArray(last.content)) last.content.push(...blocks)
    else out.push({ role, content: blocks })
  }
  for (const m of messages) {
    if (m.role === 'system') continue
    if (m.role === 'tool') {
      push('user', [{ type: 'tool_result', tool_use_id: m.toolCallId!, content: m.text ?? '' }])
    } else if (m.role === 'assistant') {
      const blocks: Anthropic.ContentBlockParam[] = []
      if (m.text) blocks.push({ type: 'text', text: m.text })
      for (const c of m.toolCalls ?? [])
        blocks.push({ type: 'tool_use', id: c.id!, name: c.name, input: argsObject(c.arguments) })
      if (blocks.length) push('assistant', blocks)
    } else push('user', [{ type: 'text', text: m.text ?? '' }])
  }
  return { ...(system.length ? { system: system.join('\n\n') } : {}), messages: out }
}

/** Parameters Anthropic's Messages API takes, renamed; the rest are not sent. */
function anthropicParams(params: Record<string, Json>): Record<string, unknown> {
  const out: Record<string, unknown> = { max_tokens: params.max_tokens ?? 1024 }
  if (params.temperature !== undefined) out.temperature = params.temperature
  if (params.top_p !== undefined) out.top_p = params.top_p
  if (params.top_k !== undefined) out.top_k = params.top_k
  if (params.stop !== undefined)
    out.stop_sequences = Array.isArray(params.stop) ? params.stop : [params.stop]
  const choice = params.tool_choice
  if (choice === 'auto' || choice === 'required' || choice === 'none')
    out.tool_choice = { type: choice === 'required' ? 'any' : choice }
  return out
}

class AnthropicClient implements ChatClient {
  private readonly sdk: Anthropic

  constructor(
    private readonly p: ResolvedProvider,
    opts: ClientOptions,
  ) {
    this.sdk = new Anthropic({
      apiKey: p.apiKey ?? 'none',
      baseURL: endpointOf(p),
      timeout: opts.timeoutMs ?? 120_000,
      maxRetries: opts.maxRetries ?? 2,
    })
  }

  async complete(call: PlannedCall, signal: AbortSignal): Promise<CallReply> {
    const { system, messages } = anthropicMessages(call.messages)
    const body = {
      ...anthropicParams(call.params),
      model: call.model,
      ...(system ? { system } : {}),
      messages,
      ...(call.tools.length
        ? {
            tools: call.tools.map((t) => ({
              name: t.name,
              ...(t.description ? { description: t.description } : {}),
              input_schema: (t.parameters ?? {
                type: 'object',
                properties: {},
              }) as Anthropic.Tool.InputSchema,
            })),
          }
        : {}),
    } as Anthropic.MessageCreateParamsNonStreaming
    try {
      const r = await this.sdk.messages.create(body, { signal })
      const text = r.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('')
      const toolCalls = r.content.flatMap((b) =>
        b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: b.input as Json }] : [],
      )
      return {
        text,
        toolCalls,
        inputTokens: r.usage.input_tokens,
        outputTokens: r.usage.output_tokens,
        model: r.model,
        ...(r.stop_reason ? { finishReason: r.stop_reason } : {}),
      }
    } catch (err) {
      throw callError(err, this.p, call.model)
    }
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = []
      for await (const m of this.sdk.models.list({}, { signal })) ids.push(m.id)
      return ids.sort()
    } catch (err) {
      throw callError(err, this.p, '')
    }
  }
}

/** The SDK client for a provider. */
export function clientFor(p: ResolvedProvider, opts: ClientOptions = {}): ChatClient {
  return p.kind === 'anthropic' ? new AnthropicClient(p, opts) : new OpenAiClient(p, opts)
}
