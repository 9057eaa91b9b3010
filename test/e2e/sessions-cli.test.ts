/**
 * `tracedeck sessions` and the filters of `tracedeck list` through the built CLI (run
 * `npx electron-vite build` first): the documented --json shape, the aligned table, one session
 * turn by turn, the two example questions, and clear errors for bad filter values.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  agentsSessionJson,
  expectedSession,
  langfuseSessionFiles,
  otlpSessionJson,
  sessionScript,
} from '../fixtures/multi-turn-session'

const CLI = resolve('out/main/cli.js')
const dir = mkdtempSync(join(tmpdir(), 'tracedeck-sessions-cli-'))
const db = join(dir, 'lib.db')
const FAILED = sessionScript('otlp-failed-4o', 4, { failTurn: 2 })
const MINI = sessionScript('agents-mini', 3, { model: 'gpt-4o-mini', failTurn: 0 })
const OK = sessionScript('langfuse-ok', 5)

function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) =>
    execFile(
      process.execPath,
      [CLI, '--db', db, ...args],
      { env: { ...process.env, NO_COLOR: '1' } },
      (error, out, err) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    ),
  )
}

function write(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx electron-vite build" first`)
  const files = [
    write('failed.otlp.json', otlpSessionJson(FAILED)),
    write('mini.agents.json', agentsSessionJson(MINI)),
    ...langfuseSessionFiles(OK).map((f) => write(f.name, f.text)),
  ]
  const imported = await run('import', ...files)
  if (imported.code !== 0) throw new Error(`import failed: ${imported.err}`)
})

describe('tracedeck sessions', () => {
  it('prints exactly the documented JSON fields, with the metrics of each session', async () => {
    const { code, out } = await run('--json', 'sessions')
    expect(code).toBe(0)
    const sessions = JSON.parse(out) as Record<string, unknown>[]
    expect(sessions.map((s) => s.id).sort()).toEqual([
      'agents-mini',
      'langfuse-ok',
      'otlp-failed-4o',
    ])
    for (const s of sessions) {
      expect(Object.keys(s)).toEqual([
        'id',
        'traceCount',
        'spanCount',
        'inputTokens',
        'outputTokens',
        'totalTokens',
        'cost',
        'durationMs',
        'status',
        'startTime',
        'endTime',
        'models',
        'tags',
      ])
    }
    const byId = Object.fromEntries(sessions.map((s) => [s.id, s]))
    expect(byId['otlp-failed-4o']).toMatchObject(expectedSession(FAILED))
    expect(byId['agents-mini']).toMatchObject({ ...expectedSession(MINI), models: ['gpt-4o-mini'] })
    expect(byId['langfuse-ok']).toMatchObject({
      ...expectedSession(OK),
      tags: ['langfuse', 'support'],
    })
  })

  it('answers "failed sessions that used gpt-4o" and filters by tag and cost', async () => {
    const ids = async (...args: string[]) =>
      (JSON.parse((await run('--json', 'sessions', ...args)).out) as { id: string }[])
        .map((s) => s.id)
        .sort()
    expect(await ids('--status', 'failed', '--model', 'gpt-4o')).toEqual(['otlp-failed-4o'])
    expect(await ids('--status', 'ok')).toEqual(['langfuse-ok'])
    expect(await ids('--tag', 'support')).toEqual(['langfuse-ok'])
    expect(await ids('--min-cost', '1000')).toEqual([])
    // The fixtures are from 2025-06-13: a window that ends before then finds nothing.
    expect(await ids('--until', '2025-06-12')).toEqual([])
    expect(await ids('--since', '2025-06-13', '--until', '2025-06-13')).toHaveLength(3)
  })

  it('prints an aligned table for people', async () => {
    const { code, out } = await run('sessions')
    expect(code).toBe(0)
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^SESSION\s+STARTED \(UTC\)\s+TRACES\s+SPANS\s+TOKENS\s+COST\s+DURATION\s+STATUS/,
    )
    expect(lines).toHaveLength(4)
    const statusAt = lines[0].indexOf('STATUS')
    for (const line of lines.slice(1)) expect(line.slice(statusAt)).toMatch(/^(OK|Error)\b/)
  })

  it('shows one session turn by turn', async () => {
    const { code, out } = await run('sessions', 'otlp-failed-4o')
    expect(code).toBe(0)
    expect(out).toContain('Session otlp-failed-4o')
    for (const t of FAILED.turns) expect(out).toContain(t.question)
    const json = JSON.parse((await run('--json', 'sessions', 'otlp-failed-4o')).out)
    expect(json.turns.map((t: { contextTokens: number }) => t.contextTokens)).toEqual(
      FAILED.turns.map((t) => t.inputTokens),
    )
  })

  it('says clearly what is wrong with a bad filter or an unknown session', async () => {
    const date = await run('sessions', '--since', 'next week')
    expect(date.code).not.toBe(0)
    expect(date.err).toContain('Cannot read "next week" as a date')
    const status = await run('list', '--status', 'broken')
    expect(status.code).not.toBe(0)
    expect(status.err).toContain('"broken" is not a status')
    const missing = await run('sessions', 'nope')
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('No session "nope" in the library')
  })
})

describe('tracedeck list with filters', () => {
  it('takes the same filters as sessions', async () => {
    const list = async (...args: string[]) =>
      JSON.parse((await run('--json', 'list', ...args)).out) as {
        sessionId: string
        status: string
      }[]
    const failed = await list('--status', 'error')
    expect(failed.map((t) => t.sessionId).sort()).toEqual(['agents-mini', 'otlp-failed-4o'])
    expect((await list('--model', 'gpt-4o-mini')).length).toBe(MINI.turns.length)
    expect((await list('--session', 'langfuse-ok')).length).toBe(OK.turns.length)
    expect((await list('--search', 'langfuse-ok', '--tag', 'support')).length).toBe(OK.turns.length)
  })
})
