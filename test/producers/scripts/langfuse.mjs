// Langfuse JS (v5): observations made with @langfuse/tracing around `openai` calls, exported by
// @langfuse/otel's LangfuseSpanProcessor to Langfuse's OTLP endpoint (here the fake server,
// which keeps each OTLP/HTTP JSON request body). Trace attributes the Langfuse way:
// propagateAttributes({ sessionId, userId, tags, traceName }).
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { LangfuseSpanProcessor } from '@langfuse/otel'
import { propagateAttributes, startActiveObservation, startObservation } from '@langfuse/tracing'
import OpenAI from 'openai'
import { PREFIX, ask, facts, finish, recordTrace } from './common.mjs'

const langfuse = new LangfuseSpanProcessor({
  baseUrl: PREFIX,
  publicKey: 'pk-lf-test',
  secretKey: 'sk-lf-test',
  environment: 'test',
  release: 'r-42',
})
// Langfuse's own notion of a failed observation is level ERROR (the OTel status stays unset).
const recorder = {
  onStart() {},
  onEnd(span) {
    const ctx = span.spanContext()
    facts.spans.push({
      traceId: ctx.traceId,
      id: ctx.spanId,
      parentId: span.parentSpanContext?.spanId ?? null,
      name: span.name,
      error: span.status?.code === 2 || span.attributes['langfuse.observation.level'] === 'ERROR',
    })
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
}
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'langfuse-agent' }),
  spanProcessors: [recorder, langfuse],
})
provider.register()

const client = new OpenAI({ apiKey: 'test', baseURL: `${PREFIX}/v1`, maxRetries: 0 })
const MODEL = 'gpt-4.1-mini'
const tools = [
  {
    type: 'function',
    function: {
      name: 'lookup_order',
      parameters: { type: 'object', properties: { id: { type: 'string' } } },
    },
  },
]

/** One generation observation around one chat completion, as the Langfuse docs show it. */
async function generation(messages, extra = {}) {
  const gen = startObservation(
    'chat-completion',
    { model: MODEL, input: messages, modelParameters: { temperature: 0 } },
    { asType: 'generation' },
  )
  try {
    const r = await client.chat.completions.create({
      model: MODEL,
      messages,
      temperature: 0,
      ...extra,
    })
    const msg = r.choices[0].message
    gen.update({
      output: msg,
      usageDetails: {
        input: r.usage.prompt_tokens,
        output: r.usage.completion_tokens,
        total: r.usage.total_tokens,
      },
      costDetails: {
        input: r.usage.prompt_tokens * 1e-6,
        output: r.usage.completion_tokens * 2e-6,
      },
    })
    return msg
  } catch (err) {
    gen.update({ level: 'ERROR', statusMessage: err.message })
    throw err
  } finally {
    gen.end()
  }
}

async function agent() {
  const marker = 'agent-1'
  await startActiveObservation(
    'support-agent',
    async (span) => {
      recordTrace(span.traceId, marker, { tags: ['agent'] })
      await propagateAttributes({ tags: ['agent'], traceName: 'support agent run' }, async () => {
        const messages = [
          { role: 'system', content: 'You help with orders.' },
          { role: 'user', content: ask(marker, 'Where is order 7?', '[call:lookup_order]') },
        ]
        for (let step = 0; step < 4; step++) {
          const msg = await generation(messages, { tools })
          messages.push(msg)
          if (!msg.tool_calls?.length) break
          for (const tc of msg.tool_calls) {
            const tool = startObservation(
              'lookup_order',
              { input: tc.function.arguments },
              { asType: 'tool' },
            )
            const out = JSON.stringify({ status: 'shipped' })
            tool.update({ output: out }).end()
            messages.push({ role: 'tool', tool_call_id: tc.id, content: out })
          }
        }
        span.update({ output: messages[messages.length - 1].content })
      })
    },
    { asType: 'agent' },
  )
}

async function conversation() {
  const sessionId = 'lf-session-1'
  const history = [{ role: 'system', content: 'You are terse.' }]
  for (let turn = 1; turn <= 4; turn++) {
    const marker = `conv-${turn}`
    await startActiveObservation(`turn-${turn}`, async (span) => {
      recordTrace(span.traceId, marker, { sessionId, tags: ['chat', 'v2'] })
      await propagateAttributes(
        { sessionId, userId: 'user-9', tags: ['chat', 'v2'], metadata: { plan: 'pro' } },
        async () => {
          history.push({ role: 'user', content: ask(marker, `Turn ${turn} question`) })
          history.push(await generation(history))
        },
      )
    })
  }
}

async function failure() {
  const marker = 'fail-1'
  await startActiveObservation('flaky', async (span) => {
    recordTrace(span.traceId, marker)
    const messages = [{ role: 'user', content: ask(marker, 'Please answer', '[fail-once:500]') }]
    try {
      await generation(messages)
    } catch {
      await generation(messages)
    }
  })
}

/** About 2,000 observations in one trace: 1,000 chain steps with one tool call each, no model calls. */
async function big() {
  const marker = 'big-1'
  await startActiveObservation('batch-job', async (span) => {
    recordTrace(span.traceId, marker)
    for (let i = 0; i < 1000; i++) {
      await startActiveObservation(
        `step-${i % 10}`,
        async () => {
          startObservation('lookup', { input: { i } }, { asType: 'tool' })
            .update({ output: { ok: true } })
            .end()
        },
        { asType: 'chain' },
      )
    }
  })
}

await agent()
await provider.forceFlush()
await big()
await provider.forceFlush()
await conversation()
await provider.forceFlush()
await failure()
await provider.forceFlush()
await provider.shutdown()
finish()
