import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiEvents } from '../../../shared/api'
import { openDatabase } from '../store/connection'
import { loadPriceTable } from '../pricing/price-table'
import { ImportRunner } from './import-runner'
import { agentTrace, tempFile, tracedeckExportText } from './test-fixtures'
import { bundleImportWorker } from './worker-bundle'

let workerPath: string
beforeAll(async () => {
  workerPath = await bundleImportWorker()
})

function bigExport(traces: number): string {
  return tracedeckExportText(Array.from({ length: traces }, (_, i) => agentTrace(`t${i}`)))
}

function setup(chunkSize?: number) {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'tracedeck-lib-')), 'library.db')
  const db = openDatabase(dbPath)
  const events: ApiEvents['importProgress'][] = []
  let changed = 0
  const runner = new ImportRunner(db, {
    dbPath,
    useWorker: true,
    workerPath,
    prices: loadPriceTable(),
    chunkSize,
    emit: (name, payload) => {
      if (name === 'importProgress') events.push(payload as ApiEvents['importProgress'])
      if (name === 'libraryChanged') changed++
    },
  })
  return { db, runner, events, changed: () => changed }
}

describe('import in a worker thread', () => {
  it('imports into the library file, reporting byte progress, and the main connection sees the result', async () => {
    const { db, runner, events, changed } = setup(64 * 1024)
    const path = tempFile('many.json', bigExport(200))
    const [report] = await runner.run('job', [path])
    expect(report.error).toBeUndefined()
    expect(report.traces).toHaveLength(200)
    expect(db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(800)
    const reading = events.filter((e) => e.phase === 'reading')
    expect(reading.length).toBeGreaterThan(1)
    expect(reading.every((e, i) => i === 0 || e.bytesDone >= reading[i - 1].bytesDone)).toBe(true)
    expect(events.at(-1)).toMatchObject({
      phase: 'done',
      file: 'many.json',
      fileIndex: 0,
      fileCount: 1,
    })
    expect(events.at(-1)!.bytesDone).toBe(events.at(-1)!.bytesTotal)
    expect(changed()).toBe(1)
    db.close()
  })

  it('cancels: the import stops and leaves nothing behind', async () => {
    const { db, runner, events } = setup(256)
    const [before] = await runner.run('first', [tempFile('keep.json', bigExport(1))])
    expect(before.error).toBeUndefined()
    const snapshot = db.prepare('SELECT count(*) FROM spans').pluck().get()
    const path = tempFile('big.json', bigExport(300))
    const pending = runner.run('job', [path, tempFile('next.json', bigExport(2))])
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.some((e) => e.jobId === 'job' && e.phase === 'reading')) {
          clearInterval(check)
          resolve()
        }
      }, 1)
    })
    expect(runner.cancel('job')).toBe(true)
    const reports = await pending
    expect(reports.map((r) => r.error)).toEqual(['Import cancelled', 'Import cancelled'])
    expect(events.filter((e) => e.jobId === 'job').at(-1)?.phase).toBe('cancelled')
    expect(db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(snapshot)
    expect(db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(1)
    expect(runner.cancel('job')).toBe(false)
    db.close()
  })

  it('runs jobs one after another and reports each file of a job', async () => {
    const { db, runner } = setup()
    const bad = tempFile('bad.json', '{"nope":1}')
    const [a, b] = await Promise.all([
      runner.run('a', [tempFile('a.json', bigExport(3)), bad]),
      runner.run('b', [tempFile('b.json', bigExport(4))]),
    ])
    expect(a.map((r) => r.traces.length)).toEqual([3, 0])
    expect(a[1].error).toMatch(/^Cannot import bad.json: it is not a trace format/)
    expect(b[0].traces).toHaveLength(4)
    expect(db.prepare('SELECT count(*) FROM traces').pluck().get()).toBe(7)
    db.close()
  })

  it('turns a worker crash into a clear per-file error', async () => {
    const crash = tempFile('crash-worker.mjs', 'throw new Error("worker exploded")')
    const { db } = setup()
    const runner = new ImportRunner(db, {
      dbPath: 'x.db',
      useWorker: true,
      workerPath: crash,
      prices: loadPriceTable(),
      emit: () => undefined,
    })
    const [r] = await runner.run('j', ['/tmp/whatever.json'])
    expect(r.error).toMatch(
      /^Cannot import whatever.json: the import worker stopped \(worker exploded\)/,
    )
    db.close()
    writeFileSync(crash, '')
  })
})
