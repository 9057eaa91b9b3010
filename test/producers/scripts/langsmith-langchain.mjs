// LangChain.js traced by LangSmith: ChatOpenAI (against the fake server) inside RunnableLambda
// chains, with LangChain's own tool objects; the langsmith client posts the runs to its API
// (here the fake server, which answers /info without multipart, so the client uses
// /runs/batch: bodies of {post, patch} kept as JSON Lines). A callback handler records every
// run on the producer side. Session the LangSmith way: `metadata.session_id` (plus thread_id
// on one turn); tags through the run config.
import { Client } from 'langsmith'
import { LangChainTracer } from '@langchain/core/tracers/tracer_langchain'
import { BaseCallbackHandler } from '@langchain/core/callbacks/base'
import { RunnableLambda } from '@langchain/core/runnables'
import { tool } from '@langchain/core/tools'
import { HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages'
import { ChatOpenAI } from '@langchain/openai'
import { PREFIX, ask, facts, finish, recordTrace } from './common.mjs'

const client = new Client({ apiUrl: PREFIX, apiKey: 'ls-test', autoBatchTracing: true })
const tracer = new LangChainTracer({ client, projectName: 'producers' })

/** Every run LangChain starts, with its parent and whether it failed; the root's id is the trace. */
class Recorder extends BaseCallbackHandler {
  name = 'recorder'
  runs = new Map()
  start(runId, parentRunId, name) {
    const parent = parentRunId ? this.runs.get(parentRunId) : undefined
    this.runs.set(runId, {
      id: runId,
      parentId: parentRunId ?? null,
      traceId: parent ? parent.traceId : runId,
      name,
      error: false,
    })
  }
  fail(runId) {
    const r = this.runs.get(runId)
    if (r) r.error = true
  }
  handleChainStart(_c, _i, runId, parentRunId, _t, _m, _rt, name) {
    this.start(runId, parentRunId, name)
  }
  handleChatModelStart(_l, _m, runId, parentRunId, _e, _t, _md, name) {
    this.start(runId, parentRunId, name)
  }
  handleLLMStart(_l, _p, runId, parentRunId, _e, _t, _md, name) {
    this.start(runId, parentRunId, name)
  }
  handleToolStart(_t, _i, runId, parentRunId, _tags, _md, name) {
    this.start(runId, parentRunId, name)
  }
  handleChainError(_e, runId) {
    this.fail(runId)
  }
  handleLLMError(_e, runId) {
    this.fail(runId)
  }
  handleToolError(_e, runId) {
    this.fail(runId)
  }
}
const recorder = new Recorder()
const callbacks = [tracer, recorder]

const model = new ChatOpenAI({
  model: 'gpt-4o-mini',
  apiKey: 'test',
  configuration: { baseURL: `${PREFIX}/v1` },
  maxRetries: 0,
})
const getWeather = tool(async ({ city }) => JSON.stringify({ city, temp: 12 }), {
  name: 'get_weather',
  description: 'Weather for a city',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
})

/** Runs `fn` as a root chain; the facts get its run id as the trace. */
async function root(name, marker, extra, config, fn) {
  const chain = RunnableLambda.from(async (input, cfg) => {
    return fn(input, cfg)
  }).withConfig({ runName: name })
  let rootId
  const seen = new Set(recorder.runs.keys())
  await chain.invoke({ marker }, { callbacks, ...config })
  for (const [id, r] of recorder.runs) if (!seen.has(id) && r.parentId === null) rootId = id
  recordTrace(rootId, marker, extra)
}

async function agent() {
  const marker = 'agent-1'
  await root(
    'weather-agent',
    marker,
    { tags: ['agent'] },
    { tags: ['agent'] },
    async (_in, cfg) => {
      const bound = model.bindTools([getWeather])
      const messages = [
        new SystemMessage('You are a weather agent.'),
        new HumanMessage(ask(marker, 'Weather in Paris?', '[call:get_weather]')),
      ]
      for (let step = 0; step < 4; step++) {
        const ai = await bound.invoke(messages, cfg)
        messages.push(ai)
        if (!ai.tool_calls?.length) return ai.content
        for (const tc of ai.tool_calls) {
          const out = await getWeather.invoke(tc.args, cfg)
          messages.push(
            new ToolMessage({
              content: typeof out === 'string' ? out : out.content,
              tool_call_id: tc.id,
            }),
          )
        }
      }
    },
  )
}

async function conversation() {
  const session = 'ls-thread-1'
  const history = [new SystemMessage('You are helpful.')]
  for (let turn = 1; turn <= 3; turn++) {
    const marker = `conv-${turn}`
    const metadata = turn === 2 ? { thread_id: session } : { session_id: session }
    await root(
      `turn ${turn}`,
      marker,
      { sessionId: session, tags: ['chat'] },
      { metadata, tags: ['chat'] },
      async (_in, cfg) => {
        history.push(new HumanMessage(ask(marker, `Question ${turn}`)))
        if (turn === 3) {
          // A streamed call.
          let text = ''
          for await (const chunk of await model.stream(history, cfg)) text += chunk.content
          history.push(new SystemMessage(text))
        } else {
          history.push(await model.invoke(history, cfg))
        }
      },
    )
  }
}

async function failure() {
  const marker = 'fail-1'
  await root('flaky', marker, {}, {}, async (_in, cfg) => {
    const messages = [new HumanMessage(ask(marker, 'Answer please', '[fail-once:429]'))]
    try {
      await model.invoke(messages, cfg)
    } catch {
      await model.invoke(messages, cfg)
    }
  })
}

/**
 * About 2,000 runs in one trace (40 groups of 25 steps, each step with one leaf), no model
 * calls. Groups, because the LangChain tracer's cost grows with the square of a run's number of
 * children (1,000 children of one run take a minute).
 */
async function big() {
  const marker = 'big-1'
  const leaf = RunnableLambda.from(async (x) => x + 1).withConfig({ runName: 'leaf' })
  const step = RunnableLambda.from(async (x, cfg) => leaf.invoke(x, cfg)).withConfig({
    runName: 'step',
  })
  const group = RunnableLambda.from(async (x, cfg) => {
    for (let i = 0; i < 25; i++) x = await step.invoke(x, cfg)
    return x
  }).withConfig({ runName: 'group' })
  await root('batch-job', marker, {}, {}, async (_in, cfg) => {
    let x = 0
    for (let g = 0; g < 40; g++) x = await group.invoke(x, cfg)
    return x
  })
}

await agent()
await conversation()
await failure()
await big()
await client.awaitPendingTraceBatches()
for (const r of recorder.runs.values()) facts.spans.push(r)
finish()
