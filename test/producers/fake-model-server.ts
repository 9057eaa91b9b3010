/**
 * A local stand-in for the model providers and the trace back ends the producers talk to, on
 * 127.0.0.1 only. Model side: OpenAI Chat Completions and Responses, Anthropic Messages, each
 * plain or streamed (SSE), with tool calls, usage, and failures on request. Back-end side: every
 * request body a producer's exporter sends (OTLP/HTTP JSON, Langfuse OTLP, LangSmith `/runs`
 * and `/runs/batch`, the OpenAI Agents ingest) is kept, per producer, as the file a user gets.
 *
 * Each producer uses its own path prefix, `/<run>/…`, so several run at once. The model's
 * behaviour is set by markers in the last user message (the producer scripts write them):
 *   `[m:KEY]`          which producer trace the call belongs to (recorded with the call)
 *   `[call:TOOL]`      answer with a call of that tool (when the request offers it and the last
 *                      message is not already a tool result)
 *   `[fail-once:429]`  fail the first request with this exact text (429 or 500), then answer
 *   `[fail:500]`       always fail
 * Usage is computed from the text (about 4 characters a token), so every call's counts differ.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ModelCall {
  run: string
  marker: string | null
  api: 'chat' | 'responses' | 'anthropic'
  model: string
  stream: boolean
  status: number
  /** Role and text of every input message (system/instructions first). */
  input: { role: string; text: string }[]
  /** The answer: text, or the names of the tools called. */
  output?: { text?: string; toolCalls?: string[] }
  usage?: { input: number; output: number }
}

export interface Capture {
  /** Request path after the run prefix, e.g. `/v1/traces`. */
  path: string
  contentType: string
  body: string
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Obj = { [k: string]: Json }

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Text of a message content in any of the three APIs' shapes. */
function textOf(content: Json | undefined): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content))
    return content
      .map((p) =>
        isObj(p) && typeof p.text === 'string' ? p.text : typeof p === 'string' ? p : '',
      )
      .join('')
  return ''
}

const tokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4))

interface Parsed {
  input: { role: string; text: string }[]
  tools: string[]
  /** The last input item is a tool result. */
  afterTool: boolean
  toolResult?: string
}

function parseChat(b: Obj): Parsed {
  const msgs = Array.isArray(b.messages) ? b.messages.filter(isObj) : []
  const last = msgs[msgs.length - 1]
  return {
    input: msgs.map((m) => ({ role: String(m.role), text: textOf(m.content) })),
    tools: (Array.isArray(b.tools) ? b.tools : []).filter(isObj).map((t) => {
      const f = isObj(t.function) ? t.function : t
      return String(f.name)
    }),
    afterTool: last?.role === 'tool',
    toolResult: last?.role === 'tool' ? textOf(last.content) : undefined,
  }
}

function parseResponses(b: Obj): Parsed {
  const input: { role: string; text: string }[] = []
  if (typeof b.instructions === 'string') input.push({ role: 'system', text: b.instructions })
  const items: Json[] =
    typeof b.input === 'string'
      ? [{ role: 'user', content: b.input }]
      : Array.isArray(b.input)
        ? b.input
        : []
  let afterTool = false
  let toolResult: string | undefined
  for (const it of items.filter(isObj)) {
    if (it.type === 'function_call_output') {
      afterTool = true
      toolResult = typeof it.output === 'string' ? it.output : JSON.stringify(it.output)
      input.push({ role: 'tool', text: toolResult })
    } else if (it.type === 'function_call') {
      afterTool = false
    } else if (typeof it.role === 'string') {
      afterTool = false
      input.push({ role: it.role, text: textOf(it.content) })
    }
  }
  return {
    input,
    tools: (Array.isArray(b.tools) ? b.tools : []).filter(isObj).map((t) => String(t.name)),
    afterTool,
    toolResult,
  }
}

function parseAnthropic(b: Obj): Parsed {
  const input: { role: string; text: string }[] = []
  if (b.system !== undefined) input.push({ role: 'system', text: textOf(b.system) })
  const msgs = Array.isArray(b.messages) ? b.messages.filter(isObj) : []
  let afterTool = false
  let toolResult: string | undefined
  for (const m of msgs) {
    const parts = Array.isArray(m.content) ? m.content.filter(isObj) : []
    const result = parts.find((p) => p.type === 'tool_result')
    afterTool = !!result
    if (result) toolResult = textOf(result.content)
    input.push({ role: String(m.role), text: textOf(m.content) })
  }
  return {
    input,
    tools: (Array.isArray(b.tools) ? b.tools : []).filter(isObj).map((t) => String(t.name)),
    afterTool,
    toolResult,
  }
}

export class FakeModelServer {
  readonly calls: ModelCall[] = []
  private readonly captures = new Map<string, Capture[]>()
  private readonly failedOnce = new Set<string>()
  private server: Server | null = null
  private seq = 0
  url = ''

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        try {
          this.handle(req, res, Buffer.concat(chunks).toString('utf8'))
        } catch (err) {
          res.writeHead(500, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ error: { message: String(err) } }))
        }
      })
    })
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this.url
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()))
  }

  capturesOf(run: string): Capture[] {
    return this.captures.get(run) ?? []
  }

  callsOf(run: string): ModelCall[] {
    return this.calls.filter((c) => c.run === run)
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://x')
    const [, run, ...rest] = url.pathname.split('/')
    const path = '/' + rest.join('/')
    const json = (status: number, v: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(v))
    }
    if (req.method === 'GET') {
      // LangSmith asks the server what it supports; batch ingest without multipart.
      if (path.endsWith('/info'))
        return json(200, {
          version: '0.0.0',
          batch_ingest_config: { use_multipart_endpoint: false },
        })
      return json(404, { error: 'not found' })
    }
    let parsed: unknown
    try {
      parsed = body ? JSON.parse(body) : {}
    } catch {
      parsed = undefined
    }
    const b = isObj(parsed) ? parsed : {}
    if (path.endsWith('/chat/completions')) return this.model(run, 'chat', b, res)
    if (path.endsWith('/responses')) return this.model(run, 'responses', b, res)
    if (path.endsWith('/messages')) return this.model(run, 'anthropic', b, res)
    // Anything else is a trace back end: keep the body as sent.
    let list = this.captures.get(run)
    if (!list) this.captures.set(run, (list = []))
    list.push({ path, contentType: String(req.headers['content-type'] ?? ''), body })
    if (path.endsWith('/v1/traces')) return json(200, { partialSuccess: {} })
    return json(200, {})
  }

  private model(run: string, api: ModelCall['api'], b: Obj, res: ServerResponse): void {
    const p =
      api === 'chat' ? parseChat(b) : api === 'responses' ? parseResponses(b) : parseAnthropic(b)
    const lastUser = [...p.input].reverse().find((m) => m.role === 'user')?.text ?? ''
    const all = p.input.map((m) => m.text).join('\n')
    const marker = /\[m:([^\]]+)\]/.exec(lastUser)?.[1] ?? /\[m:([^\]]+)\]/.exec(all)?.[1] ?? null
    const model = typeof b.model === 'string' ? b.model : 'unknown'
    const stream = b.stream === true
    const call: ModelCall = { run, marker, api, model, stream, status: 200, input: p.input }
    this.calls.push(call)

    const always = /\[fail:(\d{3})\]/.exec(lastUser)
    const once = /\[fail-once:(\d{3})\]/.exec(lastUser)
    const failKey = `${run}\0${all}`
    let fail = always ? Number(always[1]) : 0
    if (!fail && once && !this.failedOnce.has(failKey)) {
      this.failedOnce.add(failKey)
      fail = Number(once[1])
    }
    if (fail) {
      call.status = fail
      const message = fail === 429 ? 'Rate limit reached for requests' : 'The server had an error'
      res.writeHead(fail, { 'content-type': 'application/json', 'retry-after-ms': '1' })
      res.end(
        JSON.stringify(
          api === 'anthropic'
            ? {
                type: 'error',
                error: { type: fail === 429 ? 'rate_limit_error' : 'api_error', message },
              }
            : {
                error: {
                  message,
                  type: fail === 429 ? 'rate_limit_error' : 'server_error',
                  code: null,
                },
              },
        ),
      )
      return
    }

    const wanted = /\[call:([\w-]+)\]/.exec(lastUser)?.[1]
    const id = ++this.seq
    let text: string | undefined
    let toolCall: { name: string; args: string; id: string } | undefined
    if (wanted && p.tools.includes(wanted) && !p.afterTool) {
      toolCall = { name: wanted, args: JSON.stringify({ city: 'Paris', n: id }), id: `call_${id}` }
    } else if (p.afterTool) {
      text = `Done: ${p.toolResult ?? ''}`
    } else if (
      b.response_format ||
      (isObj(b.text) && isObj(b.text.format) && b.text.format.type === 'json_schema')
    ) {
      text = JSON.stringify({ answer: `reply ${id}`, confidence: 0.5 })
    } else {
      text = `Reply ${id} to: ${lastUser.replace(/\[[^\]]*\]/g, '').trim()}`
    }
    const usage = { input: tokens(all) + 7, output: tokens(text ?? toolCall!.args) + 3 }
    call.output = text !== undefined ? { text } : { toolCalls: [toolCall!.name] }
    call.usage = usage
    if (api === 'chat') this.chat(res, model, id, text, toolCall, usage, stream)
    else if (api === 'responses') this.responses(res, model, id, text, toolCall, usage, stream)
    else this.anthropic(res, model, id, text, toolCall, usage, stream)
  }

  private chat(
    res: ServerResponse,
    model: string,
    id: number,
    text: string | undefined,
    tc: { name: string; args: string; id: string } | undefined,
    usage: { input: number; output: number },
    stream: boolean,
  ): void {
    const u = {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    }
    const base = { id: `chatcmpl-${id}`, created: 1_760_000_000 + id, model }
    const finish = tc ? 'tool_calls' : 'stop'
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              finish_reason: finish,
              message: {
                role: 'assistant',
                content: text ?? null,
                ...(tc
                  ? {
                      tool_calls: [
                        {
                          id: tc.id,
                          type: 'function',
                          function: { name: tc.name, arguments: tc.args },
                        },
                      ],
                    }
                  : {}),
              },
            },
          ],
          usage: u,
        }),
      )
      return
    }
    const chunk = (delta: Json, finish_reason: string | null, extra: Obj = {}) =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason }], ...extra })}\n\n`
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(chunk({ role: 'assistant', content: '' }, null))
    if (text !== undefined) {
      const half = Math.ceil(text.length / 2)
      res.write(chunk({ content: text.slice(0, half) }, null))
      res.write(chunk({ content: text.slice(half) }, null))
    } else if (tc) {
      res.write(
        chunk(
          {
            tool_calls: [
              { index: 0, id: tc.id, type: 'function', function: { name: tc.name, arguments: '' } },
            ],
          },
          null,
        ),
      )
      res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: tc.args } }] }, null))
    }
    res.write(chunk({}, finish))
    res.write(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage: u })}\n\n`,
    )
    res.end('data: [DONE]\n\n')
  }

  private responses(
    res: ServerResponse,
    model: string,
    id: number,
    text: string | undefined,
    tc: { name: string; args: string; id: string } | undefined,
    usage: { input: number; output: number },
    stream: boolean,
  ): void {
    const item: Obj = tc
      ? {
          type: 'function_call',
          id: `fc_${id}`,
          call_id: tc.id,
          name: tc.name,
          arguments: tc.args,
          status: 'completed',
        }
      : {
          type: 'message',
          id: `msg_${id}`,
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: text ?? '', annotations: [] }],
        }
    const response = (status: string, output: Json[]): Obj => ({
      id: `resp_${id}`,
      object: 'response',
      created_at: 1_760_000_000 + id,
      status,
      model,
      output,
      usage:
        status === 'completed'
          ? {
              input_tokens: usage.input,
              output_tokens: usage.output,
              total_tokens: usage.input + usage.output,
              input_tokens_details: { cached_tokens: 0 },
              output_tokens_details: { reasoning_tokens: 0 },
            }
          : null,
      parallel_tool_calls: true,
      tool_choice: 'auto',
      tools: [],
      text: { format: { type: 'text' } },
      error: null,
      incomplete_details: null,
    })
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(response('completed', [item])))
      return
    }
    let n = 0
    const ev = (type: string, data: Obj) =>
      `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: n++, ...data })}\n\n`
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(ev('response.created', { response: response('in_progress', []) }))
    if (tc) {
      res.write(
        ev('response.output_item.added', {
          output_index: 0,
          item: { ...item, arguments: '', status: 'in_progress' },
        }),
      )
      res.write(
        ev('response.function_call_arguments.delta', {
          output_index: 0,
          item_id: item.id,
          delta: tc.args,
        }),
      )
      res.write(
        ev('response.function_call_arguments.done', {
          output_index: 0,
          item_id: item.id,
          arguments: tc.args,
        }),
      )
    } else {
      res.write(
        ev('response.output_item.added', {
          output_index: 0,
          item: { ...item, content: [], status: 'in_progress' },
        }),
      )
      res.write(
        ev('response.content_part.added', {
          output_index: 0,
          item_id: item.id,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] },
        }),
      )
      res.write(
        ev('response.output_text.delta', {
          output_index: 0,
          item_id: item.id,
          content_index: 0,
          delta: text ?? '',
        }),
      )
      res.write(
        ev('response.output_text.done', {
          output_index: 0,
          item_id: item.id,
          content_index: 0,
          text: text ?? '',
        }),
      )
      res.write(
        ev('response.content_part.done', {
          output_index: 0,
          item_id: item.id,
          content_index: 0,
          part: { type: 'output_text', text: text ?? '', annotations: [] },
        }),
      )
    }
    res.write(ev('response.output_item.done', { output_index: 0, item }))
    res.end(ev('response.completed', { response: response('completed', [item]) }))
  }

  private anthropic(
    res: ServerResponse,
    model: string,
    id: number,
    text: string | undefined,
    tc: { name: string; args: string; id: string } | undefined,
    usage: { input: number; output: number },
    stream: boolean,
  ): void {
    const block: Obj = tc
      ? { type: 'tool_use', id: `toolu_${id}`, name: tc.name, input: JSON.parse(tc.args) as Json }
      : { type: 'text', text: text ?? '' }
    const stop = tc ? 'tool_use' : 'end_turn'
    const msg = (content: Json[], out: number): Obj => ({
      id: `msg_${id}`,
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: out ? stop : null,
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: out },
    })
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(msg([block], usage.output)))
      return
    }
    const ev = (type: string, data: Obj) =>
      `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(ev('message_start', { message: msg([], 0) }))
    if (tc) {
      res.write(ev('content_block_start', { index: 0, content_block: { ...block, input: {} } }))
      res.write(
        ev('content_block_delta', {
          index: 0,
          delta: { type: 'input_json_delta', partial_json: tc.args },
        }),
      )
    } else {
      res.write(ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }))
      res.write(
        ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: text ?? '' } }),
      )
    }
    res.write(ev('content_block_stop', { index: 0 }))
    res.write(
      ev('message_delta', {
        delta: { stop_reason: stop, stop_sequence: null },
        usage: { output_tokens: usage.output },
      }),
    )
    res.end(ev('message_stop', {}))
  }
}
