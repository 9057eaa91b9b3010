/**
 * `tracedeck replay` end to end through the built CLI (out/main/cli.js; run
 * `npx electron-vite build` first): a file is imported then replayed, each step printed once
 * when piped, the pacing rule in --json, the report, and clear errors. The live (TTY) frame is
 * checked through the same functions the command draws with.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { detailLines, liveFrame, treeLines } from '../../src/cli/commands/replay'
import { styler } from '../../src/cli/output/style'
import { panel, toReplayColumns } from '../../src/shared/replay'
import { spanTableOf } from '../../src/shared/replay/table-fixture'
import type { Span } from '../../src/shared/model'
import { REPLAY_RUN, replayRunJson } from './replay-fixture'

const CLI = resolve('out/main/cli.js')
let dir: string
let runFile: string

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx electron-vite build" first`)
  dir = mkdtempSync(join(tmpdir(), 'tracedeck-replay-'))
  runFile = join(dir, 'lyon-run.json')
  writeFileSync(runFile, replayRunJson())
})

function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, '--db', join(dir, 'lib.db'), ...args],
      { env: { ...process.env, NO_COLOR: '1' } },
      (error, out, err) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    )
  })
}

describe('tracedeck replay (piped)', () => {
  it('imports a file, prints each step once with its input and output, then the report', async () => {
    const r = await cli('replay', runFile)
    expect(r.code).toBe(0)
    const steps = r.out.split('\n').filter((l) => /^\[\d+\/7\]/.test(l))
    expect(steps).toHaveLength(REPLAY_RUN.steps)
    expect(steps[2]).toMatch(/↻ execute_tool search_web \(tool\) 2\.00s Retried/)
    const failed = r.out.split('\n').findIndex((l) => l.startsWith('[3/7]'))
    expect(r.out.split('\n')[failed + 2]).toContain(
      `TimeoutError: ${REPLAY_RUN.firstError.message}`,
    )
    expect(r.out).toContain('Replay complete: Recovered (1 failed span retried successfully)')
    expect(r.out).toMatch(/│ Prompt\s+How many people live in Lyon compared with Paris\?/)
    expect(r.out).toMatch(/│ Status\s+Recovered/)
  })

  it('replays a trace already in the library by id prefix, with the full response on request', async () => {
    const json = JSON.parse((await cli('--json', 'replay', runFile)).out)
    const r = await cli('replay', json.trace.id.slice(0, 8), '--show-response')
    expect(r.code).toBe(0)
    expect(r.out).toContain(`Final response\n${REPLAY_RUN.answer}`)
  })

  it('states the pacing of every step in --json: duration ÷ speed within [80, 550] ms', async () => {
    const r = await cli('--json', 'replay', runFile, '--speed', '2')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc.speed).toBe(2)
    expect(doc.steps.map((s: { step: number }) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7])
    for (const s of doc.steps) expect(s.delayMs).toBe(Math.max(80, Math.min(550, s.durationMs / 2)))
    expect(doc.steps[6].delayMs).toBe(80) // an 80 ms guardrail at 2×: 40 ms, raised to the floor
    expect(doc.steps[2]).toMatchObject({
      name: REPLAY_RUN.firstError.name,
      status: 'Retried',
      delayMs: 550,
    })
    expect(doc.report.prompt).toBe(REPLAY_RUN.question)
    for (const s of doc.steps) expect(s.input.length).toBeLessThanOrEqual(200)
  })

  it('uses pacing bounds given as options', async () => {
    const doc = JSON.parse(
      (await cli('--json', 'replay', runFile, '--min-delay', '10', '--max-delay', '5000')).out,
    )
    expect(doc.steps[2].delayMs).toBe(2000)
    expect(doc.steps[6].delayMs).toBe(80)
  })

  it('fails clearly on an unknown trace, a bad speed and a file that is not a trace', async () => {
    const unknown = await cli('replay', 'no-such-trace')
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain('No trace "no-such-trace"')
    const speed = await cli('replay', runFile, '--speed', 'fast')
    expect(speed.code).toBe(2)
    expect(speed.err).toContain('"fast" is not a valid speed')
    const junk = join(dir, 'junk.json')
    writeFileSync(junk, '{"hello": "world"}')
    const bad = await cli('replay', junk)
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('junk.json')
  })
})

describe('tracedeck replay (terminal frame)', () => {
  const plain = styler(false)
  const c = toReplayColumns(
    spanTableOf([
      {
        name: 'agent:start',
        startMs: 0,
        durationMs: 3000,
        children: [
          { name: 'query.embed', startMs: 0, durationMs: 180 },
          { name: 'tool_schema_lookup', status: 'retry', startMs: 200, durationMs: 250 },
          { name: 'tool_schema_lookup', startMs: 460, durationMs: 280 },
          { name: 'llm.generate', startMs: 800, durationMs: 1240 },
        ],
      },
    ]),
  )

  it('marks passed steps ✓ / ↻, the current one ▶, and hides the status of steps to come', () => {
    const lines = treeLines(c, 3, 80, 20, plain)
    expect(lines[0]).toMatch(/^✓ {2}agent:start\s+3\.00s {2}OK$/)
    expect(lines[2]).toMatch(/^├── ↻ {2}tool_schema_lookup\s+250ms {2}Retried$/)
    expect(lines[3]).toMatch(/^├── ▶ {2}tool_schema_lookup\s+280ms {2}OK$/)
    expect(lines[4]).toMatch(/^└── {4}llm\.generate\s+1\.24s {2}$/)
  })

  it('keeps the current step in a window on long traces and ends with the outcome', () => {
    const big = toReplayColumns(
      spanTableOf(
        Array.from({ length: 500 }, (_, k) => ({ name: `step ${k}`, startMs: k, durationMs: 1 })),
      ),
    )
    const lines = treeLines(big, 300, 80, 10, plain)
    expect(lines[0]).toContain('earlier steps')
    expect(lines.some((l) => l.includes('▶  step 300'))).toBe(true)
    expect(lines[lines.length - 1]).toContain('more steps')
    expect(treeLines(c, 5, 80, 20, plain, 'warning').pop()).toContain('done')
  })

  it('clips input and output to 200 characters and shows the error in the output', () => {
    const span = {
      input: { value: 'q'.repeat(500) },
      error: { type: 'TimeoutError', message: 'took too long' },
    } as unknown as Span
    const lines = detailLines(c, 2, span, 60, plain).join('\n')
    expect(lines).toContain('step       3/5')
    expect(lines).toContain('status     Retried')
    expect(lines).toContain('output     TimeoutError: took too long')
    expect((lines.match(/q/g) ?? []).length).toBeLessThanOrEqual(200)
  })
})

describe('the live replay frame fits the terminal', () => {
  const plainStyle = styler(false)
  const big = toReplayColumns(
    spanTableOf(
      Array.from({ length: 57 }, (_, k) => ({ name: `step ${k}`, startMs: k, durationMs: 1 })),
    ),
  )
  const detail = panel(Array.from({ length: 30 }, (_, k) => `line ${k}`), 100, 'Step Detail')
  const header = {
    full: panel(['trace_id   abc', 'status     OK', 'latency    1 ms', 'retries    0', 'steps      57'], 100, 'Replay'),
    compact: ['▶ replaying  abc · OK · 57 steps'],
  }

  it('header, tree and step detail always fit (100×40, short and tall terminals), so frames redraw in place', () => {
    for (const rows of [40, 30, 24, 60]) {
      for (const current of [0, 30, 56]) {
        const lines = liveFrame(
          header,
          (h) => panel(treeLines(big, current, 96, h, plainStyle), 100, 'Execution Tree'),
          detail,
          rows,
        )
        expect(lines.length, `${rows} rows`).toBeLessThanOrEqual(rows - 1)
        expect(lines.some((l) => l.includes(`▶  step ${current}`))).toBe(true)
        // The header (trace id, status, steps) is always on screen.
        expect(lines.join('\n')).toMatch(/abc/)
      }
    }
    // 100×40: the full header panel; a short terminal gets the one-line header.
    const at40 = liveFrame(header, (h) => panel(treeLines(big, 3, 96, h, plainStyle), 100), detail, 40)
    expect(at40[0]).toContain('Replay')
    const at24 = liveFrame(header, (h) => panel(treeLines(big, 3, 96, h, plainStyle), 100), detail, 24)
    expect(at24[0]).toContain('▶ replaying')
  })
})
