// The Vercel AI SDK (ai 7, @ai-sdk/otel) as an app under development would run it: an agent
// with a tool against a local fake OpenAI server (FAKE_URL), its spans exported with the
// OTLP/HTTP protobuf exporter to whatever OTEL_EXPORTER_OTLP_ENDPOINT names (tracedeck).
// Prints the trace id of the run.
import { trace } from '@opentelemetry/api'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { OpenTelemetry } from '@ai-sdk/otel'
import { createOpenAI } from '@ai-sdk/openai'
import { generateText, jsonSchema, registerTelemetry, stepCountIs, tool } from 'ai'

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'weather-agent' }),
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
})
provider.register()
registerTelemetry(new OpenTelemetry({ usage: true }))
const openai = createOpenAI({ apiKey: 'test', baseURL: `${process.env.FAKE_URL}/live/v1` })

const weather = tool({
  description: 'Weather for a city',
  inputSchema: jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
  execute: async ({ city }) => ({ city, temp: 18 }),
})

let traceId = ''
await trace.getTracer('weather-app').startActiveSpan('weather agent', async (span) => {
  traceId = span.spanContext().traceId
  try {
    await generateText({
      model: openai.chat('gpt-4o'),
      system: 'You are a weather agent.',
      prompt: '[m:live-1][call:get_weather] Weather in Paris?',
      tools: { get_weather: weather },
      stopWhen: stepCountIs(4),
      maxRetries: 0,
      telemetry: { functionId: 'weather-agent' },
    })
  } finally {
    span.end()
  }
})
await provider.forceFlush()
await provider.shutdown()
process.stdout.write(JSON.stringify({ traceId }) + '\n')
