/**
 * Audit findings 3, 12 and 13 on the browser host: `importFiles` accepts only paths the host
 * handed out (uploads) or the command line named, never echoes a non-trace file's content, and
 * removes an upload once imported; a killed host's upload folder and a killed import's spool are
 * removed at the next start, a live process's never.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportReport } from '../../src/shared/model'
import { createLibrary, type Library } from '../../src/main/core/library-service'
import { EventHub } from '../../src/main/host/event-hub'
import { startHost, type RunningHost } from '../../src/main/host/server'
import { agentRunsOtlp } from '../cli/otlp-fixture'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-hostfiles-'))
const named = join(dir, 'named.json')
let library: Library
let host: RunningHost

/** A pid that is certainly not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'])
  await new Promise((r) => child.on('exit', r))
  return child.pid!
}

async function call(verb: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const r = await fetch(`http://127.0.0.1:${host.port}/api/${verb}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tracedeck-token': host.token },
    body: JSON.stringify(body),
  })
  return { status: r.status, json: await r.json() }
}

async function upload(name: string, body: Buffer<ArrayBuffer>): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${host.port}/api/upload?name=${name}`, {
    method: 'POST',
    headers: { 'x-tracedeck-token': host.token },
    body,
  })
  return ((await r.json()) as { path: string }).path
}

let staleUpload: string
let liveUpload: string
beforeAll(async () => {
  writeFileSync(named, await agentRunsOtlp({ runs: 1 }))
  const pid = await deadPid()
  staleUpload = join(tmpdir(), `tracedeck-uploads-${pid}-AbC123`)
  mkdirSync(staleUpload)
  writeFileSync(join(staleUpload, 'big.json'), 'x'.repeat(1000))
  // The test process itself is alive: its folder must survive.
  liveUpload = join(tmpdir(), `tracedeck-uploads-${process.pid}-LiVe99`)
  mkdirSync(liveUpload)
  library = createLibrary({ dbPath: join(dir, 'library.db'), useWorker: false })
  host = await startHost({
    handlers: library.handlers,
    events: new EventHub(),
    rendererDir: dir,
    importablePaths: [named],
  })
})

afterAll(async () => {
  await host.close()
  library.close()
  rmSync(dir, { recursive: true, force: true })
  rmSync(liveUpload, { recursive: true, force: true })
})

describe('browser host file access', () => {
  it('refuses a local path it did not hand out, without reading it', async () => {
    const r = await call('importFiles', { paths: ['/etc/passwd'], jobId: 'j1' })
    expect(r.status).toBe(403)
    const text = JSON.stringify(r.json)
    expect(text).toMatch(/passwd.*only files uploaded from the page or named on the command line/)
    expect(text).not.toMatch(/root:/)
  })

  it('imports a file named on the command line', async () => {
    const r = await call('importFiles', { paths: [named], jobId: 'j2' })
    expect(r.status).toBe(200)
    expect((r.json as ImportReport[])[0].error).toBeUndefined()
  })

  it('never echoes the content of an uploaded file that is not a trace', async () => {
    const path = await upload('passwd', Buffer.from('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/usr/sbin/nologin\n'))
    const r = await call('importFiles', { paths: [path], jobId: 'j3' })
    const [report] = r.json as ImportReport[]
    expect(report.error).toMatch(/^Cannot import passwd: /)
    expect(report.error).not.toMatch(/root|daemon|nologin/)
    expect(report.error!.split('\n')).toHaveLength(1)
  })

  it('removes an upload once imported, and it cannot be imported twice', async () => {
    const path = await upload('run.json', readFileSync(named))
    expect(existsSync(path)).toBe(true)
    const r = await call('importFiles', { paths: [path], jobId: 'j4' })
    expect(r.status).toBe(200)
    expect(existsSync(path)).toBe(false)
    expect(existsSync(dirname(path))).toBe(false)
    expect((await call('importFiles', { paths: [path], jobId: 'j5' })).status).toBe(403)
  })

  it("removes a dead host's upload folder at start, never a live one's", () => {
    expect(existsSync(staleUpload)).toBe(false)
    expect(existsSync(liveUpload)).toBe(true)
  })

  it("removes a dead import's spool beside the library at open, never a live one's", async () => {
    const db = join(dir, 'spool.db')
    const pid = await deadPid()
    const stale = `${db}-import-${pid}-0-0123456789ab.tmp`
    const live = `${db}-import-${process.pid}-0-ba9876543210.tmp`
    const other = join(dir, 'notes-import-1-0-aa.tmp')
    for (const f of [stale, live, other]) writeFileSync(f, 'spooled')
    createLibrary({ dbPath: db, useWorker: false }).close()
    expect(existsSync(stale)).toBe(false)
    expect(existsSync(live)).toBe(true)
    expect(existsSync(other)).toBe(true)
  })
})
