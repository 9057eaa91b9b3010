/**
 * Audit finding 2, the details: a write that finds another process holding the library's write
 * lock waits for it (and says so in progress), a delete that cannot get it within its bound
 * ends with a clear "busy" message, not a raw SQLITE_BUSY or HTTP 500 `internal`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, type ApiEvents } from '../../src/shared/api'
import { createLibrary, type Library } from '../../src/main/core/library-service'
import { writeTransaction } from '../../src/main/core/store/write-lock'
import { toWireError, httpStatus } from '../../src/main/host/errors'
import { writeTemp } from '../golden/harness'
import { agentRunsOtlp } from '../cli/otlp-fixture'

let lib: Library | undefined
let holder: ChildProcess | undefined
afterEach(() => {
  lib?.close()
  holder?.kill()
})

/** Another process takes the write lock, says "locked" and keeps it for `ms`. */
function holdLock(db: string, ms: number): Promise<void> {
  const script = `
    const Database = require('better-sqlite3')
    const db = new Database(${JSON.stringify(db)})
    db.exec('BEGIN IMMEDIATE')
    process.stdout.write('locked\\n')
    setTimeout(() => { db.exec('COMMIT'); db.close() }, ${ms})`
  holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((ready) => holder!.stdout!.once('data', () => ready()))
}

function library(events: [string, unknown][] = []): { lib: Library; db: string } {
  const db = join(mkdtempSync(join(tmpdir(), 'tracedeck-lock-')), 'library.db')
  lib = createLibrary({
    dbPath: db,
    useWorker: false,
    emit: (e, p) => events.push([e, p]),
  })
  return { lib, db }
}

describe('a library another process is writing', () => {
  it('an import waits for the lock, showing "waiting", then commits', async () => {
    const events: [string, unknown][] = []
    const { lib, db } = library(events)
    const file = writeTemp(await agentRunsOtlp({ runs: 2 }), 'run.json')
    await holdLock(db, 1200)
    const [report] = await lib.handlers.importFiles({ paths: [file], jobId: 'j1' })
    expect(report.error).toBeUndefined()
    const phases = events
      .filter(([e]) => e === 'importProgress')
      .map(([, p]) => (p as ApiEvents['importProgress']).phase)
    expect(phases).toContain('waiting')
    expect(phases.indexOf('waiting')).toBeLessThan(phases.lastIndexOf('committing'))
    expect((await lib.handlers.listTraces({})).length).toBe(2)
  })

  it('a delete waits for the lock too', async () => {
    const { lib, db } = library()
    const file = writeTemp(await agentRunsOtlp({ runs: 2 }), 'run.json')
    await lib.handlers.importFiles({ paths: [file], jobId: 'j1' })
    const [t] = await lib.handlers.listTraces({})
    await holdLock(db, 800)
    expect(await lib.handlers.deleteTraces({ ids: [t.id] })).toBe(1)
  })

  it('past its bound a write ends with a clear busy error (HTTP 503, not 500 internal)', async () => {
    const { lib, db } = library()
    await holdLock(db, 5000)
    let caught: unknown
    try {
      writeTransaction(lib.db, () => lib.db.prepare('DELETE FROM traces').run(), {
        maxWaitMs: 400,
      })
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(ApiError)
    const wire = toWireError(caught)
    expect(wire.code).toBe('busy')
    expect(wire.message).toMatch(/busy.*another tracedeck process/)
    expect(httpStatus(wire.code)).toBe(503)
    // A raw SQLITE_BUSY from anywhere else is named the same way.
    const raw = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })
    expect(toWireError(raw).code).toBe('busy')
  })
})
