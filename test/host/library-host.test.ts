/**
 * The browser host in front of a real library: a page's path — upload a file, import it by the
 * returned path, watch progress on the event stream, list and open the trace — over HTTP.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SpanTable, TraceSummary } from '../../src/shared/api'
import { spanTableFromBinary } from '../../src/shared/span-table-binary'
import type { ImportReport } from '../../src/shared/model'
import { createLibrary, type Library } from '../../src/main/core/library-service'
import { EventHub } from '../../src/main/host/event-hub'
import { startHost, type RunningHost } from '../../src/main/host/server'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-host-lib-'))
const SAMPLE = resolve('resources/sample-agent-run.json')
let library: Library
let host: RunningHost
const events = new EventHub()

async function call<T>(verb: string, body: unknown): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/${verb}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tracedeck-token': host.token },
    body: JSON.stringify(body),
  })
  const value = (await response.json()) as T & { error?: { message: string } }
  if (!response.ok) throw new Error(`${verb}: ${response.status} ${value.error?.message}`)
  return value
}

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html>')
  library = createLibrary({
    dbPath: join(dir, 'library.db'),
    samplePath: SAMPLE,
    useWorker: false,
    emit: events.emit,
  })
  host = await startHost({ handlers: library.handlers, events, rendererDir: dir })
})

afterAll(async () => {
  await host.close()
  library.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('browser host with a real library', () => {
  it('imports an uploaded file under its original name and streams progress', async () => {
    const controller = new AbortController()
    const stream = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`, {
      signal: controller.signal,
    })
    const reader = stream.body!.getReader()
    let seen = ''
    const collecting = (async () => {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        seen += new TextDecoder().decode(value)
        if (seen.includes('event: libraryChanged')) break
      }
    })()

    const upload = await fetch(
      `http://127.0.0.1:${host.port}/api/upload?name=${encodeURIComponent('support run.json')}`,
      {
        method: 'POST',
        headers: { 'x-tracedeck-token': host.token },
        body: readFileSync(SAMPLE),
      },
    )
    const { path } = (await upload.json()) as { path: string }
    const [report] = await call<ImportReport[]>('importFiles', { paths: [path], jobId: 'page-1' })
    expect(report.error ?? null).toBeNull()
    expect(report.file).toBe('support run.json')
    expect(report.traces).toHaveLength(2)

    await Promise.race([collecting, new Promise((r) => setTimeout(r, 5000))])
    controller.abort()
    expect(seen).toContain('event: importProgress')
    expect(seen).toContain('"jobId":"page-1"')
    expect(seen).toContain('event: libraryChanged')

    const traces = await call<TraceSummary[]>('listTraces', {})
    expect(traces.map((t) => t.source.file)).toEqual(['support run.json', 'support run.json'])
    const table = await call<SpanTable>('getSpanTable', { id: report.traces[0].id })
    expect(table.count).toBe(report.traces[0].spanCount)
    const direct = await library.handlers.getSpanTable({ id: report.traces[0].id })
    expect(table).toEqual(JSON.parse(JSON.stringify(direct)))
    expect(table.names.length).toBeGreaterThan(0)
    // The binary columns go out as bytes, exactly as stored, and decode to the same table.
    const columns = await fetch(`http://127.0.0.1:${host.port}/api/getSpanColumns`, {
      method: 'POST',
      headers: { 'x-tracedeck-token': host.token, 'content-type': 'application/json' },
      body: JSON.stringify({ id: report.traces[0].id }),
    })
    expect(columns.headers.get('content-type')).toBe('application/octet-stream')
    const bytes = new Uint8Array(await columns.arrayBuffer())
    expect(
      Buffer.from(bytes).equals(
        Buffer.from(await library.handlers.getSpanColumns({ id: report.traces[0].id })),
      ),
    ).toBe(true)
    expect(spanTableFromBinary(bytes)).toEqual(table)
  })

  it('imports the bundled sample through importSample', async () => {
    const info = await call<{ hasSample: boolean }>('appInfo', {})
    expect(info.hasSample).toBe(true)
    const report = await call<ImportReport>('importSample', {})
    expect(report.error ?? null).toBeNull()
    expect(report.traces.map((t) => t.spanCount).sort()).toEqual([2, 9])
  })

  it('answers a missing trace with 404 and the library message', async () => {
    await expect(call('getTrace', { id: 'no-such-trace' })).rejects.toThrow(
      /404 No trace with id no-such-trace/,
    )
  })
})
