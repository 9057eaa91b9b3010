/**
 * Show first, commit second: a file holding one trace can be opened as soon as it is parsed,
 * before the library commit finishes; a failed or cancelled commit leaves the library as it was
 * and the trace still opens, with its spans saying why they are not there.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiEvents, TraceDetail } from '../../../shared/api'
import { decodeSpanTable } from '../../../shared/span-table-binary'
import { createLibrary, type Library } from '../library-service'
import { openDatabase } from '../store/connection'
import { readSpanTableBytes } from '../store/span-table'
import { loadPriceTable } from '../pricing/price-table'
import { ImportRunner, type PreviewedTrace } from './import-runner'
import { agentTrace, tempFile, tracedeckExportText } from './test-fixtures'
import { bundleImportWorker } from './worker-bundle'

let workerPath: string
beforeAll(async () => {
  workerPath = await bundleImportWorker()
})

type Seen = { traceCount: number; detail: Promise<TraceDetail>; columns: Promise<Uint8Array> }

/**
 * A library whose `onPreview` hook runs at the preview event, with what readers get at that
 * moment: the library's trace count, and the pending answers of getTrace and getSpanColumns.
 */
function open(onPreview?: (lib: Library, event: ApiEvents['importProgress']) => void) {
  const events: ApiEvents['importProgress'][] = []
  const seen: Seen[] = []
  const lib: Library = createLibrary({
    dbPath: ':memory:',
    useWorker: false,
    emit: (name, payload) => {
      if (name !== 'importProgress') return
      const e = payload as ApiEvents['importProgress']
      events.push(e)
      if (!e.preview) return
      const id = e.preview.traceId
      seen.push({
        traceCount: lib.db.prepare('SELECT count(*) FROM traces').pluck().get() as number,
        detail: lib.handlers.getTrace({ id }),
        columns: lib.handlers.getSpanColumns({ id }),
      })
      onPreview?.(lib, e)
    },
  })
  return { lib, events, seen }
}

const rowCounts = (lib: Library) =>
  ['files', 'traces', 'spans', 'span_payloads', 'trace_span_tables'].map(
    (t) => lib.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number,
  )

describe('show first, commit second', () => {
  it('announces a single-trace file before it is committed and serves its trace and span table from then on', async () => {
    const { lib, events, seen } = open()
    const path = tempFile('run.json', tracedeckExportText([agentTrace()]))
    const [report] = await lib.handlers.importFiles({ paths: [path], jobId: 'j' })
    expect(report.error).toBeUndefined()
    const id = report.traces[0].id

    expect(seen).toHaveLength(1)
    // Nothing was in the library yet when the trace could already be opened.
    expect(seen[0].traceCount).toBe(0)
    const detail = await seen[0].detail
    expect(detail.trace).toMatchObject({ id, name: 'agent run', spanCount: 4, retryCount: 1 })
    // The preview's columns are the ones the library then stores.
    const early = decodeSpanTable(await seen[0].columns)
    const stored = decodeSpanTable(await lib.handlers.getSpanColumns({ id }))
    expect(early.names).toEqual(['agent run', 'chat gpt-4o', 'get_weather'])
    expect(Array.from(early.start)).toEqual(Array.from(stored.start))
    expect(Array.from(early.parentIndex)).toEqual(Array.from(stored.parentIndex))
    expect(early.names).toEqual(stored.names)
    expect((await lib.handlers.getTrace({ id })).trace).toEqual(detail.trace)

    // The preview event comes between reading and the file's end, in the committing phase.
    const at = events.findIndex((e) => e.preview)
    expect(events[at]).toMatchObject({ phase: 'committing', preview: { traceId: id } })
    expect(events.slice(0, at).some((e) => e.phase === 'reading')).toBe(true)
    expect(events.at(-1)).toMatchObject({ phase: 'done' })
    lib.close()
  })

  it('previews nothing for two files (a comparison) or a file of several traces', async () => {
    const { lib, events } = open()
    const one = tempFile('a.json', tracedeckExportText([agentTrace('a')]))
    const other = tempFile('b.json', tracedeckExportText([agentTrace('b')]))
    const both = tempFile('c.json', tracedeckExportText([agentTrace('c'), agentTrace('d')]))
    await lib.handlers.importFiles({ paths: [one, other], jobId: 'pair' })
    await lib.handlers.importFiles({ paths: [both], jobId: 'many' })
    expect(events.some((e) => e.preview)).toBe(false)
    lib.close()
  })

  it('a failed commit leaves the library as it was, says so, and the trace still opens', async () => {
    const { lib, seen } = open()
    lib.db.exec(
      "CREATE TRIGGER no_room BEFORE INSERT ON spans BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    )
    const path = tempFile('run.json', tracedeckExportText([agentTrace()]))
    const [report] = await lib.handlers.importFiles({ paths: [path], jobId: 'j' })
    expect(report.error).toMatch(/^Cannot import run\.json: database or disk is full/)
    expect(rowCounts(lib)).toEqual([0, 0, 0, 0, 0])
    const id = (await seen[0].detail).trace.id
    // The view keeps its trace and timeline; its steps' details explain why they are missing.
    expect((await lib.handlers.getTrace({ id })).trace.spanCount).toBe(4)
    expect(decodeSpanTable(await lib.handlers.getSpanColumns({ id })).count).toBe(4)
    await expect(lib.handlers.getSpan({ traceId: id, index: 1 })).rejects.toThrow(
      /not saved to the library \(Cannot import run\.json: database or disk is full/,
    )
    await expect(lib.handlers.searchSpans({ traceId: id, text: 'weather' })).rejects.toThrow(
      /not saved/,
    )
    // The next import forgets it.
    lib.db.exec('DROP TRIGGER no_room')
    await lib.handlers.importFiles({
      paths: [tempFile('x.json', tracedeckExportText([agentTrace('x')]))],
      jobId: 'k',
    })
    await expect(lib.handlers.getTrace({ id })).rejects.toThrow(/No trace/)
    lib.close()
  })

  it('cancelling during the commit leaves the library unchanged', async () => {
    const { lib, events } = open((l, e) => void l.handlers.cancelImport({ jobId: e.jobId }))
    const path = tempFile('run.json', tracedeckExportText([agentTrace()]))
    const [report] = await lib.handlers.importFiles({ paths: [path], jobId: 'j' })
    expect(report.error).toBe('Import cancelled')
    expect(events.at(-1)).toMatchObject({ phase: 'cancelled' })
    expect(rowCounts(lib)).toEqual([0, 0, 0, 0, 0])
    lib.close()
  })

  it('the import worker hands the preview over too, before the library has the trace', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'tracedeck-lib-')), 'library.db')
    const db = openDatabase(dbPath)
    const at: { traces: number; preview?: PreviewedTrace }[] = []
    const runner: ImportRunner = new ImportRunner(db, {
      dbPath,
      useWorker: true,
      workerPath,
      prices: loadPriceTable(),
      emit: (name, payload) => {
        const e = payload as ApiEvents['importProgress']
        if (name !== 'importProgress' || !e.preview) return
        const traces = db.prepare('SELECT count(*) FROM traces').pluck().get() as number
        at.push({ traces, preview: runner.preview(e.preview.traceId) })
      },
    })
    const path = tempFile('run.json', tracedeckExportText([agentTrace()]))
    const [report] = await runner.run('j', [path])
    expect(report.error).toBeUndefined()
    expect(at).toHaveLength(1)
    expect(at[0].traces).toBe(0)
    const preview = at[0].preview!
    expect(preview.detail.trace.id).toBe(report.traces[0].id)
    expect(decodeSpanTable(preview.columns).names).toEqual([
      'agent run',
      'chat gpt-4o',
      'get_weather',
    ])
    expect(await preview.saved).toBeUndefined()
    // The library stores the very table the preview showed, whole.
    const stored = readSpanTableBytes(db, report.traces[0].id)!
    expect(Buffer.compare(stored, Buffer.from(preview.columns))).toBe(0)
    expect(decodeSpanTable(stored).count).toBe(4)
    // Saved: readers go to the library from now on.
    expect(runner.preview(report.traces[0].id)).toBeUndefined()
    db.close()
  })
})
