/**
 * Audit finding 2: several processes writing one library (the desktop app, `serve` and the CLI
 * at once is normal use). Every write transaction takes the write lock up front (BEGIN
 * IMMEDIATE), so a second writer waits for the busy timeout instead of failing at once with
 * "database is locked"; here six CLI processes import at the same moment and all succeed.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { agentRunsOtlp } from '../cli/otlp-fixture'

const CLI = resolve(process.env.TRACEDECK_OUT ?? 'out', 'main', 'cli.js')

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

function cliAsync(args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (status) => done({ status, stdout, stderr }))
  })
}

describe('several processes writing one library', () => {
  it('six concurrent CLI imports of 4 files each all succeed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracedeck-concurrent-'))
    const db = join(dir, 'library.db')
    const writers = 6
    const perWriter = 4
    const files: string[][] = []
    for (let w = 0; w < writers; w++) {
      files.push([])
      for (let f = 0; f < perWriter; f++) {
        const path = join(dir, `w${w}-f${f}.json`)
        // Distinct content per file (start time differs), 40 runs each so commits take a while.
        writeFileSync(
          path,
          await agentRunsOtlp({ runs: 40, tools: 3, startMs: Date.UTC(2025, 0, 1 + w, f) }),
        )
        files[w].push(path)
      }
    }
    // Every process opens (and migrates) the fresh library at the same moment too.
    const runs = await Promise.all(
      files.map((fs) => cliAsync(['--db', db, '--json', 'import', ...fs])),
    )
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/locked|busy|internal/i)
      expect(r.status, r.stderr).toBe(0)
      const entries = JSON.parse(r.stdout) as { error: string | null }[]
      expect(entries.map((e) => e.error)).toEqual(new Array(perWriter).fill(null))
    }
    const list = spawnSync(process.execPath, [CLI, '--db', db, '--json', 'list'], {
      encoding: 'utf8',
    })
    expect(list.status, list.stderr).toBe(0)
    const traces = JSON.parse(list.stdout) as { id: string }[]
    expect(traces.length).toBe(writers * perWriter * 40)
  }, 240_000)
})
