/**
 * The OTLP receiver against the real OpenTelemetry JS exporters (OTLP/HTTP JSON and protobuf,
 * gzip), run in a separate process with the batch span processor: spans split across many
 * batches and interleaved between traces arrive, become live traces, and are committed to the
 * library when they go quiet; exporters retry on 429 and every span still lands once.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/core/store/connection'
import { loadPriceTable } from '../../src/main/core/pricing/price-table'
import { LiveService } from '../../src/main/core/live/live-service'
import { Saturated } from '../../src/main/core/live/assembler'
import { liveTraceId } from '../../src/main/core/live/live-store'
import { startReceiver, type RunningReceiver } from '../../src/main/core/live/receiver'
import type { Committed } from '../../src/main/core/live/live-store'

const CHILD = fileURLToPath(new URL('./export-child.mjs', import.meta.url))
const prices = loadPriceTable()

interface Sent {
  traces: { traceId: string; name: string; spans: number }[]
}

function runExporter(endpoint: string, args: string[]): Promise<{ sent: Sent; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`exporter exited ${code}: ${err}`))
      resolve({ sent: JSON.parse(out) as Sent, stderr: err })
    })
  })
}

const open: { db: Db; live: LiveService; receiver: RunningReceiver }[] = []
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.receiver.close()
    o.live.stop()
    o.db.close()
  }
})

async function setup(opts: { quietMs?: number; maxPendingSpans?: number; tickMs?: number } = {}) {
  const db = openDatabase(':memory:')
  const live = new LiveService({ db, prices, quietMs: opts.quietMs ?? 300, maxPendingSpans: opts.maxPendingSpans, tickMs: opts.tickMs })
  let saturated = 0
  const requests: number[] = []
  const receiver = await startReceiver({
    port: 0,
    sink: (req) => {
      try {
        const r = live.sink(req)
        requests.push(200)
        return r
      } catch (e) {
        if (e instanceof Saturated) {
          saturated++
          requests.push(429)
        }
        throw e
      }
    },
  })
  const committed: Committed[] = []
  const grew = new Set<string>()
  live.listen({ onCommit: (c) => committed.push(...c), onGrow: (ids) => ids.forEach((id) => grew.add(id)) })
  live.start()
  open.push({ db, live, receiver })
  return { db, live, receiver, committed, grew, requests, saturation: () => saturated }
}

async function until(cond: () => boolean, ms = 15_000) {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

function traceRows(db: Db) {
  return db
    .prepare(
      `SELECT id, source_trace_id AS src, name, span_count AS spans, input_tokens AS input, session_id AS session,
         (SELECT count(*) FROM spans s WHERE s.trace_id = traces.id) AS stored
       FROM traces ORDER BY name`,
    )
    .all() as { id: string; src: string; name: string; spans: number; input: number; session: string; stored: number }[]
}

describe.each([
  ['http-json', []],
  ['http-proto', []],
  ['http-proto', ['gzip']],
] as const)('real %s exporter %s', (protocol, extra) => {
  it('sends interleaved traces in many batches; each is committed once, whole, with its LLM data', async () => {
    const s = await setup()
    const { sent } = await runExporter(s.receiver.endpoint, [protocol, '3', '12', ...extra])
    expect(s.requests.length).toBeGreaterThan(6) // split across many export requests
    await until(() => s.committed.length >= 3)
    const rows = traceRows(s.db)
    expect(rows.map((r) => [r.src, r.name, r.spans])).toEqual(
      sent.traces.map((t) => [t.traceId, t.name, t.spans]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    )
    // Conventions applied as for an imported file: tokens summed, the session id found.
    const tokens = Array.from({ length: 12 }, (_, c) => 100 + c).reduce((a, b) => a + b, 0)
    for (const r of rows) {
      expect(r.stored).toBe(r.spans) // every span row written, not only the trace row
      expect(r.input).toBe(tokens)
      expect(r.session).toBe('conv-live')
      expect(r.id).toBe(liveTraceId(r.src))
      expect(s.grew.has(r.id)).toBe(true)
    }
    expect(s.live.assembler.pending()).toEqual([])
  })
})

describe('receiver under pressure', () => {
  it('answers 429 with Retry-After when the pending-span budget is full; the exporter retries and every span lands once', async () => {
    // Commits every 500 ms only: the exporter fills the budget between two of them.
    const s = await setup({ quietMs: 200, maxPendingSpans: 12, tickMs: 500 })
    const { sent, stderr } = await runExporter(s.receiver.endpoint, ['http-json', '2', '20'])
    expect(s.saturation()).toBeGreaterThan(0)
    await until(() => s.live.assembler.pending().length === 0 && traceRows(s.db).length === 2)
    await until(() => traceRows(s.db).every((r) => r.spans === 21 && r.stored === 21))
    expect(traceRows(s.db).map((r) => r.spans)).toEqual(sent.traces.map((t) => t.spans))
    // Traces committed early to make room were extended, never duplicated.
    expect(s.committed.some((c) => c.extended)).toBe(true)
    expect(stderr).not.toMatch(/failed after maximum retry/)
  })
})

describe('the Vercel AI SDK with telemetry on, sending to the receiver', () => {
  it('an agent run with a tool call lands as one trace with its LLM calls, tokens and tool', async () => {
    const { startFakeModelServer } = await import('../fixtures/fake-model-server')
    const fake = await startFakeModelServer()
    try {
      const s = await setup()
      const { traceId } = await new Promise<{ traceId: string }>((ok, fail) => {
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OTEL_|OPENAI_|VITEST)/.test(k)))
        const child = spawn(process.execPath, [fileURLToPath(new URL('./vercel-ai-child.mjs', import.meta.url))], {
          env: { ...env, FAKE_URL: fake.url, OTEL_EXPORTER_OTLP_ENDPOINT: s.receiver.endpoint },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let out = ''
        let err = ''
        child.stdout.on('data', (d) => (out += d))
        child.stderr.on('data', (d) => (err += d))
        child.on('close', (code) => (code === 0 ? ok(JSON.parse(out)) : fail(new Error(`vercel-ai child exited ${code}: ${err}`))))
      })
      expect(fake.calls('live').length).toBe(2) // the tool call, then the answer
      await until(() => s.committed.length === 1)
      const [row] = traceRows(s.db)
      expect(row.src).toBe(traceId)
      expect(row.name).toBe('weather agent')
      expect(row.stored).toBe(row.spans)
      const kinds = s.db.prepare('SELECT kind, count(*) AS n FROM spans WHERE trace_id = ? GROUP BY kind').all(row.id) as { kind: string; n: number }[]
      const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]))
      expect(byKind.llm).toBeGreaterThanOrEqual(2)
      expect(byKind.tool).toBe(1)
      const calls = fake.calls('live')
      const usage = calls.reduce((n, c) => n + (c.usage?.input ?? 0), 0)
      expect(row.input).toBe(usage) // totals without double counting the ai.generateText parent
    } finally {
      await fake.close()
    }
  })
})
