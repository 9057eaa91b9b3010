// The OpenInference LangChain instrumentation on LangChain.js (ChatOpenAI against the fake
// server, LangChain tools, RunnableLambda chains); spans sent by the OTLP/HTTP JSON exporter,
// one request per flush (JSON Lines). Session and tags the LangChain way: run-config metadata
// (`session_id`) and tags, which the instrumentation turns into `session.id` / `tag.tags`.
import { trace } from '@opentelemetry/api'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain'
import * as CallbackManagerModule from '@langchain/core/callbacks/manager'
import { RunnableLambda } from '@langchain/core/runnables'
import { tool } from '@langchain/core/tools'
import { HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages'
import { ChatOpenAI } from '@langchain/openai'
import { PREFIX, RecordingProcessor, ask, finish, recordTrace } from './common.mjs'

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'oi-langchain' }),
  spanProcessors: [
    new RecordingProcessor(),
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${PREFIX}/v1/traces` })),
  ],
})
provider.register()
new LangChainInstrumentation({ tracerProvider: provider }).manuallyInstrument(CallbackManagerModule)
const tracer = trace.getTracer('producer-script')

const model = new ChatOpenAI({
  model: 'gpt-4o-mini',
  apiKey: 'test',
  configuration: { baseURL: `${PREFIX}/v1` },
  maxRetries: 0,
})
const lookup = tool(async ({ city }) => JSON.stringify({ city, hits: 3 }), {
  name: 'lookup',
  description: 'Look something up',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
})

/** Runs `fn` as a RunnableLambda inside a root span the facts know as the trace. */
function root(name, marker, extra, config, fn) {
  return tracer.startActiveSpan(name, async (span) => {
    recordTrace(span.spanContext().traceId, marker, extra)
    try {
      await RunnableLambda.from(fn).withConfig({ runName: name }).invoke({ marker }, config)
    } finally {
      span.end()
    }
  })
}

async function agent() {
  const marker = 'agent-1'
  await root('lookup-agent', marker, {}, {}, async (_in, cfg) => {
    const bound = model.bindTools([lookup])
    const messages = [
      new SystemMessage('Use the lookup tool.'),
      new HumanMessage(ask(marker, 'Find the manual', '[call:lookup]')),
    ]
    for (let step = 0; step < 4; step++) {
      const ai = await bound.invoke(messages, cfg)
      messages.push(ai)
      if (!ai.tool_calls?.length) return
      for (const tc of ai.tool_calls) {
        const out = await lookup.invoke(tc.args, cfg)
        messages.push(
          new ToolMessage({
            content: typeof out === 'string' ? out : out.content,
            tool_call_id: tc.id,
          }),
        )
      }
    }
  })
}

async function conversation() {
  const session = 'oilc-session-1'
  const history = [new SystemMessage('Be brief.')]
  for (let turn = 1; turn <= 3; turn++) {
    const marker = `conv-${turn}`
    await root(
      `turn ${turn}`,
      marker,
      { sessionId: session },
      { metadata: { session_id: session } },
      async (_in, cfg) => {
        history.push(new HumanMessage(ask(marker, `Question ${turn}`)))
        history.push(await model.invoke(history, cfg))
      },
    )
  }
}

async function failure() {
  const marker = 'fail-1'
  await root('flaky', marker, {}, {}, async (_in, cfg) => {
    const messages = [new HumanMessage(ask(marker, 'Answer', '[fail-once:500]'))]
    try {
      await model.invoke(messages, cfg)
    } catch {
      await model.invoke(messages, cfg)
    }
  })
}

await agent()
await provider.forceFlush()
await conversation()
await provider.forceFlush()
await failure()
await provider.forceFlush()
await provider.shutdown()
finish()
