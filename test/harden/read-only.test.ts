/**
 * Audit finding 10: a read-only folder or mount, and a full disk. Before, even `tracedeck list`
 * failed with "unable to open database file". Now browsing works (a read-only connection, or a
 * snapshot of the library in the temp folder when SQLite cannot read a WAL library in place),
 * imports and deletions say why in one plain line naming the path, and a full disk leaves the
 * library as it was. Real storage: a read-only tmpfs mount (root ignores chmod) and a 2 MB tmpfs.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { createLibrary } from '../../src/main/core/library-service'
import { CLI, readOnlyFolder, serve, smallDisk, type TestFolder } from './storage-fixtures'

const SAMPLE = resolve('resources/sample-agent-run.json')
const folders: TestFolder[] = []
afterAll(() => folders.forEach((f) => f.remove()))

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, pid: run.pid }
}

/** An OTLP file of `spans` spans, each with 3 KB of incompressible input. */
function paddedTrace(spans: number): string {
  const traceId = randomBytes(16).toString('hex')
  const start = 1749823331035000000n
  const list = Array.from({ length: spans }, (_, i) => ({
    traceId,
    spanId: randomBytes(8).toString('hex'),
    name: `step ${i}`,
    kind: 1,
    startTimeUnixNano: String(start + BigInt(i) * 1_000_000n),
    endTimeUnixNano: String(start + BigInt(i) * 1_000_000n + 500_000n),
    attributes: [{ key: 'input.value', value: { stringValue: randomBytes(3000).toString('base64') } }],
  }))
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans: list }] }] })
}

const traceCount = (db: string) => {
  const d = new Database(db, { readonly: true })
  try {
    return (d.prepare('SELECT count(*) AS n FROM traces').get() as { n: number }).n
  } finally {
    d.close()
  }
}

/** A library with the sample in it, made in a writable folder and copied into `dir`. */
function sampleLibraryInto(dir: string): void {
  const made = join(tmpdir(), `tracedeck-ro-src-${process.pid}-${randomBytes(4).toString('hex')}.db`)
  const run = cli(['--db', made, 'import', SAMPLE])
  if (run.status !== 0) throw new Error(run.stderr)
  copyFileSync(made, join(dir, 'library.db')) // closed cleanly: no -wal, no -shm, WAL in the header
}

const ownSnapshots = (pid: number) => readdirSync(tmpdir()).filter((n) => n.startsWith(`tracedeck-readonly-${pid}-`))

describe('a library in a read-only folder', () => {
  const folder = readOnlyFolder(sampleLibraryInto)
  folders.push(folder)
  const db = join(folder.dir, 'library.db')

  it('the CLI browses it (list, sessions, show) and an import says why in one line naming the folder', () => {
    const list = cli(['--db', db, 'list'])
    expect(list.status, list.stderr).toBe(0)
    expect(list.stdout).toContain('invoke_agent support-agent')
    expect(list.stderr).toBe(`2 traces · library: ${db}\n`)
    const sessions = cli(['--db', db, 'sessions'])
    expect(sessions.status, sessions.stderr).toBe(0)
    expect(sessions.stdout).toContain('conv_7Hq2LxK9')
    const show = cli(['--db', db, 'show', 'd0acb8b8d5b8'])
    expect(show.status, show.stderr).toBe(0)
    expect(show.stdout).toContain('Recovered')

    const imported = cli(['--db', db, 'import', SAMPLE])
    expect(imported.status).toBe(1)
    expect(imported.stderr.trim().split('\n')).toEqual([
      `tracedeck: Cannot import ${SAMPLE}: the library folder ${folder.dir} is read-only: browsing only`,
    ])
    expect(readdirSync(folder.dir)).toEqual(['library.db'])
    // The snapshot a process browsed is gone when it ends.
    for (const run of [list, sessions, show, imported]) expect(ownSnapshots(run.pid!)).toEqual([])
  })

  it('no library there: one line saying none can be created', () => {
    const other = join(folder.dir, 'other.db')
    const run = cli(['--db', other, 'import', SAMPLE])
    expect(run.status).toBe(1)
    expect(run.stderr.trim().split('\n')).toEqual([
      `tracedeck: the library folder ${folder.dir} is read-only: there is no library other.db to browse there and none can be created`,
    ])
  })

  it('the library service reports it in appInfo and refuses deletions with a read-only error, library unchanged', async () => {
    const library = createLibrary({ dbPath: db, useWorker: false })
    try {
      expect(library.readOnly).toBe(`the library folder ${folder.dir} is read-only: browsing only`)
      expect((await library.handlers.appInfo({})).readOnly).toBe(library.readOnly)
      const traces = await library.handlers.listTraces({})
      expect(traces).toHaveLength(2)
      expect((await library.handlers.getTrace({ id: traces[0].id })).trace.id).toBe(traces[0].id)
      expect((await library.handlers.listSessions({})).length).toBe(1)
      await expect(library.handlers.deleteTraces({ ids: [traces[0].id] })).rejects.toMatchObject({
        code: 'read-only',
        message: `the library folder ${folder.dir} is read-only: browsing only`,
      })
      expect(await library.handlers.listTraces({})).toHaveLength(2)
    } finally {
      library.close()
    }
    expect(ownSnapshots(process.pid)).toEqual([])
  })

  it('the browser host serves it; an upload+import and a delete answer 409 with the reason', async () => {
    const host = await serve(db)
    try {
      const info = await host.call('appInfo', {})
      expect(info.body.readOnly).toBe(`the library folder ${folder.dir} is read-only: browsing only`)
      const traces = await host.call('listTraces', {})
      expect(traces.status).toBe(200)
      expect(traces.body).toHaveLength(2)
      const up = await host.upload('run.json', readFileSync(SAMPLE))
      expect(up.status).toBe(200)
      const imported = await host.call('importFiles', { paths: [up.body.path], jobId: 'ro-1' })
      expect(imported).toEqual({
        status: 409,
        body: { error: { code: 'read-only', message: `the library folder ${folder.dir} is read-only: browsing only` } },
      })
      const deleted = await host.call('deleteTraces', { ids: [traces.body[0].id] })
      expect(deleted.status).toBe(409)
      expect(deleted.body.error.message).toContain(`${folder.dir} is read-only`)
    } finally {
      await host.stop()
    }
    expect(ownSnapshots(host.child.pid!)).toEqual([])
  })
})

describe('a full disk', () => {
  it('an import that does not fit says so in one line naming the folder; the library is intact, no spool left', () => {
    const disk = smallDisk('2m')
    folders.push(disk)
    const db = join(disk.dir, 'lib', 'library.db')
    expect(cli(['--db', db, 'import', SAMPLE]).status).toBe(0)
    const big = join(tmpdir(), `tracedeck-full-${process.pid}.json`)
    writeFileSync(big, paddedTrace(400)) // ~1.7 MB of payload that does not compress
    const run = cli(['--db', db, 'import', big])
    expect(run.status).toBe(1)
    expect(run.stderr.trim().split('\n')).toEqual([
      `tracedeck: Cannot import ${basename(big)}: the disk holding ${join(disk.dir, 'lib')} is full: nothing was saved and the library is as it was; free some space and try again`,
    ])
    const d = new Database(db, { readonly: true })
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok')
    d.close()
    expect(traceCount(db)).toBe(2)
    expect(readdirSync(join(disk.dir, 'lib')).filter((n) => n.includes('-import-'))).toEqual([])
  })

  it('a disk with no room at all: list still works, an import names the disk', () => {
    const disk = smallDisk('2m')
    folders.push(disk)
    const db = join(disk.dir, 'lib', 'library.db')
    expect(cli(['--db', db, 'import', SAMPLE]).status).toBe(0)
    // Fill every byte left (the -shm index cannot even be created then).
    spawnSync('dd', ['if=/dev/zero', `of=${join(disk.dir, 'filler')}`, 'bs=4k'])
    const list = cli(['--db', db, 'list'])
    expect(list.status, list.stderr).toBe(0)
    expect(list.stdout).toContain('invoke_agent support-agent')
    expect(list.stderr).toContain('2 traces')
    const run = cli(['--db', db, 'import', join(tmpdir(), `tracedeck-full-${process.pid}.json`)])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(new RegExp(`^tracedeck: Cannot import .*: the disk holding ${join(disk.dir, 'lib')} is full: browsing only until some space is freed\\n$`))
    // Space freed: the library is intact and takes imports again.
    rmSync(join(disk.dir, 'filler'))
    expect(traceCount(db)).toBe(2)
    const small = join(tmpdir(), `tracedeck-small-${process.pid}.json`)
    writeFileSync(small, paddedTrace(5))
    const again = cli(['--db', db, 'import', small])
    expect(again.status, again.stderr).toBe(0)
    expect(traceCount(db)).toBe(3)
  })

  it('an upload to a full temp folder answers 507 naming the folder and leaves nothing behind', async () => {
    const disk = smallDisk('1m')
    folders.push(disk)
    const libDir = join(tmpdir(), `tracedeck-full-lib-${process.pid}`)
    const host = await serve(join(libDir, 'library.db'), { TMPDIR: disk.dir })
    try {
      const up = await host.upload('big.json', Buffer.from(paddedTrace(400)))
      expect(up.status).toBe(507)
      expect(up.body.error.code).toBe('disk-full')
      expect(up.body.error.message).toMatch(
        new RegExp(`^Upload of big\\.json failed: the disk holding ${disk.dir}/tracedeck-uploads-${host.child.pid}-\\w+ is full; free some space and try again$`),
      )
      const [uploads] = readdirSync(disk.dir).filter((n) => n.startsWith('tracedeck-uploads-'))
      expect(readdirSync(join(disk.dir, uploads))).toEqual([])
    } finally {
      await host.stop()
    }
  })
})
