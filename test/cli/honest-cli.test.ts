/**
 * The built CLI against a temp library, for issue 11's honest numbers: a Zipkin 404 followed by
 * a call to another endpoint is an Error (not a retry), unknown cost and tokens read "–" (null in
 * --json), and tables fit the terminal width ($COLUMNS).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const CLI = resolve(process.env.TRACEDECK_OUT ?? 'out', 'main', 'cli.js')
const dir = mkdtempSync(join(tmpdir(), 'tracedeck-honest-'))
const db = join(dir, 'library.db')

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    timeout: 60_000,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A Zipkin v2 trace: a frontend span calling GET twice, to two different endpoints. */
function zipkinTrace(traceId: string, retrySameUrl: boolean): string {
  const t0 = Date.UTC(2025, 5, 1, 12) * 1000
  const span = (id: string, parentId: string | undefined, at: number, tags: Record<string, string>) => ({
    traceId,
    id,
    ...(parentId ? { parentId } : {}),
    name: parentId ? 'get' : 'checkout-with-a-rather-long-operation-name-to-show-truncation',
    kind: parentId ? 'CLIENT' : 'SERVER',
    timestamp: t0 + at,
    duration: 5_000,
    localEndpoint: { serviceName: 'frontend' },
    tags,
  })
  return JSON.stringify([
    span('a000000000000001', undefined, 0, { 'http.path': '/checkout' }),
    span('a000000000000002', 'a000000000000001', 100, {
      'http.method': 'GET',
      'http.path': '/users/7',
      'http.status_code': '404',
      error: '404',
    }),
    span('a000000000000003', 'a000000000000001', 6_000, {
      'http.method': 'GET',
      'http.path': retrySameUrl ? '/users/7' : '/orders',
      'http.status_code': '200',
    }),
  ])
}

interface Summary {
  name: string
  status: string
  cost: number | null
  inputTokens: number | null
  sourceTraceId: string
}

beforeAll(() => {
  writeFileSync(join(dir, 'other-endpoint.json'), zipkinTrace('00000000000000000000000000000404', false))
  writeFileSync(join(dir, 'same-endpoint.json'), zipkinTrace('00000000000000000000000000000200', true))
  const r = cli(['import', join(dir, 'other-endpoint.json'), join(dir, 'same-endpoint.json')])
  expect(r.status, r.stderr).toBe(0)
  expect(r.stderr).toContain('2 new traces')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('honest statuses and numbers in the CLI', () => {
  it('a 404 followed by a GET to another endpoint is an Error; the same endpoint again is Recovered', () => {
    const traces = JSON.parse(cli(['--json', 'list']).stdout) as Summary[]
    const byId = Object.fromEntries(traces.map((t) => [t.sourceTraceId, t.status]))
    expect(byId['00000000000000000000000000000404']).toBe('error')
    expect(byId['00000000000000000000000000000200']).toBe('warning')
    const errors = JSON.parse(cli(['--json', 'list', '--status', 'error']).stdout) as Summary[]
    expect(errors.map((t) => t.sourceTraceId)).toEqual(['00000000000000000000000000000404'])
    const table = cli(['list'], { COLUMNS: '200' }).stdout
    expect(table).toMatch(/\bError\b/)
    expect(table).toMatch(/\bRecovered\b/)
  })

  it('unknown cost and tokens read "–" in tables and are null in --json', () => {
    const traces = JSON.parse(cli(['--json', 'list']).stdout) as Summary[]
    for (const t of traces) {
      expect(t.cost).toBeNull()
      expect(t.inputTokens).toBeNull()
    }
    const lines = cli(['list'], { COLUMNS: '200' }).stdout.trimEnd().split('\n')
    const header = lines[0]
    for (const line of lines.slice(1)) {
      expect(line.slice(header.indexOf('TOKENS')).trim()).toMatch(/^–\s+–/)
      expect(line).not.toContain('$0')
    }
  })

  it('fits tables to $COLUMNS with an ellipsis; --json stays whole', () => {
    for (const args of [['list'], ['show', (JSON.parse(cli(['--json', 'list']).stdout) as { id: string }[])[0].id]]) {
      const wide = cli(args, { COLUMNS: '250' }).stdout.trimEnd().split('\n')
      const narrow = cli(args, { COLUMNS: '100' }).stdout.trimEnd().split('\n')
      expect(Math.max(...wide.map((l) => l.length))).toBeGreaterThan(100)
      for (const line of narrow) expect(line.length, line).toBeLessThanOrEqual(100)
      expect(narrow.join('\n')).toContain('…')
    }
    const json = JSON.parse(cli(['--json', 'list'], { COLUMNS: '40' }).stdout) as Summary[]
    expect(json[0].name).toBe('checkout-with-a-rather-long-operation-name-to-show-truncation')
  })

  it('at 100 and 80 columns the name keeps a useful width and the date stays whole', () => {
    for (const columns of ['100', '80']) {
      const lines = cli(['list'], { COLUMNS: columns }).stdout.trimEnd().split('\n')
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(Number(columns))
      expect(lines[0]).not.toContain('FORMAT')
      const row = lines.find((l) => l.includes('checkout'))!
      expect(row).toContain('checkout-with-a-rather-') // 24 characters or more of the name
      expect(row).toMatch(/ 2025-06-01 12:00(:00)? /)
    }
  })

  it('list --search says which span matched', () => {
    const r = cli(['list', '--search', 'rather long'], { COLUMNS: '200' })
    expect(r.status, r.stderr).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('MATCHED')
    expect(lines[1]).toMatch(/step 1 checkout-with-a-rather/)
    expect(cli(['list', '--kind', 'robot']).stderr).toMatch(/not a span kind/)
  })
})
