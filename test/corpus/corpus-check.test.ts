/**
 * The corpus checker must catch wrong imports, not only pass right ones: a generated file with a
 * manifest stating its true facts passes, and every misstated fact is reported by name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkFile, type ManifestEntry } from '../../src/cli/commands/corpus-check'
import { createLibrary } from '../../src/main/core/library-service'
import { jaegerUi } from '../golden/fixtures/jaeger'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-corpus-check-'))
writeFileSync(join(dir, 'jaeger--scenario.json'), jaegerUi())
const lib = createLibrary({ dbPath: ':memory:', useWorker: false })
afterAll(() => lib.close())

const truth: ManifestEntry = {
  file: 'jaeger--scenario.json',
  traces: 1,
  spans: 5,
  roots: 1,
  orphans: 0,
  errors: 1,
  llmSpans: 2,
  inputTokensNoRollup: 320,
  outputTokensNoRollup: 70,
  totalCost: null,
  sessionId: 'sess-42',
  traceDurationMs: 2400,
  longestSpan: { name: 'support-agent', durationMs: 2400 },
  firstErrorSpan: 'get_weather',
}

describe('corpus check', () => {
  it('passes a file whose manifest states its facts', async () => {
    const r = await checkFile(lib.handlers, dir, truth, 1)
    expect(r.problems).toEqual([])
    expect(r.format).toBe('jaeger')
  })

  it('names every fact the import does not match', async () => {
    const wrong: ManifestEntry = {
      ...truth,
      spans: 6,
      roots: 2,
      errors: 0,
      llmSpans: 3,
      inputTokensNoRollup: 999,
      sessionId: null,
      traceDurationMs: 2399,
      longestSpan: { name: 'chat gpt-4o', durationMs: 2400 },
      firstErrorSpan: null,
    }
    const r = await checkFile(lib.handlers, dir, wrong, 2)
    expect(r.ok).toBe(false)
    expect(r.problems.map((p) => p.split(':')[0])).toEqual([
      'spans',
      'roots',
      'errors',
      'llmSpans',
      'inputTokensNoRollup',
      'sessionId',
      'traceDurationMs',
      'longestSpan',
      'firstErrorSpan',
    ])
  })

  it('reports a file that does not import', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"hello":')
    const r = await checkFile(lib.handlers, dir, { file: 'broken.json', spans: 1 }, 3)
    expect(r.ok).toBe(false)
    expect(r.problems[0]).toMatch(/Cannot import broken\.json/)
  })
})
