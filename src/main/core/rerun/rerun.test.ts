/**
 * Re-runs end to end through the library's handlers against a local fake model server speaking
 * the OpenAI and Anthropic APIs: what the server receives (the recorded messages and tools plus
 * exactly the overrides), the new trace, the history, failures, the queue and cancellation.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiEvents } from '../../../shared/api'
import { RERUN_ATTRIBUTE, type RerunMarker, type RerunRun } from '../../../shared/rerun'
import { recordLlmRun } from '../../../../test/fixtures/otlp-llm-run'
import {
  startFakeModelServer,
  type FakeModelServer,
} from '../../../../test/fixtures/fake-model-server'
import { createLibrary, type Library } from '../library-service'
import { tempFile } from '../import/test-fixtures'

const KEY = 'sk-test-secret-4242'
let server: FakeModelServer
let lib: Library | undefined
let events: { name: string; payload: unknown }[]

beforeEach(async () => {
  server = await startFakeModelServer({ apiKey: KEY, slowMs: 1500 })
  events = []
})
afterEach(async () => {
  lib?.close()
  lib = undefined
  await server.close()
})

function open(dbPath = ':memory:', providersPath?: string) {
  lib = createLibrary({
    dbPath,
    useWorker: false,
    env: {},
    ...(providersPath ? { providersPath } : {}),
    rerunClient: { timeoutMs: 5000, maxRetries: 1 },
    emit: <E extends keyof ApiEvents>(name: E, payload: ApiEvents[E]) =>
      events.push({ name, payload }),
  })
  return lib
}

async function importRun(l: Library): Promise<string> {
  const [report] = await l.handlers.importFiles({
    paths: [tempFile('run.json', recordLlmRun().json)],
    jobId: 'j',
  })
  expect(report.error).toBeUndefined()
  const agent = report.traces.find((t) => t.spanCount > 5)!
  return agent.id
}

async function provider(l: Library, kind: 'openai' | 'anthropic' = 'openai', apiKey = KEY) {
  return l.handlers.saveProvider({
    name: kind === 'openai' ? 'local' : 'claude',
    kind,
    baseUrl: kind === 'openai' ? server.openaiBase : server.anthropicBase,
    apiKey,
  })
}

async function finished(l: Library, run: RerunRun): Promise<RerunRun> {
  return (await l.reruns.runner.wait(run.id)) ?? l.handlers.getRerun({ id: run.id })
}

describe('re-running a trace', () => {
  it('previews every LLM call rebuilt from its recorded span, with the overrides, and which spans keep their results', async () => {
    const l = open()
    const traceId = await importRun(l)
    const p = await provider(l)
    const preview = await l.handlers.previewRerun({
      traceId,
      providerId: p.id,
      overrides: { model: 'gpt-4o-mini', params: { temperature: 0 } },
    })
    const byName = Object.fromEntries(preview.calls.map((c) => [c.name, c]))
    // OTel GenAI 1.37+: system instructions and the user message, recorded model → new model.
    expect(byName['chat gpt-4o'].originalModel).toBe('gpt-4o-2024-08-06')
    expect(byName['chat gpt-4o'].model).toBe('gpt-4o-mini')
    expect(byName['chat gpt-4o'].messages.map((m) => [m.role, m.text])).toEqual([
      ['system', 'You are Aria, a travel assistant.'],
      ['user', 'Weather in Paris tomorrow?'],
    ])
    expect(byName['chat gpt-4o'].params).toEqual({ temperature: 0 })
    expect(byName['openai.chat'].messages.map((m) => m.text)).toEqual([
      'Summarise for a traveller.',
      'Rain, high of 17°C.',
    ])
    expect(byName['anthropic.chat'].messages.map((m) => m.text)).toEqual([
      'Translate "umbrella" to French.',
    ])
    expect(byName['ChatCompletion'].messages.map((m) => m.role)).toEqual(['system', 'user'])
    expect(preview.calls.filter((c) => c.name === 'ai.generateText.doGenerate')).toHaveLength(2)
    // The Vercel parent repeats its children: not called again.
    expect(preview.calls.map((c) => c.name)).not.toContain('ai.generateText')
    expect(preview.kept).toEqual([])
    expect(preview.otherSpans).toBeGreaterThanOrEqual(3)
    expect(preview.estInputTokens).toBeGreaterThan(0)
    expect(preview.estCost).toBeGreaterThan(0) // gpt-4o-mini is in the price table
    expect(server.calls()).toHaveLength(0) // a preview sends nothing
  })

  it('sends each call with its recorded messages plus exactly the overrides, and writes a linked new trace', async () => {
    const l = open()
    const traceId = await importRun(l)
    const before = await l.handlers.getSpan({ traceId, index: 1 })
    const p = await provider(l)
    const run = await l.handlers.startRerun({
      traceId,
      providerId: p.id,
      overrides: {
        modelMap: { 'gpt-4o-2024-08-06': 'llama3.2' },
        model: 'gpt-4o-mini',
        params: { temperature: 0, seed: 7 },
      },
    })
    expect(run.status).toBe('pending')
    const done = await finished(l, run)
    expect(done).toMatchObject({
      status: 'completed',
      total: 6,
      done: 6,
      failedCalls: 0,
      error: null,
    })
    expect(done.inputTokens).toBeGreaterThan(0)

    const calls = server.calls()
    expect(calls).toHaveLength(6)
    for (const c of calls) {
      expect(c.headers.authorization).toBe(`Bearer ${KEY}`)
      expect(c.body).toMatchObject({ temperature: 0, seed: 7 })
    }
    const first = calls[0].body!
    expect(first.model).toBe('llama3.2') // the mapping wins for its model
    expect(first.messages).toEqual([
      { role: 'system', content: 'You are Aria, a travel assistant.' },
      { role: 'user', content: 'Weather in Paris tomorrow?' },
    ])
    expect(calls.slice(1).map((c) => c.body!.model)).toEqual(Array(5).fill('gpt-4o-mini'))

    // The new trace: same tree, new outputs, marked as a replay; the original unchanged.
    const replay = await l.handlers.getTrace({ id: done.replayTraceId! })
    const marker = replay.trace.attributes[RERUN_ATTRIBUTE] as unknown as RerunMarker
    expect(marker).toMatchObject({ runId: run.id, originalTraceId: traceId, provider: 'local' })
    expect(replay.trace.tags).toContain('rerun')
    expect(replay.trace.sessionId).toBeUndefined()
    const original = await l.handlers.getTrace({ id: traceId })
    expect(replay.trace.spanCount).toBe(original.trace.spanCount)
    const newCall = await l.handlers.getSpan({ traceId: replay.trace.id, index: 1 })
    expect(newCall.name).toBe(before.name)
    expect(newCall.model).toBe('llama3.2')
    expect(newCall.output?.messages?.[0].text).toBe(
      '[llama3.2] answer to: Weather in Paris tomorrow?',
    )
    expect(newCall.attributes['tracedeck.rerun.original_model']).toBe('gpt-4o-2024-08-06')
    const tool = await l.handlers.getSpan({ traceId: replay.trace.id, index: 2 })
    expect(tool.output).toEqual((await l.handlers.getSpan({ traceId, index: 2 })).output)
    expect(await l.handlers.getSpan({ traceId, index: 1 })).toEqual(before)

    const history = await l.handlers.listReruns({ traceId })
    expect(history.map((r) => [r.id, r.status, r.replayTraceId])).toEqual([
      [run.id, 'completed', done.replayTraceId],
    ])
    expect(
      events.filter((e) => e.name === 'rerunProgress').map((e) => (e.payload as RerunRun).status),
    ).toEqual(expect.arrayContaining(['pending', 'running', 'completed']))
    // The comparison opens on the pair.
    const cmp = await l.handlers.compareTraces({ a: traceId, b: done.replayTraceId! })
    expect(cmp.divergences.length).toBeGreaterThan(0)
  })

  it('talks to Anthropic natively: system apart, max_tokens given, stop as stop_sequences', async () => {
    const l = open()
    const traceId = await importRun(l)
    const p = await provider(l, 'anthropic')
    const done = await finished(
      l,
      await l.handlers.startRerun({
        traceId,
        providerId: p.id,
        overrides: { model: 'claude-sonnet-4-5', params: { max_tokens: 300, stop: 'END' } },
      }),
    )
    expect(done.error).toBeNull()
    expect(done.status).toBe('completed')
    const calls = server.calls()
    expect(
      calls.every((c) => c.path === '/v1/messages' && c.headers.authorization === `Bearer ${KEY}`),
    ).toBe(true)
    expect(calls[0].body).toMatchObject({
      model: 'claude-sonnet-4-5',
      system: 'You are Aria, a travel assistant.',
      max_tokens: 300,
      stop_sequences: ['END'],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris tomorrow?' }] }],
    })
  })

  it('records a wrong key, an unknown model and a 500 as failed spans or a failed run, never with the key', async () => {
    const l = open()
    const traceId = await importRun(l)
    const bad = await provider(l, 'openai', 'sk-wrong-key-0000')
    const refused = await finished(
      l,
      await l.handlers.startRerun({
        traceId,
        providerId: bad.id,
        overrides: { model: 'gpt-4o-mini' },
      }),
    )
    expect(refused.status).toBe('failed')
    expect(refused.error).toMatch(/refused the API key \(401\)/)
    expect(refused.error).not.toContain('sk-wrong-key-0000')
    expect(refused.replayTraceId).toBeNull()

    const p = await provider(l)
    const unknown = await finished(
      l,
      await l.handlers.startRerun({
        traceId,
        providerId: p.id,
        overrides: {
          modelMap: { 'gpt-4o-mini-2024-07-18': 'no-such-model' },
          model: 'gpt-4o-mini',
        },
      }),
    )
    expect(unknown).toMatchObject({ status: 'completed', failedCalls: 1 })
    const [index] = await l.handlers.searchSpans({
      traceId: unknown.replayTraceId!,
      text: 'openai.chat',
    })
    const span = await l.handlers.getSpan({ traceId: unknown.replayTraceId!, index })
    expect(span.status).toBe('error')
    expect(span.error?.message).toMatch(
      /model "no-such-model" is not available at http:\/\/127\.0\.0\.1:\d+\/v1 \(404\)/,
    )

    const broken = await finished(
      l,
      await l.handlers.startRerun({
        traceId,
        providerId: p.id,
        overrides: { model: 'broken-500' },
      }),
    )
    expect(broken.status).toBe('failed')
    expect(broken.error).toMatch(/failed \(500\)/)
    // The library still holds the original, untouched, and no half-written trace.
    expect(
      (await l.handlers.listTraces({})).filter((t) => t.source.format === 'rerun'),
    ).toHaveLength(1)
  })

  it('waits out a 429 with retry-after and succeeds; an endpoint that keeps refusing fails with the wait it asked for', async () => {
    const l = open()
    const traceId = await importRun(l)
    const p = await provider(l)
    const flaky = await finished(
      l,
      await l.handlers.startRerun({ traceId, providerId: p.id, overrides: { model: 'flaky-429' } }),
    )
    expect(flaky).toMatchObject({ status: 'completed', failedCalls: 0 })
    expect(server.calls().filter((c) => c.body?.model === 'flaky-429')).toHaveLength(7) // one retried
    const limited = await finished(
      l,
      await l.handlers.startRerun({
        traceId,
        providerId: p.id,
        overrides: { model: 'always-429' },
      }),
    )
    expect(limited.status).toBe('failed')
    expect(limited.error).toMatch(/rate-limited the call \(429, retry after 0\.05s\)/)
  })

  it('names an unreachable endpoint', async () => {
    const l = open()
    const traceId = await importRun(l)
    const p = await l.handlers.saveProvider({
      name: 'gone',
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
    })
    const run = await finished(
      l,
      await l.handlers.startRerun({ traceId, providerId: p.id, overrides: { model: 'x' } }),
    )
    expect(run.error).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/v1/)
    await expect(l.handlers.testProvider({ id: p.id })).rejects.toThrow(
      /cannot reach http:\/\/127\.0\.0\.1:9\/v1/,
    )
  })

  it('runs at most three at once, queues the fourth, and cancels a running and a waiting run', async () => {
    const l = open()
    const traceId = await importRun(l)
    const p = await provider(l)
    const start = () =>
      l.handlers.startRerun({ traceId, providerId: p.id, overrides: { model: 'slow-model' } })
    const runs = [await start(), await start(), await start(), await start(), await start()]
    await new Promise((r) => setTimeout(r, 300))
    const states = await Promise.all(runs.map((r) => l.handlers.getRerun({ id: r.id })))
    expect(states.map((s) => s.status)).toEqual([
      'running',
      'running',
      'running',
      'pending',
      'pending',
    ])
    expect(server.inFlight()).toBe(3)
    expect(await l.handlers.cancelRerun({ id: runs[0].id })).toBe(true)
    expect(await l.handlers.cancelRerun({ id: runs[4].id })).toBe(true)
    const cancelled = await finished(l, runs[0])
    expect(cancelled).toMatchObject({ status: 'cancelled', replayTraceId: null })
    expect((await l.handlers.getRerun({ id: runs[4].id })).status).toBe('cancelled')
    await new Promise((r) => setTimeout(r, 200))
    expect((await l.handlers.getRerun({ id: runs[3].id })).status).toBe('running')
    for (const r of runs.slice(1, 4)) await l.handlers.cancelRerun({ id: r.id })
  })

  it('carries new answers forward into later calls that quoted the recorded ones, when asked', async () => {
    const l = open()
    const [report] = await l.handlers.importFiles({
      paths: [
        tempFile(
          'chat.json',
          JSON.stringify({
            data: [
              {
                object: 'trace',
                id: 'trace_0123456789abcdef0123456789abcdef',
                workflow_name: 'two turns',
              },
              span('span_a', 'Hello?', null, 'Hi, how can I help?', 0),
              span('span_b', 'Hello?', 'Hi, how can I help?', 'Sure.', 2),
            ],
          }),
        ),
      ],
      jobId: 'j',
    })
    const traceId = report.traces[0].id
    const p = await provider(l)
    await finished(
      l,
      await l.handlers.startRerun({
        traceId,
        providerId: p.id,
        overrides: { model: 'gpt-4o-mini', carryForward: true },
      }),
    )
    const second = server.calls()[1].body!.messages as { role: string; content: string }[]
    expect(second[1]).toEqual({ role: 'assistant', content: '[gpt-4o-mini] answer to: Hello?' })
    await finished(
      l,
      await l.handlers.startRerun({
        traceId,
        providerId: p.id,
        overrides: { model: 'gpt-4o-mini' },
      }),
    )
    const plain = server.calls()[3].body!.messages as { role: string; content: string }[]
    expect(plain[1]).toEqual({ role: 'assistant', content: 'Hi, how can I help?' })
  })

  it('keeps keys out of every answer, in a 0600 file, and refuses a file others can read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracedeck-providers-'))
    const path = join(dir, 'providers.json')
    const l = open(':memory:', path)
    const saved = await provider(l)
    expect(JSON.stringify(saved)).not.toContain(KEY)
    expect(saved.key.source).toBe('stored')
    expect(JSON.stringify(await l.handlers.listProviders({}))).not.toContain(KEY)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readFileSync(path, 'utf8')).toContain(KEY)
    const tested = await l.handlers.testProvider({ id: saved.id })
    expect(tested.models).toContain('gpt-4o-mini')
    chmodSync(path, 0o644)
    await expect(l.handlers.listProviders({})).rejects.toThrow(
      `${path} can be read by other users (mode 644); it may hold API keys, so tracedeck will not use it: run "chmod 600 ${path}"`,
    )
  })

  it('marks runs a closed app left running as failed at the next start, with no trace written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracedeck-rerun-'))
    const dbPath = join(dir, 'library.db')
    const l = open(dbPath)
    const traceId = await importRun(l)
    const p = await provider(l)
    const run = await l.handlers.startRerun({
      traceId,
      providerId: p.id,
      overrides: { model: 'slow-model' },
    })
    await new Promise((r) => setTimeout(r, 200))
    l.close()
    lib = undefined
    const again = open(dbPath)
    const after = await again.handlers.getRerun({ id: run.id })
    expect(after).toMatchObject({ status: 'failed', replayTraceId: null })
    expect(after.error).toMatch(/interrupted/)
    expect((await again.handlers.listTraces({})).some((t) => t.source.format === 'rerun')).toBe(
      false,
    )
    expect(existsSync(join(dir, 'providers.json'))).toBe(true)
  })
})

/** An OpenAI Agents generation span whose input quotes the previous answer. */
function span(id: string, user: string, previous: string | null, answer: string, at: number) {
  const input = previous
    ? [
        { role: 'user', content: user },
        { role: 'assistant', content: previous },
        { role: 'user', content: 'Book it.' },
      ]
    : [{ role: 'user', content: user }]
  return {
    object: 'trace.span',
    id,
    trace_id: 'trace_0123456789abcdef0123456789abcdef',
    parent_id: null,
    started_at: `2025-05-29T18:29:0${at}+00:00`,
    ended_at: `2025-05-29T18:29:0${at + 1}+00:00`,
    span_data: {
      type: 'generation',
      model: 'gpt-4o',
      input,
      output: [{ role: 'assistant', content: answer }],
    },
    error: null,
  }
}
