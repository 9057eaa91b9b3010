/**
 * The producer suite: real instrumentation libraries from npm (pinned in package.json), each
 * driven by a small script in its own child process against a local fake model server
 * (test/fixtures/fake-model-server.ts), write trace files the way users get them; tracedeck imports each
 * file (whole, and streamed) and must show exactly what the producer did (check.ts).
 * Nothing leaves 127.0.0.1.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startFakeModelServer,
  type Capture,
  type FakeModelServer,
} from '../fixtures/fake-model-server'
import { compare, importForCheck, type CheckOptions, type ProducerFacts } from './check'

interface Producer {
  name: string
  script: string
  /**
   * How the trace file is had: written by the script itself, or the request bodies the
   * producer's exporter sent, kept as one file of JSON Lines (one body per line).
   */
  capture?: { file: string; path: RegExp }
  check?: CheckOptions
  /** Extra environment for the script. */
  env?: Record<string, string>
}

const PRODUCERS: Producer[] = [
  {
    name: 'openinference-openai',
    script: 'openinference-openai.mjs',
    // @arizeai/openinference-instrumentation-openai 4.2.7 with openai 7: a call that throws
    // (429) leaves no span, and a streamed chat completion's span has no token counts even
    // with `stream_options.include_usage`.
    check: { failedCallsUnrecorded: true, streamedUsageUnchecked: true },
  },
  {
    name: 'vercel-ai',
    script: 'vercel-ai.mjs',
    capture: { file: 'vercel-ai-otlp.jsonl', path: /^\/v1\/traces$/ },
  },
  {
    name: 'vercel-ai-legacy',
    script: 'vercel-ai.mjs',
    env: { AI_LEGACY: '1' },
    capture: { file: 'vercel-ai-legacy-otlp.jsonl', path: /^\/v1\/traces$/ },
  },
  {
    name: 'langsmith-langchain',
    script: 'langsmith-langchain.mjs',
    capture: { file: 'langsmith-runs-batch.jsonl', path: /\/runs\/batch$/ },
  },
  {
    name: 'openai-agents',
    script: 'openai-agents.mjs',
    capture: { file: 'openai-agents-ingest.jsonl', path: /\/v1\/traces\/ingest$/ },
  },
  {
    name: 'traceloop',
    script: 'traceloop.mjs',
    capture: { file: 'traceloop-otlp.jsonl', path: /^\/v1\/traces$/ },
    // @traceloop/instrumentation-openai 0.27 with openai 7: a call that throws leaves no span,
    // and a streamed call's input tokens are Traceloop's own count, not the usage streamed.
    check: { failedCallsUnrecorded: true, streamedUsageUnchecked: true },
  },
  {
    name: 'openinference-langchain',
    script: 'openinference-langchain.mjs',
    capture: { file: 'openinference-langchain-otlp.jsonl', path: /^\/v1\/traces$/ },
  },
  {
    name: 'langfuse',
    script: 'langfuse.mjs',
    capture: { file: 'langfuse-otlp.jsonl', path: /\/api\/public\/otel\/v1\/traces$/ },
  },
]

let server: FakeModelServer
const root = mkdtempSync(join(tmpdir(), 'tracedeck-producer-runs-'))
const runs = new Map<string, Promise<{ dir: string; facts: ProducerFacts; files: string[] }>>()

/**
 * The producers run as in an application: without vitest's NODE_ENV=test (the Agents SDK turns
 * tracing off under it) and without the parent's OTel or vendor settings.
 */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (
      !/^(NODE_ENV|VITEST.*|OTEL_.*|LANGSMITH_.*|LANGCHAIN_.*|LANGFUSE_.*|OPENAI_.*|TRACELOOP_.*)$/.test(
        k,
      )
    )
      env[k] = v
  return { ...env, ...extra }
}

function runScript(p: Producer): Promise<{ dir: string; facts: ProducerFacts; files: string[] }> {
  const dir = mkdtempSync(join(root, `${p.name}-`))
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [resolve(__dirname, 'scripts', p.script)], {
      env: childEnv({ ...p.env, FAKE_URL: server.url, RUN: p.name, OUT: dir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let log = ''
    child.stdout.on('data', (d: Buffer) => (log += d.toString()))
    child.stderr.on('data', (d: Buffer) => (log += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code !== 0)
        return fail(new Error(`${p.script} exited with ${code}:\n${log.slice(-4000)}`))
      try {
        const facts = JSON.parse(readFileSync(join(dir, 'facts.json'), 'utf8')) as ProducerFacts
        const files = [...facts.files]
        if (p.capture) {
          const bodies = server
            .capturesOf(p.name)
            .filter((c: Capture) => p.capture!.path.test(c.path))
          if (!bodies.length) throw new Error(`${p.name}: the exporter sent nothing`)
          writeFileSync(
            join(dir, p.capture.file),
            bodies.map((c) => c.body.replace(/\n/g, ' ')).join('\n') + '\n',
          )
          files.push(p.capture.file)
        }
        ok({ dir, facts, files })
      } catch (err) {
        fail(err as Error)
      }
    })
  })
}

/** Two producers at a time (the machine has two cores). */
function schedule(): void {
  let chain: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()]
  PRODUCERS.forEach((p, i) => {
    const lane = i % 2
    const run = chain[lane].then(() => runScript(p))
    chain = chain.map((c, j) => (j === lane ? run.catch(() => undefined) : c))
    runs.set(p.name, run)
  })
}

beforeAll(async () => {
  server = await startFakeModelServer()
  schedule()
})

afterAll(async () => {
  await Promise.allSettled([...runs.values()])
  await server.close()
})

describe.each(PRODUCERS)('$name', (p) => {
  for (const streamed of [false, true]) {
    it(`every fact matches (${streamed ? 'streamed' : 'whole-file'} import)`, async () => {
      const { dir, facts, files } = await runs.get(p.name)!
      expect(files.length).toBeGreaterThan(0)
      expect(facts.traces.length).toBeGreaterThan(0)
      for (const f of files) {
        const got = await importForCheck(join(dir, f), streamed)
        expect({
          file: f,
          differences: compare(facts, server.calls(p.name), got, p.check),
        }).toEqual({
          file: f,
          differences: [],
        })
      }
    }, 120_000)
  }
})
