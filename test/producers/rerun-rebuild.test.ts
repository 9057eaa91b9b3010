/**
 * Golden rebuild test per convention: each real instrumentation library (the producer scripts
 * of this folder) records an agent run against the fake model server; tracedeck imports the file
 * and rebuilds every LLM call for a re-run. Each rebuilt call must be one the producer really
 * sent: the same messages (role and text, in order) as a request the model server received, and
 * the tools it offered where the recording states them. Calls a producer's recording cannot rebuild are listed with a reason.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPriceTable } from '../../src/main/core/pricing/price-table'
import { planRerun } from '../../src/main/core/rerun/rebuild'
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server'
import { importForCheck, type ProducerFacts } from './check'

interface Case {
  name: string
  script: string
  capture?: { file: string; path: RegExp }
  convention: string
  /** Rebuilt calls that offer the model tools (the producer's recording states them). */
  withTools: number
  /** The tool the producer's script offers. */
  tool?: string
}

const CASES: Case[] = [
  {
    name: 'openinference-openai',
    script: 'openinference-openai.mjs',
    convention: 'OpenInference',
    withTools: 2,
  },
  {
    name: 'vercel-ai',
    script: 'vercel-ai.mjs',
    capture: { file: 'vercel.jsonl', path: /^\/v1\/traces$/ },
    convention: 'Vercel AI SDK',
    withTools: 2,
  },
  {
    name: 'openai-agents',
    script: 'openai-agents.mjs',
    capture: { file: 'agents.jsonl', path: /\/v1\/traces\/ingest$/ },
    convention: 'OpenAI Agents',
    withTools: 0,
  },
  {
    name: 'traceloop',
    script: 'traceloop.mjs',
    capture: { file: 'traceloop.jsonl', path: /^\/v1\/traces$/ },
    convention: 'Traceloop',
    tool: 'search_docs',
    withTools: 2,
  },
  {
    name: 'langfuse',
    script: 'langfuse.mjs',
    capture: { file: 'langfuse.jsonl', path: /\/api\/public\/otel\/v1\/traces$/ },
    convention: 'Langfuse',
    withTools: 0,
  },
  {
    name: 'langsmith-langchain',
    script: 'langsmith-langchain.mjs',
    capture: { file: 'langsmith.jsonl', path: /\/runs\/batch$/ },
    convention: 'LangSmith',
    withTools: 2,
  },
]

let server: FakeModelServer
const root = mkdtempSync(join(tmpdir(), 'tracedeck-rerun-producers-'))

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (
      !/^(NODE_ENV|VITEST.*|OTEL_.*|LANGSMITH_.*|LANGCHAIN_.*|LANGFUSE_.*|OPENAI_.*|TRACELOOP_.*)$/.test(
        k,
      )
    )
      out[k] = v
  return { ...out, ...extra }
}

/** Runs a producer script; returns the trace files it produced. */
function produce(c: Case): Promise<string[]> {
  const dir = mkdtempSync(join(root, `${c.name}-`))
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [resolve(__dirname, 'scripts', c.script)], {
      env: env({ FAKE_URL: server.url, RUN: `rerun-${c.name}`, OUT: dir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let log = ''
    child.stdout.on('data', (d: Buffer) => (log += d.toString()))
    child.stderr.on('data', (d: Buffer) => (log += d.toString()))
    child.on('exit', (code) => {
      if (code !== 0)
        return fail(new Error(`${c.script} exited with ${code}:\n${log.slice(-3000)}`))
      const facts = JSON.parse(readFileSync(join(dir, 'facts.json'), 'utf8')) as ProducerFacts
      const files = facts.files.map((f) => join(dir, f))
      if (c.capture) {
        const bodies = server
          .capturesOf(`rerun-${c.name}`)
          .filter((x) => c.capture!.path.test(x.path))
        writeFileSync(
          join(dir, c.capture.file),
          bodies.map((b) => b.body.replace(/\n/g, ' ')).join('\n') + '\n',
        )
        files.push(join(dir, c.capture.file))
      }
      ok(files)
    })
  })
}

const norm = (role: string) => (role === 'developer' ? 'system' : role)
const key = (ms: { role: string; text: string }[]) =>
  JSON.stringify(ms.map((m) => [norm(m.role), m.text.trim()]))

beforeAll(async () => {
  server = await startFakeModelServer()
})
afterAll(async () => {
  await server.close()
})

describe('rebuilding LLM calls from real instrumentation', () => {
  for (const c of CASES) {
    it(
      `${c.name}: every rebuilt call is a request the producer sent`,
      { timeout: 120_000 },
      async () => {
        const files = await produce(c)
        const sent = server.calls(`rerun-${c.name}`).filter((x) => x.status === 200)
        const sentKeys = new Set(sent.map((x) => key(x.input)))
        const planned = []
        const kept = []
        for (const file of files) {
          const imported = await importForCheck(file, false)
          for (const t of imported.traces) {
            const plan = planRerun(
              t.spans,
              {},
              {
                defaultModel: 'gpt-4o-mini',
                prompts: () => ({ error: 'none' }),
                prices: loadPriceTable(),
              },
            )
            planned.push(...plan.calls)
            kept.push(...plan.kept)
          }
        }
        expect(planned.length).toBeGreaterThan(0)
        const unmatched = planned.filter(
          (p) => !sentKeys.has(key(p.messages.map((m) => ({ role: m.role, text: m.text ?? '' })))),
        )
        expect(
          unmatched.map((p) => ({
            span: p.name,
            messages: p.messages.map((m) => `${m.role}: ${(m.text ?? '').slice(0, 60)}`),
          })),
          `rebuilt calls no request matched (requests sent: ${[...sentKeys].slice(0, 5).join(' | ')})`,
        ).toEqual([])
        expect(new Set(planned.map((p) => p.convention))).toContain(c.convention)
        // The script's tool, where the recording states the tools offered.
        const withTools = planned.filter((p) => p.tools.length)
        expect(withTools.length).toBe(c.withTools)
        for (const p of withTools)
          expect(p.tools.map((t) => t.name)).toContain(c.tool ?? 'get_weather')
        console.log(
          `${c.name}: ${planned.length} calls rebuilt, ${kept.length} kept${kept.length ? ` (${[...new Set(kept.map((k) => k.reason))].join('; ')})` : ''}, tools on ${planned.filter((p) => p.tools.length).length}`,
        )
      },
    )
  }
})
