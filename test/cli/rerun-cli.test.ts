/**
 * `tracedeck rerun` / `reruns` end to end: the built CLI against a temp library and a local fake
 * model server (OpenAI API). Dry run, a real run with its new trace and diff summary, the
 * history, and one-line failures (no provider, wrong key, unknown trace, a provider file others
 * can read), with no key in any output.
 */
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordLlmRun } from '../fixtures/otlp-llm-run'
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server'

const CLI = resolve(process.env.TRACEDECK_OUT ?? 'out', 'main', 'cli.js')
const KEY = 'sk-cli-secret-777'
let dir: string
let db: string
let server: FakeModelServer

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs the CLI without blocking this process (the fake server answers from it). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, '--db', db, ...args], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
        ...env,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (status) => done({ status, stdout, stderr }))
  })
}

let traceId: string

beforeAll(async () => {
  server = await startFakeModelServer({ apiKey: KEY })
  dir = mkdtempSync(join(tmpdir(), 'tracedeck-rerun-cli-'))
  db = join(dir, 'library.db')
  const file = join(dir, 'run.json')
  writeFileSync(file, recordLlmRun().json)
  const imported = await cli(['--json', 'import', file])
  expect(imported.status, imported.stderr).toBe(0)
  const list = JSON.parse((await cli(['--json', 'list'])).stdout) as {
    id: string
    spanCount: number
  }[]
  traceId = list.find((t) => t.spanCount > 5)!.id
})
afterAll(async () => {
  await server.close()
})

describe('tracedeck rerun', () => {
  it('--dry-run shows each call original → new model with the parameters, and sends nothing', async () => {
    const r = await cli([
      'rerun',
      traceId.slice(0, 10),
      '--provider',
      'openai',
      '--base-url',
      server.openaiBase,
      '--model',
      'gpt-4o-mini',
      '--param',
      'temperature=0',
      '--dry-run',
    ])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('Re-run preview')
    expect(r.stdout).toMatch(
      /chat gpt-4o\s+gpt-4o-2024-08-06 → gpt-4o-mini\s+2\s+0\s+\d+\s+temperature=0/,
    )
    expect(r.stdout).toMatch(/6 LLM calls to re-run, \d+ other spans kept as recorded/)
    expect(server.calls()).toHaveLength(0)
  })

  it('re-runs with the key from OPENAI_API_KEY, prints the new trace and the diff summary, and lists the history', async () => {
    const r = await cli(
      [
        'rerun',
        traceId,
        '--provider',
        'openai',
        '--base-url',
        server.openaiBase,
        '--model',
        'gpt-4o-mini',
        '--param',
        'temperature=0',
        '--map',
        'gpt-4o-2024-08-06=llama3.2',
      ],
      { OPENAI_API_KEY: KEY },
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^completed: 6 of 6 calls · \d+ in \/ \d+ out tokens/m)
    expect(r.stdout).toMatch(/new trace [0-9a-f]{32}/)
    expect(r.stdout).toMatch(
      /against the original: \d+ pairs, first divergence at step 2 "chat gpt-4o"/,
    )
    expect(server.calls().map((c) => c.body!.model)).toEqual([
      'llama3.2',
      'gpt-4o-mini',
      'gpt-4o-mini',
      'gpt-4o-mini',
      'gpt-4o-mini',
      'gpt-4o-mini',
    ])
    expect(server.calls().every((c) => c.body!.temperature === 0)).toBe(true)
    const newId = /new trace ([0-9a-f]{32})/.exec(r.stdout)![1]

    const history = await cli(['reruns', traceId])
    expect(history.status, history.stderr).toBe(0)
    expect(history.stdout).toMatch(/completed .* model=gpt-4o-mini gpt-4o-2024-08-06→.*\s+6\/6/)
    expect(history.stdout).toContain(newId.slice(0, 12))
    const scored = await cli(['score', newId])
    expect(scored.status, scored.stderr).toBe(0)
    expect(scored.stdout).toMatch(/^similarity\s+0\.\d\d/m)
    expect(scored.stdout).toMatch(/^same tool calls\s+0\.00\s+fail\s+0\/3/m)
    const shown = await cli(['--json', 'show', newId])
    expect(shown.status, shown.stderr).toBe(0)
    expect(`${r.stdout}${r.stderr}${history.stdout}${shown.stdout}`).not.toContain(KEY)
  })

  it('--json gives the run and the comparison', async () => {
    const r = await cli(
      [
        '--json',
        'rerun',
        traceId,
        '--provider',
        'openai',
        '--base-url',
        server.openaiBase,
        '--model',
        'gpt-4o-mini',
      ],
      { OPENAI_API_KEY: KEY },
    )
    expect(r.status, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as {
      run: { status: string; replayTraceId: string }
      comparison: { pairs: number }
    }
    expect(doc.run.status).toBe('completed')
    expect(doc.comparison.pairs).toBeGreaterThan(5)
  })

  it('fails in one line: a wrong key, no provider, an unknown trace, a provider file others can read', async () => {
    const wrong = await cli(
      [
        'rerun',
        traceId,
        '--provider',
        'openai',
        '--base-url',
        server.openaiBase,
        '--model',
        'gpt-4o-mini',
      ],
      { OPENAI_API_KEY: 'sk-wrong-999' },
    )
    expect(wrong.status).toBe(1)
    expect(wrong.stdout).toMatch(/^failed: 6 of 6 calls, 6 failed/m)
    expect(wrong.stdout).toMatch(/refused the API key \(401\)/)
    expect(wrong.stdout + wrong.stderr).not.toContain('sk-wrong-999')

    const none = await cli(['rerun', traceId, '--model', 'x'])
    expect(none.status).toBe(1)
    expect(none.stderr.trim()).toBe(
      'tracedeck: No provider: give one, e.g. --provider openai --base-url http://127.0.0.1:11434/v1 (Ollama; OPENAI_API_KEY for OpenAI itself) or --provider anthropic',
    )

    const unknown = await cli(['rerun', 'no-such-trace', '--provider', 'openai'])
    expect(unknown.stderr).toMatch(/^tracedeck: No trace "no-such-trace" in the library/)

    const providers = join(dir, 'providers.json')
    writeFileSync(providers, JSON.stringify({ providers: [] }))
    chmodSync(providers, 0o644)
    const open = await cli(['rerun', traceId, '--model', 'x'])
    expect(open.status).toBe(1)
    expect(open.stderr.trim()).toBe(
      `tracedeck: ${providers} can be read by other users (mode 644); it may hold API keys, so tracedeck will not use it: run "chmod 600 ${providers}"`,
    )
    chmodSync(providers, 0o600)
  })
})
