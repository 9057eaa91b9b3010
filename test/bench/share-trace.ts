/**
 * A large agent run with typical LLM payloads for the shared-replay benchmark, as OTLP JSON with
 * OpenInference attributes: an agent root, turns of (LLM call, two tool calls, LLM call); every
 * LLM call carries a system prompt, the user's message, earlier turns' messages and an answer
 * (about 3 KB), every tool a JSON input and a result (about 0.8 KB). Deterministic.
 */
import { closeSync, openSync, writeSync } from 'node:fs'

const T0_NS = 1749823200n * 1_000_000_000n
const WORDS = (
  'the a to of and in your order refund shipping policy customer bottle cracked warehouse invoice ' +
  'carrier tracking delay replacement discount account address payment status label return window ' +
  'support agent we can will not been has arrived today tomorrow week days business credit card ' +
  'email confirm check found missing damaged item package box courier route estimate priority ' +
  'standard express sorry thanks please let me know if anything else help with'
).split(' ')
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0')

/**
 * `chars` characters of prose-like text from a seeded generator: words drawn at random, with
 * numbers and ids now and then, so it compresses about as well as real chat text (not better).
 */
function prose(seed: number, chars: number): string {
  let state = (seed * 0x9e3779b1) >>> 0 || 1
  const next = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 0x1_0000_0000
  }
  const out: string[] = []
  let len = 0
  while (len < chars) {
    const r = next()
    const w =
      r < 0.06
        ? String(Math.floor(next() * 100_000))
        : r < 0.08
          ? hex(Math.floor(next() * 0xffffffff), 8)
          : WORDS[Math.floor(next() * WORDS.length)]
    out.push(next() < 0.08 ? `${w}.` : w)
    len += w.length + 1
  }
  return out.join(' ').slice(0, chars)
}

/** Writes a trace of exactly `count` spans (count ≥ 2) to `path`. */
export function writeShareBenchTrace(path: string, count: number, name: string): void {
  const fd = openSync(path, 'w')
  let buffer: string[] = []
  let size = 0
  const write = (s: string) => {
    buffer.push(s)
    size += s.length
    if (size > 1 << 20) flush()
  }
  const flush = () => {
    writeSync(fd, buffer.join(''))
    buffer = []
    size = 0
  }
  const traceId = `5ba4e000${'0'.repeat(16)}${hex(count, 8)}`
  const attr = (k: string, v: string | number) =>
    typeof v === 'number'
      ? `{"key":"${k}","value":{"intValue":"${v}"}}`
      : `{"key":"${k}","value":{"stringValue":${JSON.stringify(v)}}}`
  let made = 0
  const span = (parent: number, label: string, attrs: string[], startUs: number, durUs: number) => {
    const id = ++made
    const start = T0_NS + BigInt(startUs) * 1000n
    write(
      `${id === 1 ? '' : ','}{"traceId":"${traceId}","spanId":"${hex(id, 16)}","parentSpanId":"${parent ? hex(parent, 16) : ''}",` +
        `"name":${JSON.stringify(label)},"kind":1,"startTimeUnixNano":"${start}","endTimeUnixNano":"${start + BigInt(durUs) * 1000n}",` +
        `"attributes":[${attrs.join(',')}],"status":{"code":0}}`,
    )
    return id
  }
  const system = `You are the support agent of Northwind. ${prose(1, 1100)}`
  const llm = (turn: number, k: number): string[] => {
    const messages: [string, string][] = [
      ['system', system],
      ['user', `Turn ${turn}: ${prose(turn, 300)}`],
      ['assistant', prose(turn + 1, 400)],
      ['tool', JSON.stringify({ result: prose(turn + 2, 250) })],
    ]
    return [
      attr('openinference.span.kind', 'LLM'),
      attr('llm.model_name', 'gpt-4o'),
      ...messages.flatMap(([role, content], i) => [
        attr(`llm.input_messages.${i}.message.role`, role),
        attr(`llm.input_messages.${i}.message.content`, content),
      ]),
      attr('llm.output_messages.0.message.role', 'assistant'),
      attr('llm.output_messages.0.message.content', prose(turn * 3 + k, 500)),
      attr('llm.token_count.prompt', 700 + (turn % 90)),
      attr('llm.token_count.completion', 120 + (turn % 40)),
    ]
  }
  const tool = (turn: number, k: number): string[] => [
    attr('openinference.span.kind', 'TOOL'),
    attr('tool.name', `lookup_${k}`),
    attr('input.value', JSON.stringify({ order: 1000 + turn, query: prose(turn + k, 150) })),
    attr('input.mime_type', 'application/json'),
    attr('output.value', prose(turn * 5 + k, 600)),
  ]

  write(
    '{"resourceSpans":[{"resource":{"attributes":[' +
      attr('service.name', 'bench-agent') +
      ']},"scopeSpans":[{"scope":{"name":"bench"},"spans":[',
  )
  const turns = Math.ceil((count - 1) / 5)
  const turnUs = 4_000_000
  const root = span(0, name, [attr('openinference.span.kind', 'AGENT')], 0, turns * turnUs)
  for (let turn = 0; turn < turns && made < count; turn++) {
    const at = turn * turnUs
    const t = span(
      root,
      `turn ${turn + 1}`,
      [attr('openinference.span.kind', 'CHAIN')],
      at,
      turnUs - 100_000,
    )
    const kids: [string, string[]][] = [
      ['chat gpt-4o', llm(turn, 0)],
      ['lookup_order', tool(turn, 1)],
      ['lookup_policy', tool(turn, 2)],
      ['chat gpt-4o', llm(turn, 3)],
    ]
    for (const [k, [label, attrs]] of kids.entries()) {
      if (made >= count) break
      span(t, label, attrs, at + 50_000 + k * 950_000, 900_000)
    }
  }
  write(']}]}]}')
  flush()
  closeSync(fd)
  if (made !== count) throw new Error(`generator made ${made} spans, expected ${count}`)
}
