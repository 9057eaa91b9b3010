// The OpenInference OpenAI instrumentation around the `openai` client, its spans kept by the
// in-memory exporter and written out with @opentelemetry/otlp-transformer's JSON serialiser
// (what a test or a custom exporter that writes files produces).
import { context, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai'
import { setSession, setTags, setUser } from '@arizeai/openinference-core'
import OpenAI from 'openai'
import {
  PREFIX,
  RecordingProcessor,
  ask,
  finish,
  recordTrace,
  withRetry,
  writeFile,
} from './common.mjs'

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
const memory = new InMemorySpanExporter()
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({
    'service.name': 'oi-agent',
    'openinference.project.name': 'producers',
  }),
  spanProcessors: [new RecordingProcessor(), new SimpleSpanProcessor(memory)],
})
trace.setGlobalTracerProvider(provider)
const instrumentation = new OpenAIInstrumentation({ tracerProvider: provider })
instrumentation.manuallyInstrument(OpenAI)

const client = new OpenAI({ apiKey: 'test', baseURL: `${PREFIX}/v1`, maxRetries: 0 })
const tracer = trace.getTracer('producer-script')
const MODEL = 'gpt-4o-mini'

const tools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
]

/** A root CHAIN span the scenario's calls nest under; records the trace for the facts. */
function root(name, marker, extra, fn) {
  return tracer.startActiveSpan(
    name,
    { attributes: { 'openinference.span.kind': 'CHAIN' } },
    async (span) => {
      recordTrace(span.spanContext().traceId, marker, extra)
      try {
        return await fn()
      } finally {
        span.end()
      }
    },
  )
}

async function agent() {
  const marker = 'agent-1'
  await root('weather-agent', marker, {}, async () => {
    const messages = [
      { role: 'system', content: 'You are a weather agent.' },
      { role: 'user', content: ask(marker, 'What is the weather in Paris?', '[call:get_weather]') },
    ]
    for (let step = 0; step < 4; step++) {
      const r = await client.chat.completions.create({ model: MODEL, messages, tools })
      const msg = r.choices[0].message
      messages.push(msg)
      if (!msg.tool_calls?.length) break
      for (const tc of msg.tool_calls) {
        const result = await tracer.startActiveSpan(
          tc.function.name,
          {
            attributes: {
              'openinference.span.kind': 'TOOL',
              'tool.name': tc.function.name,
              'input.value': tc.function.arguments,
            },
          },
          async (s) => {
            const out = JSON.stringify({ temp: 21, sky: 'clear' })
            s.setAttribute('output.value', out)
            s.end()
            return out
          },
        )
        messages.push({ role: 'tool', tool_call_id: tc.id, content: result })
      }
    }
  })
}

async function conversation() {
  const session = 'oi-session-1'
  const history = [{ role: 'system', content: 'You are a helpful assistant.' }]
  for (let turn = 1; turn <= 3; turn++) {
    const marker = `conv-${turn}`
    await context.with(
      setTags(setUser(setSession(context.active(), { sessionId: session }), { userId: 'user-7' }), [
        'prod',
        'chat',
      ]),
      () =>
        root(`turn ${turn}`, marker, { sessionId: session, tags: ['prod', 'chat'] }, async () => {
          history.push({ role: 'user', content: ask(marker, `Question number ${turn}`) })
          if (turn === 2) {
            // A streamed turn, with usage in the last chunk.
            const stream = await client.chat.completions.create({
              model: MODEL,
              messages: history,
              stream: true,
              stream_options: { include_usage: true },
            })
            let text = ''
            for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
            history.push({ role: 'assistant', content: text })
          } else if (turn === 3) {
            // The Responses API.
            const r = await client.responses.create({
              model: MODEL,
              input: history.filter((m) => m.role !== 'system'),
              instructions: history[0].content,
            })
            history.push({ role: 'assistant', content: r.output_text })
          } else {
            const r = await client.chat.completions.create({ model: MODEL, messages: history })
            history.push(r.choices[0].message)
          }
        }),
    )
  }
}

async function failure() {
  const marker = 'fail-1'
  await root('flaky-call', marker, {}, () =>
    withRetry(() =>
      client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: ask(marker, 'Try me', '[fail-once:429]') }],
      }),
    ),
  )
}

await agent()
await conversation()
await failure()
await provider.forceFlush()
const bytes = JsonTraceSerializer.serializeRequest(memory.getFinishedSpans())
writeFile('openinference-openai.json', new TextDecoder().decode(bytes))
finish()
