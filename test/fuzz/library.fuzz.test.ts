/**
 * The audit's fuzzing kept in the suite (issue 15): mutants of every generated fixture — a node
 * replaced, deleted, re-typed or set to a hostile number (1e308, 2^64, -1, an ISO year 0042), the
 * text cut or overwritten, the file re-encoded as UTF-16 — imported through the library. A failure
 * is one line naming the file and leaves the library unchanged; a success keeps the model's
 * invariants (parents exist or are flagged orphans, durations ≥ 0, totals finite); afterwards
 * every list and aggregate verb still answers. `npm run fuzz` runs ≥ 10,000 mutants; `npm test`
 * a sample (FUZZ_LIBRARY_RUNS per fixture).
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { CASES } from '../golden/cases'
import { openLibrary, writeTemp } from '../golden/harness'
import { parseDocument } from '../../src/main/core/import/parse/parse-document'
import { mutate, mutateText, mutationArb, paths, textMutationArb } from './mutate'

const RUNS = Number(process.env.FUZZ_LIBRARY_RUNS ?? 12)
const lib = openLibrary()
const tally = { tried: 0, passed: 0, imported: 0, refused: 0 }
afterAll(() => {
  lib.close()
  console.log(
    `library fuzz: ${tally.tried} mutants tried, ${tally.passed} passed (${tally.imported} imported, ${tally.refused} refused with a one-line message)`,
  )
})

/** Numbers an exporter should never write, and do. */
const hostile = fc.constantFrom<unknown>(
  1e308,
  -1e308,
  18446744073709551616,
  -1,
  0,
  1.7976931348623157e308,
  Number.MAX_SAFE_INTEGER * 1000,
  '0042-03-04T05:06:07Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '\u202eevil\u202c',
)

type Mutant =
  | { kind: 'tree'; steps: [number, { op: 'replace'; value: unknown } | Parameters<typeof mutate>[2]][] }
  | { kind: 'text'; t: Parameters<typeof mutateText>[1] }
  | { kind: 'utf16' }

const mutantArb: fc.Arbitrary<Mutant> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('tree' as const),
      steps: fc.array(
        fc.tuple(
          fc.nat(),
          fc.oneof(mutationArb, hostile.map((value) => ({ op: 'replace' as const, value }))),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), t: textMutationArb }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'utf16' as const }) },
)

async function snapshot(): Promise<string> {
  const traces = await lib.handlers.listTraces({})
  return JSON.stringify(traces.map((t) => [t.id, t.spanCount]).sort())
}

/** Every list and aggregate verb answers, with finite, in-range numbers. */
async function viewsAnswer(): Promise<void> {
  for (const t of await lib.handlers.listTraces({})) {
    expect(Number.isFinite(t.start + t.duration + t.cost + t.inputTokens + t.outputTokens)).toBe(true)
  }
  for (const s of await lib.handlers.listSessions({})) {
    expect(s.startTime).toMatch(/^\d{4}-/)
    await lib.handlers.getSession({ id: s.id })
  }
}

describe.each(CASES)('$name mutants through the library', (c) => {
  const text = c.text()
  const values = parseDocument(text).values
  const value = values.length === 1 ? values[0] : values
  const render = (v: unknown) =>
    values.length > 1 && Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join('\n') : JSON.stringify(v)

  it('import with the invariants kept, or fail in one line leaving the library as it was', async () => {
    await fc.assert(
      fc.asyncProperty(mutantArb, async (m) => {
        let body: string | Buffer
        if (m.kind === 'text') body = mutateText(text, m.t)
        else if (m.kind === 'utf16') body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
        else {
          let v = value
          for (const [n, mut] of m.steps) {
            const at = paths(v)
            v = mutate(v, at[n % at.length], mut)
          }
          body = render(v) ?? ''
        }
        tally.tried++
        const before = await snapshot()
        const [report] = await lib.handlers.importFiles({
          paths: [writeTemp(body as string, 'mutant.json')],
          jobId: `fuzz-${tally.tried}`,
        })
        if (report.error) {
          tally.refused++
          expect(report.error).toMatch(/^Cannot import mutant\.json: \S/)
          expect(report.error).not.toMatch(/[\r\n]/)
          expect(report.error).not.toMatch(/TypeError|is not a function|Maximum call stack|Invalid time/)
          expect(await snapshot()).toBe(before)
        } else {
          tally.imported++
          for (const t of report.traces) {
            const { trace } = await lib.handlers.getTrace({ id: t.id })
            expect(trace.duration).toBeGreaterThanOrEqual(0)
            expect(Number.isFinite(trace.cost + trace.inputTokens + trace.outputTokens)).toBe(true)
            const table = await lib.handlers.getSpanTable({ id: t.id })
            expect(table).toBeTruthy()
            for (let i = 0; i < Math.min(trace.spanCount, 50); i++) {
              const s = await lib.handlers.getSpan({ traceId: t.id, index: i })
              expect(s.duration).toBeGreaterThanOrEqual(0)
              expect(s.parentIndex < i).toBe(true)
              if (s.parentIndex < 0 && s.parentId !== null) expect(s.flags ?? []).toContain('orphan')
            }
          }
        }
        await viewsAnswer()
        tally.passed++
      }),
      { numRuns: RUNS },
    )
  }, 600_000)
})
