/**
 * `tracedeck diff` end to end through the built CLI (out/main/cli.js, run `npx electron-vite
 * build` first): files imported on the fly, ids and prefixes resolved, the exact --json shape,
 * the human summary, and clear errors.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'

const CLI = resolve('out/main/cli.js')
let dir: string
let out: string
let err: string

beforeEach(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx electron-vite build" first`)
  dir = mkdtempSync(join(tmpdir(), 'tracedeck-diff-'))
})

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** Runs the CLI; resolves to its exit status, leaving stdout in `out` and stderr in `err`. */
function cli(...args: string[]): Promise<number> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, '--db', join(dir, 'lib.db'), ...args],
      { env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        out = stdout
        err = stderr
        done(error ? (typeof error.code === 'number' ? error.code : 1) : 0)
      },
    )
  })
}

describe('tracedeck diff', () => {
  it('prints exactly the summary object with --json, from files imported first', async () => {
    const good = file('good.json', supportAgentRun({ seed: 1 }))
    const bad = file(
      'bad.json',
      supportAgentRun({
        seed: 2,
        toolResult: 'No order 1234 found.',
        retryLookup: true,
        sendEmail: true,
      }),
    )
    expect(await cli('--json', 'diff', good, bad)).toBe(0)
    const result = JSON.parse(out)
    expect(Object.keys(result)).toEqual([
      'a',
      'b',
      'pairs',
      'onlyA',
      'onlyB',
      'firstDivergence',
      'delta',
    ])
    expect(result).toMatchObject({
      a: { spanCount: 4 },
      b: { spanCount: 6 },
      pairs: 4,
      onlyA: 0,
      onlyB: 2,
      firstDivergence: {
        stepA: null,
        stepB: 3,
        nameA: null,
        nameB: 'execute_tool lookup_order',
        reason: 'onlyB',
      },
    })
    expect(Object.keys(result.a)).toEqual(['id', 'spanCount'])
    expect(Object.keys(result.delta)).toEqual(['durationMs', 'inputTokens', 'outputTokens', 'cost'])
    expect(result.delta.durationMs).toBeCloseTo(2050 + 450, 0)

    // The same traces by id prefix give the same answer.
    expect(await cli('--json', 'diff', result.a.id.slice(0, 8), result.b.id.slice(0, 8))).toBe(0)
    expect(JSON.parse(out)).toEqual(result)
  })

  it('prints a readable summary with the changed words of the first divergence', async () => {
    const good = file('good.json', supportAgentRun({ seed: 1 }))
    const bad = file('bad.json', supportAgentRun({ seed: 2, toolResult: 'No order 1234 found.' }))
    expect(await cli('diff', good, bad)).toBe(0)
    expect(out).toContain('4 aligned pairs, 0 only in A, 0 only in B · 2 divergences')
    expect(out).toMatch(
      /First divergence: A step 3 \/ B step 3 {2}"execute_tool lookup_order" {2}different output/,
    )
    expect(out).toContain('[-shipped on June 11; it arrives Friday-]{+found+}')
    expect(out).toMatch(/duration\s+2\.65 s → 2\.65 s\s+= same/)
  })

  it('says so when nothing diverges, and names a trace it cannot find', async () => {
    const good = file('good.json', supportAgentRun({ seed: 1 }))
    const again = file('again.json', supportAgentRun({ seed: 5 }))
    expect(await cli('--json', 'diff', good, again)).toBe(0)
    expect(JSON.parse(out).firstDivergence).toBeNull()
    expect(await cli('diff', good, 'no-such-trace')).toBe(1)
    expect(err).toContain('No trace "no-such-trace"')
    const broken = file('broken.json', '{"resourceSpans": [')
    expect(await cli('diff', good, broken)).toBe(1)
    expect(err).toMatch(/cannot compare .*broken\.json/)
  })
})
