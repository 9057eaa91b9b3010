import { writeFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../store/connection'
import { loadPriceTable } from '../pricing/price-table'
import { importFile } from './pipeline'
import { agentTrace, tempFile, tracedeckExportText } from './test-fixtures'

const prices = loadPriceTable()

function snapshot(db: ReturnType<typeof openDatabase>) {
  return ['files', 'traces', 'spans', 'span_payloads'].map((t) =>
    db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(),
  )
}

describe('import pipeline under mutated input (property)', () => {
  const valid = tracedeckExportText([agentTrace('a'), agentTrace('b')])

  it('every mutant either imports or fails with a clear message, and a failure changes nothing', async () => {
    const db = openDatabase(':memory:')
    const path = tempFile('mutant.json', '')
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ kind: fc.constant('cut' as const), at: fc.nat(valid.length) }),
          fc.record({
            kind: fc.constant('flip' as const),
            at: fc.nat(valid.length - 1),
            ch: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', 'x', '9', ' '),
          }),
          fc.record({
            kind: fc.constant('drop' as const),
            at: fc.nat(valid.length - 1),
            len: fc.integer({ min: 1, max: 400 }),
          }),
        ),
        fc.boolean(),
        async (m, streamed) => {
          const text =
            m.kind === 'cut'
              ? valid.slice(0, m.at)
              : m.kind === 'flip'
                ? valid.slice(0, m.at) + m.ch + valid.slice(m.at + 1)
                : valid.slice(0, m.at) + valid.slice(m.at + m.len)
          writeFileSync(path, text)
          const before = snapshot(db)
          const report = await importFile(db, {
            path,
            prices,
            streamThreshold: streamed ? 0 : undefined,
            chunkSize: streamed ? 37 : undefined,
          })
          if (report.error) {
            expect(report.error).toMatch(/^Cannot import mutant\.json: \S/)
            expect(snapshot(db)).toEqual(before)
          } else {
            expect(report.traces.length).toBeGreaterThan(0)
          }
        },
      ),
      { numRuns: 150 },
    )
    db.close()
  })
})
