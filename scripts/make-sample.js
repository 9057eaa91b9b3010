#!/usr/bin/env node
/**
 * Generates resources/sample-agent-run.json, the trace bundled with the app ("Open sample trace").
 * It is a real OTLP JSON export written by the OpenTelemetry JS SDK: a customer-support agent
 * (OTel GenAI semantic conventions) handles a two-turn conversation with LLM calls, tool calls,
 * chat messages and a tool call that times out and is retried. Ids and times are fixed so the
 * file is reproducible: `npm run sample` rewrites it byte for byte.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'

const root = resolveRoot()
const OUT = join(root, 'resources', 'sample-agent-run.json')

/** Deterministic ids: a counter through a simple mix, so ids look random but never change. */
function idGenerator() {
  let state = 0x9e3779b9
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0
    return state.toString(16).padStart(8, '0')
  }
  return {
    generateTraceId: () => next() + next() + next() + next(),
    generateSpanId: () => next() + next(),
  }
}

const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({
  idGenerator: idGenerator(),
  resource: resourceFromAttributes({
    'service.name': 'support-agent',
    'service.version': '2.3.1',
    'deployment.environment.name': 'production',
    'telemetry.sdk.language': 'nodejs',
  }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
})
const tracer = provider.getTracer('support-agent', '2.3.1')

const T0 = Date.UTC(2025, 5, 13, 14, 2, 11, 0)
const CONVERSATION = 'conv_7Hq2LxK9'
const MODEL = 'gpt-4o-2024-08-06'
const SYSTEM = [
  {
    type: 'text',
    content:
      'You are Aria, the support assistant for Northwind Outfitters. Be concise and friendly. ' +
      'Use tools to look up orders and policies; never promise a refund the policy does not allow.',
  },
]

const text = (content) => [{ type: 'text', content }]
const json = (value) => JSON.stringify(value)

/** One span with explicit times (ms after T0) under `parent`. */
function span(name, parent, { kind = SpanKind.INTERNAL, at, ms, attributes = {}, error, events = [] }) {
  const ctx = parent ? trace.setSpan(context.active(), parent) : context.active()
  const s = tracer.startSpan(name, { kind, attributes, startTime: T0 + at }, ctx)
  for (const event of events) s.addEvent(event.name, event.attributes ?? {}, T0 + event.at)
  if (error) {
    s.recordException({ name: error.type, message: error.message, stack: error.stack }, T0 + at + ms)
    s.setAttribute('error.type', error.type)
    s.setStatus({ code: SpanStatusCode.ERROR, message: error.message })
  }
  return { span: s, end: () => s.end(T0 + at + ms) }
}

function chat(parent, { at, ms, input, output, inputTokens, outputTokens, finish }) {
  return span(`chat ${MODEL.replace(/-\d{4}-\d\d-\d\d$/, '')}`, parent, {
    kind: SpanKind.CLIENT,
    at,
    ms,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': MODEL,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 1024,
      'gen_ai.conversation.id': CONVERSATION,
      'gen_ai.usage.input_tokens': inputTokens,
      'gen_ai.usage.output_tokens': outputTokens,
      'gen_ai.response.finish_reasons': [finish],
      'gen_ai.system_instructions': json(SYSTEM),
      'gen_ai.input.messages': json(input),
      'gen_ai.output.messages': json([{ role: 'assistant', parts: output, finish_reason: finish }]),
      'server.address': 'api.openai.com',
    },
  })
}

function tool(parent, { name, callId, args, result, at, ms, error }) {
  return span(`execute_tool ${name}`, parent, {
    at,
    ms,
    error,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': name,
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.id': callId,
      'gen_ai.tool.call.arguments': json(args),
      ...(result === undefined ? {} : { 'gen_ai.tool.call.result': json(result) }),
      'gen_ai.conversation.id': CONVERSATION,
    },
  })
}

function agent(at, ms, userText, finalText, attrs = {}) {
  return span('invoke_agent support-agent', null, {
    at,
    ms,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support-agent',
      'gen_ai.agent.id': 'agt_northwind_support',
      'gen_ai.provider.name': 'openai',
      'gen_ai.conversation.id': CONVERSATION,
      'gen_ai.input.messages': json([{ role: 'user', parts: text(userText) }]),
      'gen_ai.output.messages': json([{ role: 'assistant', parts: text(finalText), finish_reason: 'stop' }]),
      'user.id': 'cust_58120',
      ...attrs,
    },
  })
}

// --- Turn 1: a damaged order, a timed-out lookup that is retried, a policy search, a refund. ---
const question = 'Hi, my order #4812 arrived with a cracked water bottle. Can I get a refund?'
const lookupArgs = { order_id: '4812' }
const order = {
  order_id: '4812',
  status: 'delivered',
  delivered_at: '2025-06-11T16:40:00Z',
  items: [
    { sku: 'NW-BTL-750', name: 'Trailhead insulated bottle 750 ml', qty: 1, price: 34.0 },
    { sku: 'NW-CAP-02', name: 'Spare lid', qty: 1, price: 6.5 },
  ],
  total: 40.5,
  currency: 'USD',
}
const policy = [
  { doc: 'returns-policy.md#damaged-items', score: 0.91, text: 'Items that arrive damaged are refunded in full within 30 days of delivery. No return shipment is needed for items under $50; ask the customer for a photo.' },
  { doc: 'returns-policy.md#timelines', score: 0.74, text: 'Refunds are issued to the original payment method and appear within 5–10 business days.' },
]
const answer1 =
  "I'm sorry your bottle arrived cracked! I've issued a **full refund of $34.00** for the Trailhead insulated bottle " +
  '(refund `rf_20931`). You don’t need to send it back. The money goes to your original payment method and usually ' +
  'shows up within 5–10 business days.\n\nIf you could reply with a photo of the damage, it helps us flag the carrier.'

const turn1 = agent(0, 9840, question, answer1, { 'session.turn': 1 })
const history1 = [{ role: 'user', parts: text(question) }]

const c1 = chat(turn1.span, {
  at: 35, ms: 1480, inputTokens: 612, outputTokens: 41, finish: 'tool_calls',
  input: history1,
  output: [{ type: 'tool_call', id: 'call_lk1', name: 'lookup_order', arguments: lookupArgs }],
})
c1.end()
const t1 = tool(turn1.span, {
  name: 'lookup_order', callId: 'call_lk1', args: lookupArgs, at: 1530, ms: 3002,
  error: {
    type: 'TimeoutError',
    message: 'orders-api did not answer within 3000 ms (GET /v2/orders/4812)',
    stack: 'TimeoutError: orders-api did not answer within 3000 ms (GET /v2/orders/4812)\n    at OrdersClient.get (src/tools/orders.ts:48:13)\n    at async lookupOrder (src/tools/lookup-order.ts:19:17)\n    at async runTool (src/agent/tools.ts:77:20)',
  },
})
t1.end()
const t2 = tool(turn1.span, {
  name: 'lookup_order', callId: 'call_lk1', args: lookupArgs, result: order, at: 4560, ms: 412,
})
t2.span.setAttribute('tool.retry_attempt', 1)
t2.end()

const history2 = [
  ...history1,
  { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_lk1', name: 'lookup_order', arguments: lookupArgs }] },
  { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_lk1', response: order }] },
]
const policyArgs = { query: 'refund for item damaged in delivery', top_k: 2 }
const c2 = chat(turn1.span, {
  at: 5000, ms: 1130, inputTokens: 988, outputTokens: 36, finish: 'tool_calls',
  input: history2,
  output: [{ type: 'tool_call', id: 'call_pl2', name: 'search_policy', arguments: policyArgs }],
})
c2.end()
const t3 = tool(turn1.span, { name: 'search_policy', callId: 'call_pl2', args: policyArgs, result: policy, at: 6150, ms: 236 })
t3.end()

const refundArgs = { order_id: '4812', sku: 'NW-BTL-750', amount: 34.0, reason: 'arrived damaged' }
const history3 = [
  ...history2,
  { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_pl2', name: 'search_policy', arguments: policyArgs }] },
  { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_pl2', response: policy }] },
]
const c3 = chat(turn1.span, {
  at: 6410, ms: 1290, inputTokens: 1342, outputTokens: 58, finish: 'tool_calls',
  input: history3,
  output: [{ type: 'tool_call', id: 'call_rf3', name: 'issue_refund', arguments: refundArgs }],
})
c3.end()
const refund = { refund_id: 'rf_20931', status: 'approved', amount: 34.0, currency: 'USD', eta_business_days: '5-10' }
const t4 = tool(turn1.span, { name: 'issue_refund', callId: 'call_rf3', args: refundArgs, result: refund, at: 7720, ms: 655 })
t4.end()

const history4 = [
  ...history3,
  { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_rf3', name: 'issue_refund', arguments: refundArgs }] },
  { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_rf3', response: refund }] },
]
const c4 = chat(turn1.span, {
  at: 8400, ms: 1420, inputTokens: 1431, outputTokens: 97, finish: 'stop',
  input: history4,
  output: text(answer1),
})
c4.end()
turn1.end()

// --- Turn 2, 48 s later: a follow-up answered without tools. ---
const followUp = 'Great, thanks! Will the spare lid be refunded too? It was fine.'
const answer2 =
  'Since the spare lid arrived in good shape, it isn’t part of the refund — you keep it at the original price of $6.50. ' +
  'Your refund `rf_20931` covers the bottle only. Anything else I can help with?'
const turn2 = agent(58000, 2310, followUp, answer2, { 'session.turn': 2 })
const c5 = chat(turn2.span, {
  at: 58030, ms: 2240, inputTokens: 1590, outputTokens: 61, finish: 'stop',
  input: [...history4, { role: 'assistant', parts: text(answer1) }, { role: 'user', parts: text(followUp) }],
  output: text(answer2),
})
c5.end()
turn2.end()

await provider.forceFlush()
const spans = exporter.getFinishedSpans()
const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)))
writeFileSync(OUT, JSON.stringify(request, null, 2) + '\n')
console.log(`wrote ${OUT} (${spans.length} spans in ${new Set(spans.map((s) => s.spanContext().traceId)).size} traces)`)
await provider.shutdown()

function resolveRoot() {
  return join(dirname(fileURLToPath(import.meta.url)), '..')
}
