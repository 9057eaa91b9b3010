/**
 * The built CLI end to end (node out/main/cli.js against a temp --db): the import → list → show →
 * export → re-import round trip, human output, trace references, and bad files that must fail
 * with a clear message naming the file while the library keeps every trace it had.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agentRunsOtlp, emptyOtlp } from './otlp-fixture'

// TRACEDECK_OUT lets a developer test a private build (npm test builds out/ first).
const CLI = resolve(process.env.TRACEDECK_OUT ?? 'out', 'main', 'cli.js')
const dir = mkdtempSync(join(tmpdir(), 'tracedeck-cli-'))
const db = join(dir, 'library.db')

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], library = db): Run {
  const result = spawnSync(process.execPath, [CLI, '--db', library, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function json<T = unknown>(run: Run): T {
  expect(run.status, run.stderr).toBe(0)
  return JSON.parse(run.stdout) as T
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

interface Entry {
  file: string
  format: string | null
  traces: { id: string; name: string; spanCount: number }[]
  report: { repairs: unknown[]; warnings: string[]; cached: boolean }
  error: string | null
}
interface Summary {
  id: string
  name: string
  spanCount: number
  status: string
  inputTokens: number
  outputTokens: number
  retryCount: number
}
interface ExportDoc {
  format: string
  version: number
  exportedAt?: string
  traces: {
    id: string
    name: string
    startTime: string
    spanCount: number
    status: string
    inputTokens: number
    source: { format: string; file: string }
    spans: { id: string; parentId: string | null; name: string; kind: string; status: string; depth: number; startMs: number; inputTokens: number | null; input: unknown; output: unknown }[]
  }[]
}

let otlpPath: string
let imported: Entry[]

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before these tests (npm test does)`)
  otlpPath = file('agent-runs.json', await agentRunsOtlp({ runs: 2, tools: 2 }))
  imported = json<Entry[]>(cli(['--json', 'import', otlpPath]))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('tracedeck CLI round trip', () => {
  it('import --json prints one entry per file with its traces and report', () => {
    expect(imported).toHaveLength(1)
    const [entry] = imported
    expect(entry.file).toBe(otlpPath)
    expect(entry.format).toBe('otlp')
    expect(entry.error).toBeNull()
    expect(entry.report).toMatchObject({ repairs: expect.any(Array), warnings: expect.any(Array), cached: false })
    expect(entry.traces.map((t) => t.spanCount)).toEqual([6, 6])
    expect(entry.traces.map((t) => t.name).sort()).toEqual(['invoke_agent run-1', 'invoke_agent run-2'])
  })

  it('re-importing the same file is recognised', () => {
    const [again] = json<Entry[]>(cli(['--json', 'import', otlpPath]))
    expect(again.report.cached).toBe(true)
    expect(again.traces.map((t) => t.id).sort()).toEqual(imported[0].traces.map((t) => t.id).sort())
    expect(json<Summary[]>(cli(['--json', 'list']))).toHaveLength(2)
  })

  it('list shows every trace, as JSON and as an aligned table', () => {
    const traces = json<Summary[]>(cli(['--json', 'list']))
    expect(traces.map((t) => t.name).sort()).toEqual(['invoke_agent run-1', 'invoke_agent run-2'])
    for (const trace of traces) {
      expect(trace.spanCount).toBe(6)
      expect(trace.status).toBe('warning') // a tool failed and its retry succeeded
      expect(trace.retryCount).toBe(1)
      expect(trace.outputTokens).toBe(80)
    }
    const human = cli(['list'])
    expect(human.status).toBe(0)
    const lines = human.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STARTED \(UTC\)\s+DURATION\s+STATUS\s+SPANS/)
    expect(lines).toHaveLength(3)
    // Aligned: every row's STATUS column starts where the header's does.
    const statusAt = lines[0].indexOf('STATUS')
    for (const line of lines.slice(1)) expect(line.slice(statusAt, statusAt + 9)).toBe('Recovered')
    expect(human.stderr).toContain('2 traces')
  })

  it('show prints the summary and the span tree; a unique id prefix is enough', () => {
    const id = imported[0].traces[0].id
    const shown = cli(['show', id.slice(0, 8)])
    expect(shown.status, shown.stderr).toBe(0)
    expect(shown.stdout).toContain(id)
    expect(shown.stdout).toMatch(/status\s+Recovered \(1 failed span, 1 retried successfully\)/)
    expect(shown.stdout).toMatch(/├─ chat gpt-4o-mini/)
    expect(shown.stdout).toMatch(/└─ chat gpt-4o-mini/)
    expect(shown.stdout).toMatch(/execute_tool tool_0\s+tool\s+Retried/)
    const step = cli(['show', id, '--step', '2'])
    expect(step.status, step.stderr).toBe(0)
    expect(step.stdout).toMatch(/Step 2 of 6\s+chat gpt-4o-mini/)
    expect(step.stdout).toMatch(/user: Question \d/)
  })

  it('show --json writes tracedeck export v1 with spans in step order', () => {
    const id = imported[0].traces[0].id
    const doc = json<ExportDoc>(cli(['--json', 'show', id]))
    expect(doc.format).toBe('tracedeck')
    expect(doc.version).toBe(1)
    expect(doc.traces).toHaveLength(1)
    const [trace] = doc.traces
    expect(trace.id).toBe(id)
    expect(trace.startTime).toMatch(/^2025-01-15T09:3\d:\d\d(\.\d+)?Z$/)
    expect(trace.spans.map((s) => s.depth)).toEqual([0, 1, 1, 1, 1, 1])
    expect(trace.spans.map((s) => s.kind)).toEqual(['agent', 'llm', 'tool', 'tool', 'tool', 'llm'])
    expect(trace.spans.map((s) => s.status)).toEqual(['ok', 'ok', 'retry', 'ok', 'ok', 'ok'])
    const starts = trace.spans.slice(1).map((s) => s.startMs)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
  })

  it('export -o writes the same document, and importing it gives the same traces back', () => {
    const ids = imported[0].traces.map((t) => t.id)
    const out = join(dir, 'export.json')
    const run = cli(['export', ...ids, '-o', out])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toContain('Wrote 2 traces (12 spans)')
    const written = JSON.parse(readFileSync(out, 'utf8')) as ExportDoc
    const shown = json<ExportDoc>(cli(['--json', 'show', ids[0]]))
    expect({ ...written.traces[0] }).toEqual(shown.traces[0])

    const second = join(dir, 'second.db')
    const [entry] = json<Entry[]>(cli(['--json', 'import', out], second))
    expect(entry.format).toBe('tracedeck')
    expect(entry.traces.map((t) => t.spanCount)).toEqual([6, 6])
    const original = json<Summary[]>(cli(['--json', 'list'])).sort((a, b) => a.name.localeCompare(b.name))
    const again = json<Summary[]>(cli(['--json', 'list'], second)).sort((a, b) => a.name.localeCompare(b.name))
    const comparable = (t: Summary) => ({ name: t.name, spanCount: t.spanCount, status: t.status, inputTokens: t.inputTokens, outputTokens: t.outputTokens, retryCount: t.retryCount })
    expect(again.map(comparable)).toEqual(original.map(comparable))
    const reimported = json<ExportDoc>(cli(['--json', 'show', again[0].id], second)).traces[0]
    const first = json<ExportDoc>(cli(['--json', 'show', original[0].id])).traces[0]
    const spanView = (doc: ExportDoc['traces'][number]) => doc.spans.map(({ id, parentId, name, kind, status, depth, startMs, inputTokens, input, output }) => ({ id, parentId, name, kind, status, depth, startMs, inputTokens, input, output }))
    expect(spanView(reimported)).toEqual(spanView(first))
    expect(reimported.startTime).toBe(first.startTime)
  })

  it('export without -o writes the document to stdout', () => {
    const doc = json<ExportDoc>(cli(['export', imported[0].traces[1].id]))
    expect(doc.format).toBe('tracedeck')
    expect(doc.traces[0].spans).toHaveLength(6)
  })
})

describe('tracedeck CLI failures', () => {
  const listIds = () => json<Summary[]>(cli(['--json', 'list'])).map((t) => `${t.id}:${t.spanCount}`).sort()

  it('bad files exit non-zero with a clear message naming the file, and the library is unchanged', async () => {
    const before = listIds()
    expect(before).toHaveLength(2)
    const valid = await agentRunsOtlp({ runs: 1, tools: 1, startMs: Date.UTC(2025, 1, 1) })
    const bad: Record<string, string | Buffer> = {
      'garbage.json': 'this is not a trace, just some words\nand another line\n',
      'truncated.json': valid.slice(0, Math.floor(valid.length / 2)),
      'empty.json': '',
      'binary.json': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00, 0x01, 0x9c]),
      'no-spans.json': emptyOtlp(),
    }
    for (const [name, content] of Object.entries(bad)) {
      const path = file(name, content)
      const run = cli(['import', path])
      expect(run.status, `${name}: ${run.stdout}`).not.toBe(0)
      expect(run.stderr, name).toContain(name)
      expect(run.stderr, name).toMatch(/^tracedeck: /)
      expect(run.stderr, name).not.toMatch(/\n\s+at /) // no stack trace
      expect(run.stderr.trim().split('\n').length, name).toBeLessThanOrEqual(3)
      const [entry] = JSON.parse(cli(['--json', 'import', path]).stdout) as Entry[]
      expect(entry.error, name).toContain(name)
      expect(entry.traces, name).toEqual([])
      expect(listIds(), `library after ${name}`).toEqual(before)
    }
  })

  it('one failing file among several: the others are imported, the exit status says it failed', async () => {
    const good = file('good.json', await agentRunsOtlp({ runs: 1, tools: 1, startMs: Date.UTC(2025, 2, 1) }))
    const missing = join(dir, 'does-not-exist.json')
    const run = cli(['import', good, missing])
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('good.json')
    expect(run.stderr).toMatch(/Cannot import .*does-not-exist\.json: no such file/)
    expect(run.stderr).toContain('1 file of 2 could not be imported')
    expect(listIds()).toHaveLength(3)
  })

  it('unknown and ambiguous trace references are explained', () => {
    const unknown = cli(['show', 'zzzz-no-such-trace'])
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toMatch(/No trace "zzzz-no-such-trace" in the library/)
    const ids = json<Summary[]>(cli(['--json', 'list'])).map((t) => t.id)
    const shared = ids[0].slice(0, 1)
    if (ids.filter((id) => id.startsWith(shared)).length > 1) {
      const ambiguous = cli(['show', shared])
      expect(ambiguous.status).toBe(1)
      expect(ambiguous.stderr).toMatch(/matches \d+ traces/)
    }
    expect(cli(['export', 'zzzz', '-o', join(dir, 'x.json')]).status).toBe(1)
    expect(existsSync(join(dir, 'x.json'))).toBe(false)
  })

  it('a --db that is not a library is refused clearly and left alone', () => {
    const notDb = file('notes.txt', 'my notes, not a database\n'.repeat(100))
    const run = cli(['list'], notDb)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/Cannot open the library .*notes\.txt/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(readFileSync(notDb, 'utf8')).toBe('my notes, not a database\n'.repeat(100))
  })

  it('reading a library that does not exist says so and creates nothing', () => {
    const missing = join(dir, 'no-such-folder', 'library.db')
    for (const args of [['list'], ['sessions'], ['show', 'abc'], ['export', 'abc']]) {
      const run = cli(args, missing)
      expect(run.status, args.join(' ')).toBe(1)
      expect(run.stderr, args.join(' ')).toMatch(/No library at .*no-such-folder.*tracedeck import/)
    }
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false)
  })

  it('a --db folder and a missing --prices file are named as such', () => {
    const folder = cli(['list'], dir)
    expect(folder.status).toBe(1)
    expect(folder.stderr).toMatch(/is a folder/)
    const prices = cli(['--prices', join(dir, 'no-such-prices.json'), 'list'])
    expect(prices.status).toBe(1)
    expect(prices.stderr).toMatch(/--prices .*no-such-prices\.json: no such file/)
  })

  it('wrong usage exits 2 with a hint', () => {
    const run = cli(['import'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/missing required argument/)
    expect(cli(['frobnicate']).status).toBe(2)
  })
})
