/**
 * The user-editable price table through the built CLI: `tracedeck prices` shows the effective
 * table and the file to edit (creating nothing); prices.json beside the library, --prices and
 * TRACEDECK_PRICES change the costs estimated at import; a broken file is named with its problem.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agentRunsOtlp } from './otlp-fixture'

const CLI = resolve(process.env.TRACEDECK_OUT ?? 'out', 'main', 'cli.js')
const dir = mkdtempSync(join(tmpdir(), 'tracedeck-prices-'))

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', TRACEDECK_PRICES: '', ...env },
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

interface Listing {
  userFile: { path?: string; exists: boolean; error?: string }
  entries: { model: string; input: number; output: number; date: string; source: string }[]
}
interface Summary {
  name: string
  cost: number
  costEstimated: boolean
}

let fixture: string
// Each run has two gpt-4o-mini chat spans of 300(+run) input and 40 output tokens; run 1 is 600/80.
const costOfRun1 = (input: number, output: number) => (600 * input + 80 * output) / 1e6

function importedRun1Cost(db: string, extra: string[] = [], env: Record<string, string> = {}): Summary {
  const imported = cli(['--db', db, ...extra, 'import', fixture], env)
  expect(imported.status, imported.stderr).toBe(0)
  const listed = cli(['--db', db, ...extra, '--json', 'list'], env)
  expect(listed.status, listed.stderr).toBe(0)
  return (JSON.parse(listed.stdout) as Summary[]).find((t) => t.name.includes('run-1'))!
}

beforeAll(async () => {
  expect(existsSync(CLI), `${CLI} missing: run "npx electron-vite build" first`).toBe(true)
  fixture = join(dir, 'agent-runs.json')
  writeFileSync(fixture, await agentRunsOtlp({ runs: 2 }))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('tracedeck prices', () => {
  it('lists the bundled table and the user file to create beside the library, creating nothing', () => {
    const lib = join(dir, 'fresh', 'library.db')
    const run = cli(['--db', lib, 'prices'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^MODEL\s+INPUT\/1M\s+OUTPUT\/1M\s+DATE\s+SOURCE$/m)
    expect(run.stdout).toMatch(/^gpt-4o-mini\s+\$0\.15\s+\$0\.60\s+2024-07-18\s+bundled$/m)
    expect(run.stdout).toContain(`User price file: ${join(dir, 'fresh', 'prices.json')} (not created yet)`)
    const listing = JSON.parse(cli(['--db', lib, '--json', 'prices']).stdout) as Listing
    expect(listing.userFile).toEqual({ path: join(dir, 'fresh', 'prices.json'), exists: false })
    expect(listing.entries.every((e) => e.source === 'bundled' && /^\d{4}-\d\d-\d\d$/.test(e.date))).toBe(true)
    expect(existsSync(join(dir, 'fresh'))).toBe(false)
  })

  it('estimates costs with prices.json beside the library, overriding and extending the bundled table', () => {
    const folder = join(dir, 'beside')
    const lib = join(folder, 'library.db')
    expect(importedRun1Cost(lib).cost).toBeCloseTo(costOfRun1(0.15, 0.6), 9)

    const other = join(dir, 'other')
    mkdirSync(other)
    const prices = { updated: '2031-01-01', models: { 'gpt-4o-mini': { input: 100, output: 1000 }, 'house-llm': { input: 1, output: 2 } } }
    writeFileSync(join(other, 'prices.json'), JSON.stringify(prices))
    const trace = importedRun1Cost(join(other, 'library.db'))
    expect(trace.costEstimated).toBe(true)
    expect(trace.cost).toBeCloseTo(costOfRun1(100, 1000), 9)

    const shown = cli(['--db', join(other, 'library.db'), 'prices'])
    expect(shown.stdout).toMatch(/^gpt-4o-mini\s+\$100\.00\s+\$1000\.00\s+2031-01-01\s+user file \(bundled: \$0\.15 \/ \$0\.60\)$/m)
    expect(shown.stdout).toMatch(/^house-llm\s+\$1\.00\s+\$2\.00\s+2031-01-01\s+user file$/m)
    expect(shown.stdout).toMatch(/^gpt-4o\s+\$2\.50\s+\$10\.00\s+\S+\s+bundled$/m)
    expect(shown.stdout).toContain(`User price file: ${join(other, 'prices.json')} (in use`)
  })

  it('--prices beats TRACEDECK_PRICES, which beats the file beside the library', () => {
    const envFile = join(dir, 'env-prices.json')
    const flagFile = join(dir, 'flag-prices.json')
    writeFileSync(envFile, JSON.stringify({ models: { 'gpt-4o-mini': { input: 10, output: 10 } } }))
    writeFileSync(flagFile, JSON.stringify({ models: { 'gpt-4o-mini': { input: 20, output: 0 } } }))
    const viaEnv = importedRun1Cost(join(dir, 'env', 'library.db'), [], { TRACEDECK_PRICES: envFile })
    expect(viaEnv.cost).toBeCloseTo(costOfRun1(10, 10), 9)
    const viaFlag = importedRun1Cost(join(dir, 'flag', 'library.db'), ['--prices', flagFile], { TRACEDECK_PRICES: envFile })
    expect(viaFlag.cost).toBeCloseTo(costOfRun1(20, 0), 9)
    const listing = JSON.parse(cli(['--prices', flagFile, '--json', 'prices'], { TRACEDECK_PRICES: envFile }).stdout) as Listing
    expect(listing.userFile.path).toBe(flagFile)
  })

  it('a broken price file is named with its problem; the listing falls back to the bundled table; the library is untouched', () => {
    const lib = join(dir, 'broken', 'library.db')
    importedRun1Cost(lib)
    const bad = join(dir, 'broken', 'prices.json')
    writeFileSync(bad, '{"models": {"gpt-4o-mini": {"input": "cheap", "output": 1}}}')

    const listed = cli(['--db', lib, 'prices'])
    expect(listed.status).toBe(1)
    expect(listed.stdout).toMatch(/^gpt-4o-mini\s+\$0\.15\s+\$0\.60\s+\S+\s+bundled$/m)
    expect(listed.stderr).toContain(`tracedeck: Price table ${bad}: model "gpt-4o-mini" needs "input" as a number >= 0`)
    expect(listed.stderr).toContain('not "cheap"')

    const list = cli(['--db', lib, 'list'])
    expect(list.status).toBe(1)
    expect(list.stderr).toContain(`Price table ${bad}`)
    expect(list.stderr).not.toContain('Cannot open the library')

    writeFileSync(bad, '{"models": ')
    expect(cli(['--db', lib, 'import', fixture]).stderr).toMatch(new RegExp(`Price table ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid JSON`))

    rmSync(bad)
    const after = cli(['--db', lib, '--json', 'list'])
    expect(after.status, after.stderr).toBe(0)
    expect((JSON.parse(after.stdout) as Summary[]).length).toBe(2)
  })
})
