/**
 * Audit finding 1 and 8: one trace with out-of-range times, durations, token counts or costs must
 * import repaired (with a warning) and never take a list or aggregate view down; a row that is
 * still out of range (written by an older version) lists too.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { importText, openLibrary } from '../golden/harness'
import type { Library } from '../../src/main/core/library-service'

let lib: Library
afterEach(() => lib?.close())

function jaeger(opts: { duration?: number | string; start?: number | string; tokens?: number }) {
  const span = (id: string, parent: string | null, extra: Record<string, unknown> = {}) => ({
    traceID: 'abc123',
    spanID: id,
    operationName: `op-${id}`,
    references: parent ? [{ refType: 'CHILD_OF', traceID: 'abc123', spanID: parent }] : [],
    startTime: 1_700_000_000_000_000,
    duration: 1000,
    tags: [{ key: 'session.id', type: 'string', value: 'sess-1' }],
    processID: 'p1',
    ...extra,
  })
  const tags = opts.tokens !== undefined
    ? [
        { key: 'gen_ai.usage.input_tokens', type: 'float64', value: opts.tokens },
        { key: 'gen_ai.request.model', type: 'string', value: 'gpt-4o' },
        { key: 'session.id', type: 'string', value: 'sess-1' },
      ]
    : undefined
  const bad: Record<string, unknown> = {}
  if (opts.duration !== undefined) bad.duration = opts.duration
  if (opts.start !== undefined) bad.startTime = opts.start
  if (tags) bad.tags = tags
  // Raw text so the number is exactly as an exporter wrote it (beyond 2^64 included).
  const doc = {
    data: [
      {
        traceID: 'abc123',
        spans: [span('a1', null), span('b2', 'a1', bad)],
        processes: { p1: { serviceName: 'svc', tags: [] } },
      },
    ],
  }
  let text = JSON.stringify(doc)
  for (const [k, v] of Object.entries(bad))
    if (typeof v === 'string') text = text.replace(`"${k}":"${v}"`, `"${k}":${v}`)
  return text
}

async function everyViewAnswers(l: Library): Promise<void> {
  const traces = await l.handlers.listTraces({})
  expect(traces.length).toBeGreaterThan(0)
  for (const t of traces) {
    expect(Number.isFinite(t.start)).toBe(true)
    expect(Number.isFinite(t.duration)).toBe(true)
    expect(t.duration).toBeGreaterThanOrEqual(0)
    expect(Number.isFinite(t.cost)).toBe(true)
    expect(Number.isFinite(t.inputTokens)).toBe(true)
    await l.handlers.getTrace({ id: t.id })
    await l.handlers.getSpanTable({ id: t.id })
  }
  const sessions = await l.handlers.listSessions({})
  for (const s of sessions) {
    expect(s.startTime).toMatch(/^\d{4}-/)
    expect(Number.isFinite(s.durationMs)).toBe(true)
    await l.handlers.getSession({ id: s.id })
  }
  await l.handlers.listTraces({ since: '2020-01-01', minCost: 0 })
}

describe('out-of-range numbers at import', () => {
  it('a Jaeger duration of 2^64 µs is repaired with a warning, and sessions still list', async () => {
    lib = openLibrary()
    await importText(lib, jaeger({}), 'good.json')
    const { report } = await importText(lib, jaeger({ duration: '18446744073709551616' }), 'bad.json')
    expect(report.error).toBeUndefined()
    expect(report.repairs.map((r) => r.kind)).toContain("out-of-range")
    await everyViewAnswers(lib)
    expect((await lib.handlers.listSessions({})).length).toBe(1)
  })

  it('a start of 1e308 is refused or repaired, never stored', async () => {
    lib = openLibrary()
    await importText(lib, jaeger({}), 'good.json')
    const { report } = await importText(lib, jaeger({ start: '1e308' }), 'bad.json')
    if (!report.error) expect(JSON.stringify(report)).toMatch(/time|range/i)
    else expect(report.error).toMatch(/^Cannot import bad\.json: /)
    await everyViewAnswers(lib)
  })

  it('a token count of 1.7e308 gives no infinite cost', async () => {
    lib = openLibrary()
    const { report } = await importText(lib, jaeger({ tokens: 1.7e308 }), 'bad.json')
    expect(report.error).toBeUndefined()
    expect(JSON.stringify(report)).toMatch(/token/i)
    await everyViewAnswers(lib)
    const [t] = await lib.handlers.listTraces({})
    expect(t.cost).toBeLessThan(1e9)
  })

  it('rows still out of range in an older library list anyway', async () => {
    lib = openLibrary()
    await importText(lib, jaeger({}), 'good.json')
    lib.db.prepare('UPDATE traces SET duration = 1.8e19, start = 1e308, cost = 1e400, input_tokens = 1e400').run()
    await everyViewAnswers(lib)
    expect((await lib.handlers.listSessions({})).length).toBe(1)
  })
})
