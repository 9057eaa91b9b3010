import { describe, expect, it } from 'vitest'
import { openDatabase } from './connection'
import { deleteTraceRows, readSpan, searchSpanIndices } from './trace-queries'
import { importFile } from '../import/pipeline'
import { loadPriceTable } from '../pricing/price-table'
import { span, tempFile, tracedeckExportText } from '../import/test-fixtures'
import type { RawTrace } from '../../../shared/model'

const prices = loadPriceTable()

/** A trace of bare spans (nothing but a name), one with only attributes, and one LLM call. */
function mixedTrace(id: string): RawTrace {
  return {
    sourceTraceId: id,
    spans: [
      span('root', null, 'Résumé render', 0, 1000),
      span('b1', 'root', 'layout_pass frame', 10, 100),
      span('b2', 'root', 'paint tiles', 120, 100, { attributes: { tiles: 12 } }),
      span('l1', 'root', 'chat gpt-4o', 300, 300, {
        kind: 'llm',
        model: 'gpt-4o',
        input: { value: 'render the layout for me' },
        output: { value: 'done painting' },
      }),
      span('b3', 'root', 'Layout pass', 700, 100, { error: { message: 'layout overflow' } }),
    ],
  }
}

async function library(...traces: RawTrace[]) {
  const db = openDatabase(':memory:')
  const path = tempFile('mixed.json', tracedeckExportText(traces))
  const report = await importFile(db, { path, prices })
  expect(report.error).toBeUndefined()
  return { db, ids: report.traces.map((t) => t.id) }
}

const count = (db: ReturnType<typeof openDatabase>, sql: string, ...args: unknown[]) =>
  db.prepare(sql).pluck().get(...args) as number

describe('the write path keeps only rows that hold something', () => {
  it('writes no payload row for a bare span and no full-text row without input or output', async () => {
    const { db, ids } = await library(mixedTrace('t'))
    expect(count(db, 'SELECT count(*) FROM spans')).toBe(5)
    // Payload rows: the span with attributes, the LLM call, the span with an error.
    expect(count(db, 'SELECT count(*) FROM span_payloads')).toBe(3)
    // Full-text rows: only the LLM call.
    expect(count(db, "SELECT count(*) FROM span_fts WHERE span_fts MATCH 'chat'")).toBe(1)
    expect(count(db, "SELECT count(*) FROM span_fts WHERE span_fts MATCH 'paint*'")).toBe(1)

    // A bare span still reads back whole, with empty attributes and events.
    const bare = readSpan(db, ids[0], 1)!
    expect(bare).toMatchObject({ name: 'layout_pass frame', attributes: {}, events: [] })
    expect(bare.input).toBeUndefined()
    expect(readSpan(db, ids[0], 2)!.attributes).toEqual({ tiles: 12 })
    expect(readSpan(db, ids[0], 4)!.error).toEqual({ message: 'layout overflow' })
  })

  it('search still finds spans by name, with the full-text tokenizer, whatever rows they have', async () => {
    const { db, ids } = await library(mixedTrace('t'), mixedTrace('u'))
    const search = (text: string, extra: { kind?: 'llm'; status?: 'error' } = {}) =>
      searchSpanIndices(db, { traceId: ids[0], text, ...extra })
    // Name words, by prefix, case- and accent-folded as the index folds them.
    expect(search('paint')).toEqual([2, 3]) // "paint tiles" by name, the LLM call by its output
    expect(search('resume')).toEqual([0])
    expect(search('lay')).toEqual([1, 3, 4])
    // "layout_pass" is one query word: its parts must follow each other, as in the index.
    expect(search('layout_pass')).toEqual([1, 4])
    // Every word must match; the LLM call matches across name and input.
    expect(search('chat render')).toEqual([3])
    expect(search('paint tiles')).toEqual([2])
    expect(search('lay', { kind: 'llm' })).toEqual([3])
    expect(search('pass', { status: 'error' })).toEqual([4])
    expect(search('nothing-like-this')).toEqual([])
    // The second trace's spans never leak into the first's results, in either index.
    expect(searchSpanIndices(db, { traceId: ids[1], text: 'tiles' })).toEqual([2])
    expect(search('tiles')).toEqual([2])
  })

  it('deleting a trace removes its rows and its names from search', async () => {
    const { db, ids } = await library(mixedTrace('t'), mixedTrace('u'))
    db.transaction(() => deleteTraceRows(db, [ids[0]]))()
    expect(searchSpanIndices(db, { traceId: ids[0], text: 'paint' })).toEqual([])
    expect(searchSpanIndices(db, { traceId: ids[1], text: 'paint' })).toEqual([2, 3])
    expect(count(db, 'SELECT count(*) FROM span_payloads')).toBe(3)
    expect(count(db, "SELECT count(*) FROM span_fts WHERE span_fts MATCH 'chat'")).toBe(1)
  })
})
