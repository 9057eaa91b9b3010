import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SpanTable } from '../../../shared/api'
import type { RawTrace } from '../../../shared/model'
import { createLibrary, type Library } from '../library-service'
import { agentTrace, span, tempFile, tracedeckExportText } from '../import/test-fixtures'
import { openDatabase } from './connection'
import { decodeSpanTable, spanTableFromBinary } from '../../../shared/span-table-binary'
import { SPAN_TABLE_ENCODING, computeSpanTable, readSpanTableBytes } from './span-table'

let libs: Library[] = []
afterEach(() => {
  for (const lib of libs) lib.close()
  libs = []
})

function open(dbPath = ':memory:'): Library {
  const lib = createLibrary({ dbPath, useWorker: false })
  libs.push(lib)
  return lib
}

/** A trace with every column varied: kinds, statuses, several names and models, tokens, cost. */
function variedTrace(id: string): RawTrace {
  return {
    sourceTraceId: id,
    spans: [
      ...agentTrace(id).spans,
      span('r', 'a', 'retrieve docs', 620, 40, { kind: 'retriever' }),
      span('l3', 'a', 'chat claude', 700, 200, {
        kind: 'llm',
        model: 'claude-3-5-sonnet-20241022',
        inputTokens: 12,
        outputTokens: 3,
        cost: 0.1 + 0.2, // not exact in decimal: the stored float64 keeps every bit
      }),
      span('x', 'l3', 'chat gpt-4o', 950, 10, { kind: 'llm', model: 'gpt-4o', failed: true }),
    ],
  }
}

async function importTraces(lib: Library, raws: RawTrace[]): Promise<string[]> {
  const path = tempFile('traces.json', tracedeckExportText(raws))
  const [report] = await lib.handlers.importFiles({ paths: [path], jobId: 'j' })
  expect(report.error).toBeUndefined()
  return report.traces.map((t) => t.id)
}

const storedRows = (lib: Library) =>
  lib.db.prepare('SELECT trace_id, encoding FROM trace_span_tables ORDER BY trace_id').all()

describe('stored span tables', () => {
  it('are written at import and equal the table built from the stored spans', async () => {
    const lib = open()
    const ids = await importTraces(lib, [variedTrace('t1'), agentTrace('t2')])
    expect(storedRows(lib)).toEqual(
      [...ids].sort().map((trace_id) => ({ trace_id, encoding: SPAN_TABLE_ENCODING })),
    )
    for (const id of ids) {
      const stored: SpanTable = spanTableFromBinary(readSpanTableBytes(lib.db, id)!)
      const built = computeSpanTable(lib.db, id)!
      const { cost, ...rest } = stored
      const { cost: builtCost, ...builtRest } = built
      expect(rest).toEqual(builtRest)
      // SQLite's JSON prints reals with 15 digits; the stored table keeps the exact value.
      cost.forEach((c, i) =>
        c === null ? expect(builtCost[i]).toBeNull() : expect(builtCost[i]).toBeCloseTo(c, 12),
      )
    }
    const varied = spanTableFromBinary(readSpanTableBytes(lib.db, ids[0])!)
    expect(varied.count).toBe(7)
    expect(varied.models).toEqual(['gpt-4o', 'claude-3-5-sonnet-20241022'])
    expect(varied.cost).toContain(0.1 + 0.2)
  })

  it('are served as stored bytes by getSpanColumns and decoded by getSpanTable', async () => {
    const lib = open()
    const [id] = await importTraces(lib, [variedTrace('t1')])
    const bytes = await lib.handlers.getSpanColumns({ id })
    expect(Buffer.from(bytes).equals(readSpanTableBytes(lib.db, id)!)).toBe(true)
    const table = await lib.handlers.getSpanTable({ id })
    expect(table.count).toBe(7)
    expect(table.names[table.name[4]]).toBe('retrieve docs')
    expect(spanTableFromBinary(bytes)).toEqual(table)
    const columns = decodeSpanTable(bytes)
    expect(columns.start).toBeInstanceOf(Float64Array)
    expect(Array.from(columns.depth)).toEqual(table.depth)
    await expect(lib.handlers.getSpanColumns({ id: 'nope' })).rejects.toMatchObject({
      code: 'not-found',
    })
  })

  it('are built and stored on first read for traces imported before tables were stored', async () => {
    const lib = open()
    const [id] = await importTraces(lib, [variedTrace('t1')])
    const expected = await lib.handlers.getSpanTable({ id })
    lib.db.prepare('DELETE FROM trace_span_tables').run()
    expect(JSON.parse(JSON.stringify(await lib.handlers.getSpanTable({ id })))).toEqual(
      JSON.parse(JSON.stringify(expected)),
    )
    expect(storedRows(lib)).toEqual([{ trace_id: id, encoding: SPAN_TABLE_ENCODING }])
  })

  it('of an older encoding are rebuilt rather than served', async () => {
    const lib = open()
    const [id] = await importTraces(lib, [agentTrace('t1')])
    lib.db
      .prepare('UPDATE trace_span_tables SET encoding = ?, json = ?')
      .run(SPAN_TABLE_ENCODING - 1, '{"old":true}')
    const table = await lib.handlers.getSpanTable({ id })
    expect(table.count).toBe(4)
    expect(storedRows(lib)).toEqual([{ trace_id: id, encoding: SPAN_TABLE_ENCODING }])
  })

  it('go with their trace when it is deleted', async () => {
    const lib = open()
    const [a, b] = await importTraces(lib, [agentTrace('t1'), agentTrace('t2')])
    expect(await lib.handlers.deleteTraces({ ids: [a] })).toBe(1)
    expect(storedRows(lib)).toEqual([{ trace_id: b, encoding: SPAN_TABLE_ENCODING }])
    await expect(lib.handlers.getSpanTable({ id: a })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('are still served, without waiting, while another connection holds the write lock', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'tracedeck-span-table-')), 'library.db')
    const lib = open(dbPath)
    const [id] = await importTraces(lib, [variedTrace('t1')])
    lib.db.prepare('DELETE FROM trace_span_tables').run()
    const importer = openDatabase(dbPath)
    try {
      importer.prepare('BEGIN IMMEDIATE').run()
      const began = performance.now()
      const table = await lib.handlers.getSpanTable({ id })
      // The busy timeout is 10 s: answering at all before it means the backfill did not wait.
      expect(performance.now() - began).toBeLessThan(5000)
      expect(table.count).toBe(7)
      expect(storedRows(lib)).toEqual([])
      expect(lib.db.pragma('busy_timeout', { simple: true })).toBe(10000)
      importer.prepare('ROLLBACK').run()
      await lib.handlers.getSpanTable({ id })
      expect(storedRows(lib)).toEqual([{ trace_id: id, encoding: SPAN_TABLE_ENCODING }])
    } finally {
      importer.close()
    }
  })
})
