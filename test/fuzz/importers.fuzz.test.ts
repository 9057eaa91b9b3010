/**
 * Property-based robustness of every importer owned here: mutants of valid generated inputs
 * (any node replaced, deleted, nulled, re-typed or wrapped; files cut short or overwritten)
 * either import or fail with a clear ImportError — nothing else is thrown past an importer —
 * and a failed import leaves the library exactly as it was.
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportError } from '../../src/main/core/import/importer'
import { IMPORTERS } from '../../src/main/core/import/registry'
import { normaliseTraces } from '../../src/main/core/import/normalise/normalise'
import { loadPriceTable } from '../../src/main/core/pricing/price-table'
import { parseDocument } from '../../src/main/core/import/parse/parse-document'
import { CASES } from '../golden/cases'
import { importText, openLibrary } from '../golden/harness'
import { mutate, mutateText, mutationArb, paths, textMutationArb } from './mutate'

const prices = loadPriceTable()
const lib = openLibrary()
afterAll(() => lib.close())

/** Runs detection and conversion like the pipeline does, then the normaliser on the result. */
function importValue(format: string, value: unknown): void {
  const importer = IMPORTERS.find((i) => i.format === format)!
  const ctx = { file: 'mutant.json', warn: () => undefined }
  try {
    const matched = IMPORTERS.find((i) => i.detect(value) !== null)
    const raws = (matched ?? importer).convert(value, ctx)
    expect(Array.isArray(raws)).toBe(true)
    normaliseTraces(raws, { format, file: 'mutant.json', fileHash: 'f', prices })
  } catch (err) {
    if (!(err instanceof ImportError))
      throw new Error(`${format} threw ${(err as Error)?.name}: ${(err as Error)?.message}`)
  }
}

/** A mutated list of top-level values written back as JSON Lines. */
function lines(mutant: unknown): string {
  return Array.isArray(mutant)
    ? mutant.map((v) => JSON.stringify(v)).join('\n')
    : JSON.stringify(mutant)
}

/** The library's content, to prove a failed import changed nothing. */
async function snapshot(): Promise<string> {
  const traces = await lib.handlers.listTraces({})
  return JSON.stringify(traces.map((t) => [t.id, t.spanCount, t.name]).sort())
}

describe.each(CASES)('$name mutants', (c) => {
  const text = c.text()
  const values = parseDocument(text).values
  const value = values.length === 1 ? values[0] : values
  const all = paths(value)

  it('import or fail with an ImportError (importer + normaliser)', () => {
    fc.assert(
      // One to three mutations in a row, each at any node of the current value.
      fc.property(
        fc.array(fc.tuple(fc.nat(), mutationArb), { minLength: 1, maxLength: 3 }),
        (steps) => {
          let mutant = value
          for (const [n, m] of steps) {
            const at = paths(mutant)
            mutant = mutate(mutant, at[n % at.length], m)
          }
          // Several top-level values (JSON Lines, console output) are converted one by one.
          const list = values.length > 1 && Array.isArray(mutant) ? mutant : [mutant]
          for (const v of list) importValue(c.format, v)
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    )
  })

  it('never damage the library when the pipeline rejects them', async () => {
    await importText(lib, c.text(), 'baseline') // something already in the library
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            kind: fc.constant('tree' as const),
            i: fc.nat({ max: all.length - 1 }),
            m: mutationArb,
          }),
          fc.record({ kind: fc.constant('text' as const), t: textMutationArb }),
        ),
        async (mut) => {
          const mutantText =
            mut.kind === 'text'
              ? mutateText(text, mut.t)
              : values.length === 1
                ? JSON.stringify(mutate(value, all[mut.i], mut.m))
                : lines(mutate(value, all[mut.i], mut.m))
          const before = await snapshot()
          const { report } = await importText(lib, mutantText ?? '', 'mutant')
          if (report.error) {
            expect(report.error).toMatch(/^(Cannot import mutant: |Import cancelled)/)
            expect(report.error).not.toMatch(
              /TypeError|undefined is not|Cannot read prop|is not a function|Maximum call stack/,
            )
            expect(await snapshot()).toBe(before)
          }
        },
      ),
      { numRuns: 25 },
    )
  })
})

describe('arbitrary JSON', () => {
  it('never makes a detector throw, and a matched importer converts or throws an ImportError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        for (const importer of IMPORTERS) {
          if (importer.detect(v) === null) continue
          importValue(importer.format, v)
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    )
  })
})
