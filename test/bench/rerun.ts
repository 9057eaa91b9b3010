/**
 * Benchmark of re-runs: a trace with 1,000 LLM spans re-run through tracedeck (plan from the
 * stored spans, the queue, the official client, the new trace written, both runs scored) against
 * a zero-latency local server, versus the bare `openai` client issuing the same 1,000 requests
 * one after another in the same process. Reports tracedeck's own overhead per re-run span and the
 * ratio (target ≤ 1.2×). Medians of alternating rounds. Writes .bench/rerun.json.
 * Run: npm run bench:rerun
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import OpenAI from 'openai'
import type { RawSpan } from '../../src/shared/model'
import { createLibrary } from '../../src/main/core/library-service'
import { span, tempFile, tracedeckExportText } from '../../src/main/core/import/test-fixtures'
import { startFakeModelServer } from '../fixtures/fake-model-server'

const SPANS = 1000
const ROUNDS = 3
const TARGET = 1.2

function trace(): string {
  const spans: RawSpan[] = [span('root', null, 'agent', 0, SPANS * 10, { kind: 'agent' })]
  for (let i = 0; i < SPANS; i++) {
    const text = `Question ${i}: what is ${i} + ${i}?`
    spans.push(
      span(`l${i}`, 'root', 'chat gpt-4o', i * 10, 8, {
        kind: 'llm',
        model: 'gpt-4o',
        input: {
          value: [{ role: 'user', content: text }],
          messages: [
            { role: 'system', text: 'Be brief.' },
            { role: 'user', text },
          ],
        },
        output: { value: `${2 * i}`, messages: [{ role: 'assistant', text: `${2 * i}` }] },
        attributes: { 'gen_ai.request.temperature': 0.7 },
      }),
    )
  }
  return tracedeckExportText([{ sourceTraceId: 'bench', spans }])
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main(): Promise<void> {
  const server = await startFakeModelServer()
  const lib = createLibrary({
    dbPath: ':memory:',
    useWorker: false,
    env: {},
    rerunClient: { maxRetries: 0 },
  })
  const [report] = await lib.handlers.importFiles({
    paths: [tempFile('bench.json', trace())],
    jobId: 'b',
  })
  const traceId = report.traces[0].id
  const provider = await lib.handlers.saveProvider({
    name: 'bench',
    kind: 'openai',
    baseUrl: server.openaiBase,
  })
  const bare = new OpenAI({ apiKey: 'none', baseURL: server.openaiBase, maxRetries: 0 })

  // The run's own clock of its calls (client included), to tell per-call from per-run costs.
  const callsMs: number[] = []
  const viaBare = async () => {
    const t = performance.now()
    for (let i = 0; i < SPANS; i++) {
      const text = `Question ${i}: what is ${i} + ${i}?`
      await bare.chat.completions.create({
        model: 'gpt-4o-mini',
        temperature: 0,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: text },
        ],
      })
    }
    return performance.now() - t
  }
  const viaTracedeck = async () => {
    const t = performance.now()
    const run = await lib.handlers.startRerun({
      traceId,
      providerId: provider.id,
      overrides: { model: 'gpt-4o-mini', params: { temperature: 0 } },
    })
    const done = await lib.reruns.runner.wait(run.id)!
    if (done.status !== 'completed' || done.done !== SPANS)
      throw new Error(`run ended ${done.status}: ${done.error}`)
    callsMs.push(done.durationMs)
    return performance.now() - t
  }

  await viaBare() // warm-up: connections, JIT
  await viaTracedeck()
  const bareMs: number[] = []
  const tdMs: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    bareMs.push(await viaBare())
    tdMs.push(await viaTracedeck())
  }
  const b = median(bareMs)
  const t = median(tdMs)
  const ratio = t / b
  const result = {
    spans: SPANS,
    rounds: ROUNDS,
    bareMs: Math.round(b),
    tracedeckMs: Math.round(t),
    callsMs: Math.round(median(callsMs.slice(1))),
    overheadPerSpanMs: Number(((t - b) / SPANS).toFixed(3)),
    ratio: Number(ratio.toFixed(3)),
    target: TARGET,
    pass: ratio <= TARGET,
  }
  mkdirSync('.bench', { recursive: true })
  writeFileSync('.bench/rerun.json', `${JSON.stringify(result, null, 2)}\n`)
  console.log(
    `re-run of ${SPANS} LLM spans against a zero-latency local server (median of ${ROUNDS})`,
  )
  console.log(`  bare openai client      ${result.bareMs} ms`)
  console.log(
    `  tracedeck re-run        ${result.tracedeckMs} ms  (plan, queue, calls, new trace, scoring)`,
  )
  console.log(
    `    of which the calls    ${result.callsMs} ms  (the rest: reading, writing the new trace, scoring)`,
  )
  console.log(`  overhead per span       ${result.overheadPerSpanMs} ms`)
  console.log(
    `  ratio                   ${result.ratio}×  (target ≤ ${TARGET}×) ${result.pass ? 'ok' : 'OVER TARGET'}`,
  )
  lib.close()
  await server.close()
}

void main()
