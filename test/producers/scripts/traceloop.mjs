// Traceloop (OpenLLMetry) @traceloop/node-server-sdk: its OpenAI instrumentation and
// workflow / task / tool wrappers; spans sent by an OTLP/HTTP JSON exporter (Traceloop's
// `exporter` option) to the fake server, kept as JSON Lines. Session the Traceloop way:
// withAssociationProperties({ session_id }).
import { trace } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import * as traceloop from '@traceloop/node-server-sdk'
import OpenAI from 'openai'
import { PREFIX, RecordingProcessor, ask, finish, recordTrace } from './common.mjs'

traceloop.initialize({
  appName: 'traceloop-agent',
  apiKey: 'test',
  baseUrl: PREFIX,
  exporter: new OTLPTraceExporter({ url: `${PREFIX}/v1/traces` }),
  processor: new RecordingProcessor(),
  instrumentModules: { openAI: OpenAI },
  silenceInitializationMessage: true,
  traceloopSyncEnabled: false,
})

const client = new OpenAI({ apiKey: 'test', baseURL: `${PREFIX}/v1`, maxRetries: 0 })
const MODEL = 'gpt-4o-mini'
const tools = [
  {
    type: 'function',
    function: {
      name: 'search_docs',
      parameters: { type: 'object', properties: { q: { type: 'string' } } },
    },
  },
]

const currentTraceId = () => trace.getActiveSpan()?.spanContext().traceId

async function agent() {
  const marker = 'agent-1'
  await traceloop.withWorkflow({ name: 'docs_agent' }, async () => {
    recordTrace(currentTraceId(), marker)
    const messages = [
      { role: 'system', content: 'You answer from the docs.' },
      { role: 'user', content: ask(marker, 'How do I export?', '[call:search_docs]') },
    ]
    for (let step = 0; step < 4; step++) {
      const r = await traceloop.withTask({ name: 'plan' }, () =>
        client.chat.completions.create({ model: MODEL, messages, tools }),
      )
      const msg = r.choices[0].message
      messages.push(msg)
      if (!msg.tool_calls?.length) break
      for (const tc of msg.tool_calls) {
        const out = await traceloop.withTool({ name: 'search_docs' }, async () =>
          JSON.stringify({ hits: 2 }),
        )
        messages.push({ role: 'tool', tool_call_id: tc.id, content: out })
      }
    }
  })
}

async function conversation() {
  const session = 'tl-session-1'
  const history = [{ role: 'system', content: 'You are kind.' }]
  for (let turn = 1; turn <= 3; turn++) {
    const marker = `conv-${turn}`
    await traceloop.withAssociationProperties({ session_id: session, user_id: 'user-3' }, () =>
      traceloop.withWorkflow({ name: 'chat_turn' }, async () => {
        recordTrace(currentTraceId(), marker, { sessionId: session })
        history.push({ role: 'user', content: ask(marker, `Turn ${turn}`) })
        if (turn === 2) {
          const stream = await client.chat.completions.create({
            model: MODEL,
            messages: history,
            stream: true,
            stream_options: { include_usage: true },
          })
          let text = ''
          for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
          history.push({ role: 'assistant', content: text })
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
  await traceloop.withWorkflow({ name: 'flaky' }, async () => {
    recordTrace(currentTraceId(), marker)
    const call = () =>
      client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: ask(marker, 'Answer', '[fail-once:429]') }],
      })
    try {
      await call()
    } catch {
      await call()
    }
  })
}

await agent()
await traceloop.forceFlush()
await conversation()
await traceloop.forceFlush()
await failure()
await traceloop.forceFlush()
finish()
process.exit(0)
