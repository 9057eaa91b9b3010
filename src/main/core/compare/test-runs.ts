/**
 * Test support: two runs of the same support agent written by the real OpenTelemetry JS SDK
 * (OTel GenAI conventions), differing where a test says — a tool result, the final answer, a
 * retried call, an extra step, the model. Ids and times are deterministic per seed.
 */
import {
  context,
  trace,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Span,
} from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'

export interface RunOptions {
  seed?: number
  /** What the order lookup tool returned. */
  toolResult?: string
  /** The agent's final answer. */
  answer?: string
  /** The first lookup failed with a timeout and was retried. */
  retryLookup?: boolean
  /** The agent also sent a follow-up e-mail (one more tool call at the end). */
  sendEmail?: boolean
  model?: string
  /** Extra seconds the answering LLM call took. */
  slowerBy?: number
}

const T0 = 1_749_823_200 // 2025-06-13T14:00:00Z, seconds

const at = (seconds: number): [number, number] => [
  T0 + Math.floor(seconds),
  Math.round((seconds % 1) * 1e9),
]
const text = (role: string, content: string) => ({ role, parts: [{ type: 'text', content }] })

/** OTLP JSON (as the SDK's JSON serialiser writes it) of one agent run. */
export function supportAgentRun(options: RunOptions = {}): string {
  const {
    seed = 1,
    toolResult = 'Order 1234 shipped on June 11; it arrives Friday.',
    model = 'gpt-4o',
  } = options
  const answer =
    options.answer ?? 'Good news: your order 1234 shipped on June 11 and arrives on Friday.'
  let state = seed * 0x9e3779b1
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0
    return state.toString(16).padStart(8, '0')
  }
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({
    idGenerator: {
      generateTraceId: () => next() + next() + next() + next(),
      generateSpanId: () => next() + next(),
    },
    resource: resourceFromAttributes({ 'service.name': 'support-agent' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const tracer = provider.getTracer('support-agent', '1.0.0')
  const start = (name: string, from: number, attributes: Attributes, parent?: Span) =>
    tracer.startSpan(
      name,
      { kind: SpanKind.INTERNAL, attributes, startTime: at(from) },
      parent ? trace.setSpan(context.active(), parent) : context.active(),
    )

  const question = 'Where is my order 1234?'
  const root = start('invoke_agent support-agent', 0, {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': 'support-agent',
    'gen_ai.conversation.id': `conv-${seed}`,
  })
  const llm = (
    from: number,
    to: number,
    input: object[],
    output: object[],
    tokens: [number, number],
  ) => {
    const s = start(
      `chat ${model}`,
      from,
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': model,
        'gen_ai.response.id': `chatcmpl-${seed}-${from}`,
        'gen_ai.usage.input_tokens': tokens[0],
        'gen_ai.usage.output_tokens': tokens[1],
        'gen_ai.input.messages': JSON.stringify(input),
        'gen_ai.output.messages': JSON.stringify(output),
      },
      root,
    )
    s.end(at(to))
  }
  const tool = (name: string, from: number, to: number, args: object, result: string | null) => {
    const s = start(
      `execute_tool ${name}`,
      from,
      {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': name,
        'gen_ai.tool.call.arguments': JSON.stringify(args),
        ...(result === null ? {} : { 'gen_ai.tool.call.result': result }),
      },
      root,
    )
    if (result === null) {
      s.recordException({ name: 'TimeoutError', message: `${name} timed out after 2 s` }, at(to))
      s.setStatus({ code: SpanStatusCode.ERROR, message: `${name} timed out after 2 s` })
    }
    s.end(at(to))
  }

  let t = 0.05
  const call = {
    role: 'assistant',
    parts: [
      {
        type: 'tool_call',
        id: `call_${seed}`,
        name: 'lookup_order',
        arguments: { order_id: '1234' },
      },
    ],
  }
  llm(
    t,
    t + 0.9,
    [text('system', 'You are a helpful support agent.'), text('user', question)],
    [call],
    [180, 24],
  )
  t += 1
  if (options.retryLookup) {
    tool('lookup_order', t, t + 2, { order_id: '1234' }, null)
    t += 2.05
  }
  tool('lookup_order', t, t + 0.3, { order_id: '1234' }, toolResult)
  t += 0.35
  const slower = options.slowerBy ?? 0
  llm(
    t,
    t + 1.2 + slower,
    [
      text('user', question),
      {
        role: 'tool',
        parts: [{ type: 'tool_call_response', id: `call_${seed}`, response: toolResult }],
      },
    ],
    [text('assistant', answer)],
    [240, 38],
  )
  t += 1.25 + slower
  if (options.sendEmail) {
    tool(
      'send_email',
      t,
      t + 0.4,
      { to: 'customer@example.com', subject: 'Your order 1234' },
      'sent',
    )
    t += 0.45
  }
  root.end(at(t))
  const bytes = JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())
  if (!bytes) throw new Error('JsonTraceSerializer returned nothing')
  return new TextDecoder().decode(bytes)
}
