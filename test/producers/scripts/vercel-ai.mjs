// The Vercel AI SDK (ai 7) with its OpenTelemetry integration (@ai-sdk/otel), OpenAI (chat and
// responses) and Anthropic providers; spans sent by the OTLP/HTTP JSON exporter to the fake
// server, one request per flush (kept as JSON Lines). Session the AI SDK 7 way: a runtime
// context value recorded on the spans (`runtimeContext: true`).
import { trace } from '@opentelemetry/api'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { LegacyOpenTelemetry, OpenTelemetry } from '@ai-sdk/otel'
import { createOpenAI } from '@ai-sdk/openai'
import { createAnthropic } from '@ai-sdk/anthropic'
import {
  generateObject,
  generateText,
  jsonSchema,
  registerTelemetry,
  stepCountIs,
  streamText,
  tool,
} from 'ai'
import { PREFIX, RecordingProcessor, ask, finish, recordTrace } from './common.mjs'

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'vercel-agent' }),
  spanProcessors: [
    new RecordingProcessor(),
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${PREFIX}/v1/traces` })),
  ],
})
provider.register()
// AI_LEGACY=1: the integration that writes the AI SDK's own `ai.*` attributes (as v4–v6 did).
registerTelemetry(
  process.env.AI_LEGACY === '1'
    ? new LegacyOpenTelemetry()
    : new OpenTelemetry({ runtimeContext: true, usage: true }),
)

const openai = createOpenAI({ apiKey: 'test', baseURL: `${PREFIX}/v1` })
const anthropic = createAnthropic({ apiKey: 'test', baseURL: `${PREFIX}/v1` })
const tracer = trace.getTracer('producer-script')

function root(name, marker, extra, fn) {
  return tracer.startActiveSpan(name, async (span) => {
    recordTrace(span.spanContext().traceId, marker, extra)
    try {
      return await fn()
    } finally {
      span.end()
    }
  })
}

const weather = tool({
  description: 'Weather for a city',
  inputSchema: jsonSchema({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
  execute: async ({ city }) => ({ city, temp: 18 }),
})

async function agent() {
  const marker = 'agent-1'
  await root('agent', marker, {}, () =>
    generateText({
      model: openai.chat('gpt-4o'),
      system: 'You are a weather agent.',
      prompt: ask(marker, 'Weather in Paris?', '[call:get_weather]'),
      tools: { get_weather: weather },
      stopWhen: stepCountIs(4),
      maxRetries: 0,
      telemetry: { functionId: 'weather-agent' },
    }),
  )
}

async function conversation() {
  const sessionId = 'vercel-session-1'
  const messages = []
  for (let turn = 1; turn <= 3; turn++) {
    const marker = `conv-${turn}`
    await root(`turn ${turn}`, marker, { sessionId }, async () => {
      messages.push({ role: 'user', content: ask(marker, `Turn ${turn}, please`) })
      const common = {
        messages,
        maxRetries: 0,
        runtimeContext: { sessionId },
        telemetry: { functionId: 'chat', includeRuntimeContext: { sessionId: true } },
      }
      if (turn === 1) {
        const r = await generateText({ model: openai('gpt-4o-mini'), ...common })
        messages.push({ role: 'assistant', content: r.text })
      } else if (turn === 2) {
        const r = streamText({ model: openai.chat('gpt-4o-mini'), ...common })
        let text = ''
        for await (const part of r.textStream) text += part
        messages.push({ role: 'assistant', content: text })
      } else {
        const r = await generateText({ model: anthropic('claude-sonnet-4-5'), ...common })
        messages.push({ role: 'assistant', content: r.text })
      }
    })
  }
}

async function structured() {
  const marker = 'object-1'
  await root('extract', marker, {}, () =>
    generateObject({
      model: openai.chat('gpt-4o'),
      schema: jsonSchema({
        type: 'object',
        properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
        required: ['answer', 'confidence'],
      }),
      prompt: ask(marker, 'Extract the answer'),
      maxRetries: 0,
    }),
  )
}

async function failure() {
  const marker = 'fail-1'
  await root('flaky', marker, {}, async () => {
    const call = () =>
      generateText({
        model: openai.chat('gpt-4o-mini'),
        prompt: ask(marker, 'Answer me', '[fail-once:429]'),
        maxRetries: 0,
      })
    try {
      await call()
    } catch {
      await call()
    }
  })
}

await agent()
await provider.forceFlush()
await conversation()
await provider.forceFlush()
await structured()
await failure()
await provider.forceFlush()
await provider.shutdown()
finish()
