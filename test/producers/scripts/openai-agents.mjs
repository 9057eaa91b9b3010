// The OpenAI Agents SDK (JS): agents with function tools and a handoff, on the Chat Completions
// API of the fake server; traces exported by the SDK's own OpenAITracingExporter to the ingest
// endpoint (here the fake server, which keeps each `{data:[…]}` body). Session the SDK's way:
// the trace's `groupId`. A second trace processor records every span on the producer side.
import OpenAI from 'openai'
import {
  Agent,
  BatchTraceProcessor,
  OpenAITracingExporter,
  run,
  setDefaultOpenAIClient,
  setOpenAIAPI,
  setTraceProcessors,
  tool,
  withTrace,
} from '@openai/agents'
import { PREFIX, ask, facts, finish, recordTrace } from './common.mjs'

const exporter = new OpenAITracingExporter({
  apiKey: 'test',
  endpoint: `${PREFIX}/v1/traces/ingest`,
  maxRetries: 1,
})
const batch = new BatchTraceProcessor(exporter, { scheduleDelay: 200 })
const recorder = {
  async onTraceStart() {},
  async onTraceEnd() {},
  async onSpanStart() {},
  async onSpanEnd(span) {
    facts.spans.push({
      traceId: span.traceId,
      id: span.spanId,
      parentId: span.parentId ?? null,
      name: span.spanData.name ?? span.spanData.type,
      error: !!span.error,
    })
  },
  async shutdown() {},
  async forceFlush() {},
}
setTraceProcessors([recorder, batch])
setDefaultOpenAIClient(new OpenAI({ apiKey: 'test', baseURL: `${PREFIX}/v1`, maxRetries: 0 }))
setOpenAIAPI('chat_completions')

const getWeather = tool({
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
  execute: async ({ city }) => JSON.stringify({ city, temp: 9 }),
})
const weatherAgent = new Agent({
  name: 'Weather',
  instructions: 'You answer weather questions.',
  model: 'gpt-4o-mini',
  tools: [getWeather],
})
const assistant = new Agent({
  name: 'Assistant',
  instructions: 'You are helpful.',
  model: 'gpt-4o-mini',
})

async function scenario(name, marker, extra, options, fn) {
  await withTrace(
    name,
    async (trace) => {
      recordTrace(trace.traceId, marker, extra)
      await fn()
    },
    options,
  )
}

async function agent() {
  const marker = 'agent-1'
  await scenario('weather run', marker, {}, {}, () =>
    run(weatherAgent, ask(marker, 'Weather in Oslo?', '[call:get_weather]')),
  )
}

async function conversation() {
  const groupId = 'agents-thread-1'
  let history = []
  for (let turn = 1; turn <= 3; turn++) {
    const marker = `conv-${turn}`
    await scenario(`turn ${turn}`, marker, { sessionId: groupId }, { groupId }, async () => {
      const r = await run(assistant, [
        ...history,
        { role: 'user', content: ask(marker, `Turn ${turn}?`) },
      ])
      history = r.history
    })
  }
}

async function failure() {
  const marker = 'fail-1'
  await scenario('flaky run', marker, {}, {}, async () => {
    const input = ask(marker, 'Say something', '[fail-once:500]')
    try {
      await run(assistant, input)
    } catch {
      await run(assistant, input)
    }
  })
}

await agent()
await conversation()
await failure()
await batch.forceFlush()
await batch.shutdown()
finish()
