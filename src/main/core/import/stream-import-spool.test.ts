import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PayloadRow } from '../store/trace-writer'
import { PayloadSpool, spoolPath } from './stream-import-spool'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-spool-'))

function row(i: number, text: string): PayloadRow {
  return {
    input: i % 3 === 0 ? null : `{"value":${JSON.stringify(text)}}`,
    output: i % 2 ? text : null,
    error: i % 5 === 0 ? '{"message":"boom"}' : null,
    attributes: `{"i":${i}}`,
    events: '[]',
    inputHash: i % 3 === 0 ? null : 'a'.repeat(40),
    outputHash: null,
    ftsInput: text,
    ftsOutput: '',
  }
}

/** Writes rows to a spool with the given buffer size and reads them back. */
function roundTrip(rows: PayloadRow[], bufferBytes?: number) {
  const spool = new PayloadSpool(spoolPath(join(dir, 'library.db')), bufferBytes)
  try {
    for (const r of rows) spool.put(r)
    spool.finish()
    const back: PayloadRow[] = []
    const seqs: number[] = []
    const progress: number[] = []
    spool.replay(
      (r, seq) => {
        back.push(r)
        seqs.push(seq)
      },
      (done) => progress.push(done),
    )
    return { back, seqs, progress, bytes: spool.bytes, path: spool.path }
  } finally {
    spool.dispose()
  }
}

describe('payload spool', () => {
  it('gives back every row in order, whatever the buffer size, and deletes its file', () => {
    const rows = Array.from({ length: 200 }, (_, i) =>
      row(i, `text ${i} é 😀 ${'x'.repeat(i * 7)}`),
    )
    for (const size of [16, 100, 4096, undefined]) {
      const r = roundTrip(rows, size)
      expect(r.back).toEqual(rows)
      expect(r.seqs).toEqual(rows.map((_, i) => i))
      expect(r.progress.at(-1)).toBe(r.bytes)
      expect(existsSync(r.path)).toBe(false)
    }
  })

  it('holds rows bigger than its buffer', () => {
    const big = 'ü'.repeat(50_000)
    const rows = [row(1, 'small'), row(2, big), row(4, 'after')]
    expect(roundTrip(rows, 64).back).toEqual(rows)
  })

  it('keeps any Unicode text exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }), (texts) => {
        const rows = texts.map((t, i) => row(i, t))
        expect(roundTrip(rows, 32).back).toEqual(rows)
      }),
      { numRuns: 50 },
    )
  })

  it('goes beside the library, or to the temp folder for an in-memory one', () => {
    expect(spoolPath('/data/library.db')).toMatch(
      /^\/data\/library\.db-import-\d+-\d+-[0-9a-f]+\.tmp$/,
    )
    expect(spoolPath('/data/library.db')).not.toBe(spoolPath('/data/library.db'))
    expect(spoolPath(':memory:').startsWith(tmpdir())).toBe(true)
  })
})
