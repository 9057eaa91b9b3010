/**
 * `tracedeck export <trace> --html -o incident.html` and `tracedeck diff <a> <b> --html -o
 * diff.html` with the built CLI (`npm run build`): the files are written with what the options
 * ask for, stderr says what was written and what was cut, and wrong options get one clear line.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'
import { CLI, ROOT, assertBuilt } from '../e2e/harness'
import { SECRET_TOOL, bigPayloadTrace, readSharePage, secretTrace } from './fixtures'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-share-cli-'))
const db = join(dir, 'library.db')
const ids: Record<string, string> = {}

function cli(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

beforeAll(() => {
  assertBuilt()
  if (!existsSync(join(ROOT, 'out/share/share.js'))) {
    throw new Error(
      'The shared-replay bundle is not built: run `npm run build` (or `npm run build:share`)',
    )
  }
  const files = {
    good: supportAgentRun({ seed: 1 }),
    bad: supportAgentRun({ seed: 2, toolResult: 'No order 1234 found.' }),
    secret: secretTrace(),
    big: bigPayloadTrace(400_000),
  }
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, `${name}.json`)
    writeFileSync(path, text)
    const run = cli(['--json', 'import', path])
    expect(run.status, run.stderr).toBe(0)
  }
  const list = JSON.parse(cli(['--json', 'list']).stdout) as {
    id: string
    source: { file: string }
  }[]
  for (const t of list) ids[t.source.file.replace('.json', '')] = t.id
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('tracedeck export --html', () => {
  it('writes a replay page with the note, the redaction, the range and the step to open at', () => {
    const out = join(dir, 'incident.html')
    const run = cli([
      'export',
      ids.secret.slice(0, 10),
      '--html',
      '-o',
      out,
      '--note',
      'Refund went through twice',
      '--redact',
      'llm-messages',
      '--around',
      '3',
      '--context',
      '1',
    ])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^Wrote a replay page of 4 spans \(\d+ KB\) to .*incident\.html$/m)
    const { head, text } = readSharePage(readFileSync(out, 'utf8'))
    expect(head).toMatchObject({
      note: 'Refund went through twice',
      redaction: 'llm-messages',
      openAt: 2, // original step 3 is the third kept step (after the root and step 2)
    })
    expect(head.traces[0].range).toEqual({ from: 1, to: 3, total: 4, ancestors: 1 })
    expect(text).not.toContain(SECRET_TOOL)
  })

  it('reports the payloads it cut', () => {
    const out = join(dir, 'big.html')
    const run = cli(['export', ids.big, '--html', '-o', out, '--payload-limit', '64'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toContain('1 payload over 64 KB cut (the page lists them):')
    expect(run.stderr).toMatch(/step 2 "fetch_report" output \(391 KB\)/)
    expect(readSharePage(readFileSync(out, 'utf8')).head.cut).toHaveLength(1)
  })

  it('refuses wrong options in one line, writing nothing', () => {
    const out = join(dir, 'never.html')
    const cases: [string[], string][] = [
      [['export', ids.good, ids.bad, '--html', '-o', out], 'tracedeck: --html shares one trace'],
      [
        ['export', ids.good, '--html', '-o', out, '--redact', 'some'],
        'tracedeck: --redact some: expected none, payloads, llm-messages',
      ],
      [
        ['export', ids.good, '--html', '-o', out, '--around', '99'],
        'tracedeck: --around 99: the trace has 4 steps',
      ],
      [
        ['export', ids.good, '--html', '-o', out, '--payload-limit', 'x'],
        'tracedeck: --payload-limit x: expected a whole number ≥ 1',
      ],
    ]
    for (const [args, message] of cases) {
      const run = cli(args)
      expect(run.status, args.join(' ')).toBe(1)
      expect(run.stderr.trim()).toMatch(
        new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      )
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
    }
    expect(existsSync(out)).toBe(false)
  })
})

describe('tracedeck diff --html', () => {
  it('writes the comparison as a replay page', () => {
    const out = join(dir, 'diff.html')
    const run = cli(['diff', ids.good, ids.bad, '--html', '-o', out, '--note', 'A good, B bad'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/^Wrote a replay page of 8 spans/m)
    const { head } = readSharePage(readFileSync(out, 'utf8'))
    expect(head.kind).toBe('compare')
    expect(head.traces.map((t) => t.detail.trace.id)).toEqual([ids.good, ids.bad])
    expect(head.comparisons?.[0].divergences[0]).toMatchObject({ reason: 'output' })
  })

  it('without --html still prints the report', () => {
    const run = cli(['diff', ids.good, ids.bad])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('First divergence')
  })
})
