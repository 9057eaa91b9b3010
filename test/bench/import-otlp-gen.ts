/**
 * Generates a big OTLP JSON file of LLM agent traces for the import benchmark, streamed to disk
 * (a gigabyte never sits in memory): one request whose resourceSpans each hold one trace — an
 * agent root, turns of chat calls (OTel GenAI `gen_ai.input.messages` / `output.messages` JSON
 * strings, tokens, model), tool calls with arguments and results, and the odd failed call
 * followed by a retry. Records each resourceSpans element's byte range so the baseline can
 * JSON.parse the file piecewise when it is too big for one string.
 */
import { closeSync, openSync, writeSync } from 'node:fs'

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let x = Math.imul(t ^ (t >>> 15), 1 | t)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS =
  'the agent reads a file then plans next step search results show weather in Paris is sunny user asked for summary of quarterly report with numbers and tables'.split(
    ' ',
  )
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet-20241022', 'gpt-4.1']
const TOOLS = ['search_web', 'read_file', 'run_sql', 'get_weather', 'send_email']

function text(rand: () => number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)])
  return out.join(' ')
}

function hex(rand: () => number, chars: number): string {
  let s = ''
  while (s.length < chars)
    s += Math.floor(rand() * 0xffffffff)
      .toString(16)
      .padStart(8, '0')
  return s.slice(0, chars)
}

const str = (key: string, v: string) => ({ key, value: { stringValue: v } })
const int = (key: string, v: number) => ({ key, value: { intValue: String(v) } })

export interface GenResult {
  spans: number
  traces: number
  bytes: number
  /** Byte ranges [start, end) of each resourceSpans element. */
  ranges: [number, number][]
}

/** Writes OTLP JSON to `path` until the target span count or size is reached. */
export function generateOtlp(
  path: string,
  target: { spans?: number; bytes?: number },
  seed = 42,
): GenResult {
  const enough = () =>
    (target.spans !== undefined && spans >= target.spans) ||
    (target.bytes !== undefined && offset >= target.bytes)
  const rand = rng(seed)
  const fd = openSync(path, 'w')
  let pending: string[] = []
  let pendingLen = 0
  let offset = 0
  const write = (s: string) => {
    pending.push(s)
    pendingLen += s.length
    offset += Buffer.byteLength(s)
    if (pendingLen > 8 << 20) flush()
  }
  const flush = () => {
    writeSync(fd, pending.join(''))
    pending = []
    pendingLen = 0
  }
  const ranges: [number, number][] = []
  let spans = 0
  let traces = 0
  let t0 = 1_750_000_000_000n * 1_000_000n
  write('{"resourceSpans":[')
  while (!enough()) {
    const traceId = hex(rand, 32)
    const out: object[] = []
    const rootId = hex(rand, 16)
    let t = t0
    const ns = (n: bigint) => n.toString()
    const turns = 5 + Math.floor(rand() * 30)
    const history: object[] = [
      { role: 'system', parts: [{ type: 'text', content: text(rand, 30) }] },
    ]
    for (let turn = 0; turn < turns; turn++) {
      const model = MODELS[Math.floor(rand() * MODELS.length)]
      const failed = rand() < 0.03
      for (let attempt = 0; attempt < (failed ? 2 : 1); attempt++) {
        history.push({
          role: 'user',
          parts: [{ type: 'text', content: text(rand, 10 + Math.floor(rand() * 120)) }],
        })
        const dur = BigInt(Math.floor(200 + rand() * 3000)) * 1_000_000n
        const input = JSON.stringify(history.slice(-6))
        const reply = text(rand, 20 + Math.floor(rand() * 150))
        out.push({
          traceId,
          spanId: hex(rand, 16),
          parentSpanId: rootId,
          name: `chat ${model}`,
          kind: 3,
          startTimeUnixNano: ns(t),
          endTimeUnixNano: ns(t + dur),
          attributes: [
            str('gen_ai.operation.name', 'chat'),
            str('gen_ai.provider.name', 'openai'),
            str('gen_ai.request.model', model),
            str('gen_ai.input.messages', input),
            ...(attempt === 0 && failed
              ? []
              : [
                  str(
                    'gen_ai.output.messages',
                    JSON.stringify([
                      { role: 'assistant', parts: [{ type: 'text', content: reply }] },
                    ]),
                  ),
                ]),
            int('gen_ai.usage.input_tokens', Math.floor(input.length / 4)),
            int('gen_ai.usage.output_tokens', Math.floor(reply.length / 4)),
          ],
          events: [],
          status: attempt === 0 && failed ? { code: 2, message: 'rate limited' } : {},
        })
        t += dur + 1_000_000n
      }
      const tool = TOOLS[Math.floor(rand() * TOOLS.length)]
      const tdur = BigInt(Math.floor(5 + rand() * 400)) * 1_000_000n
      out.push({
        traceId,
        spanId: hex(rand, 16),
        parentSpanId: rootId,
        name: `execute_tool ${tool}`,
        kind: 1,
        startTimeUnixNano: ns(t),
        endTimeUnixNano: ns(t + tdur),
        attributes: [
          str('gen_ai.operation.name', 'execute_tool'),
          str('gen_ai.tool.name', tool),
          str('gen_ai.tool.call.arguments', JSON.stringify({ query: text(rand, 6) })),
          str('gen_ai.tool.call.result', text(rand, 10 + Math.floor(rand() * 60))),
        ],
        events: [],
        status: {},
      })
      t += tdur + 1_000_000n
    }
    out.unshift({
      traceId,
      spanId: rootId,
      parentSpanId: '',
      name: 'invoke_agent assistant',
      kind: 1,
      startTimeUnixNano: ns(t0),
      endTimeUnixNano: ns(t),
      attributes: [
        str('gen_ai.operation.name', 'invoke_agent'),
        str('gen_ai.conversation.id', `conv-${traces % 500}`),
      ],
      events: [],
      status: {},
    })
    const rs = JSON.stringify({
      resource: { attributes: [str('service.name', 'bench-agent')] },
      scopeSpans: [{ scope: { name: 'bench', version: '1.0' }, spans: out }],
    })
    if (traces > 0) write(',')
    const start = offset
    write(rs)
    ranges.push([start, offset])
    spans += out.length
    traces++
    t0 = t + 10_000_000n
  }
  write(']}')
  flush()
  closeSync(fd)
  return { spans, traces, bytes: offset, ranges }
}
