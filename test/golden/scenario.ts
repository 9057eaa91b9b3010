/**
 * One agent run described once, rendered by `fixtures/<format>.ts` into every format tracedeck
 * imports. The golden tests generate their input files from it (never copied from other
 * projects), so every format is checked against the same expectations: a root agent, two LLM
 * calls with chat messages, tokens and stated cost, a failed tool call followed by a successful
 * retry, a session and a user.
 */

export interface ScenarioSpan {
  /** 16 hex digits. */
  id: string
  parent: string | null
  name: string
  kind: 'agent' | 'llm' | 'tool'
  /** Milliseconds after the trace start. */
  at: number
  dur: number
  service: string
  model?: string
  provider?: string
  inputTokens?: number
  outputTokens?: number
  cost?: number
  /** Chat messages (OpenAI style) or a plain value. */
  input?: unknown
  output?: unknown
  error?: { type: string; message: string }
}

/** Trace start: 2025-06-01T12:00:00Z in µs. */
export const T0_US = Date.UTC(2025, 5, 1, 12, 0, 0) * 1000
export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
export const SESSION = 'sess-42'
export const USER = 'user-7'

const question = 'What is the weather in Paris?'
const system = 'You are a helpful travel assistant.'

export const SPANS: ScenarioSpan[] = [
  {
    id: '00f067aa0ba902b7',
    parent: null,
    name: 'support-agent',
    kind: 'agent',
    at: 0,
    dur: 2400,
    service: 'agent-svc',
    input: question,
    output: 'It is sunny and 24°C in Paris.',
  },
  {
    id: '1a2b3c4d5e6f7081',
    parent: '00f067aa0ba902b7',
    name: 'chat gpt-4o',
    kind: 'llm',
    at: 100,
    dur: 800,
    service: 'agent-svc',
    model: 'gpt-4o',
    provider: 'openai',
    inputTokens: 120,
    outputTokens: 30,
    cost: 0.0006,
    input: [
      { role: 'system', content: system },
      { role: 'user', content: question },
    ],
    output: [
      {
        role: 'assistant',
        content: 'Let me check the weather.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    ],
  },
  {
    id: '2b3c4d5e6f708192',
    parent: '00f067aa0ba902b7',
    name: 'get_weather',
    kind: 'tool',
    at: 950,
    dur: 150,
    service: 'weather-tool',
    input: { city: 'Paris' },
    error: { type: 'TimeoutError', message: 'upstream timed out' },
  },
  {
    id: '3c4d5e6f708192a3',
    parent: '00f067aa0ba902b7',
    name: 'get_weather',
    kind: 'tool',
    at: 1150,
    dur: 150,
    service: 'weather-tool',
    input: { city: 'Paris' },
    output: { forecast: 'sunny', celsius: 24 },
  },
  {
    id: '4d5e6f708192a3b4',
    parent: '00f067aa0ba902b7',
    name: 'chat gpt-4o',
    kind: 'llm',
    at: 1350,
    dur: 950,
    service: 'agent-svc',
    model: 'gpt-4o',
    provider: 'openai',
    inputTokens: 200,
    outputTokens: 40,
    cost: 0.001,
    input: [
      { role: 'system', content: system },
      { role: 'user', content: question },
      { role: 'tool', tool_call_id: 'call_1', content: '{"forecast":"sunny","celsius":24}' },
    ],
    output: [{ role: 'assistant', content: 'It is sunny and 24°C in Paris.' }],
  },
]

/** Epoch µs of a scenario offset in ms. */
export const us = (ms: number): number => T0_US + ms * 1000
/** ISO-8601 UTC with microseconds, e.g. 2025-06-01T12:00:00.100000Z. */
export function iso(ms: number, opts: { zone?: boolean; digits?: 3 | 6 } = {}): string {
  const t = us(ms)
  const base = new Date(Math.floor(t / 1000)).toISOString().slice(0, 19)
  const frac = String(t % 1_000_000)
    .padStart(6, '0')
    .slice(0, opts.digits ?? 6)
  return `${base}.${frac}${opts.zone === false ? '' : 'Z'}`
}
