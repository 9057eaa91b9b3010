/**
 * Bad input to the OTLP receiver: each answered as OTLP/HTTP says (status, a google.rpc.Status
 * body in the request's encoding), the receiver keeps running, and nothing already in the
 * library changes.
 */
import { request } from 'node:http'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/core/store/connection'
import { loadPriceTable } from '../../src/main/core/pricing/price-table'
import { LiveService } from '../../src/main/core/live/live-service'
import { startReceiver, type RunningReceiver } from '../../src/main/core/live/receiver'
import { importFile } from '../../src/main/core/import/pipeline'
import { tempFile } from '../../src/main/core/import/test-fixtures'
import { recordLlmRun } from '../fixtures/otlp-llm-run'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

let db: Db
let live: LiveService
let receiver: RunningReceiver
const run = recordLlmRun()

function post(body: Buffer | string, headers: Record<string, string> = {}, opts: { path?: string; method?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: receiver.port, path: opts.path ?? '/v1/traces', method: opts.method ?? 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Everything stored for the traces imported before the receiver started. */
function libraryState() {
  const ids = "(SELECT id FROM traces WHERE file_name = 'existing.json')"
  return {
    traces: db.prepare(`SELECT * FROM traces WHERE id IN ${ids} ORDER BY id`).all(),
    spans: db.prepare(`SELECT * FROM spans WHERE trace_id IN ${ids} ORDER BY trace_id, idx`).all(),
    payloads: db.prepare(`SELECT * FROM span_payloads WHERE trace_id IN ${ids} ORDER BY rowid`).all(),
  }
}

let before: ReturnType<typeof libraryState>

beforeAll(async () => {
  db = openDatabase(':memory:')
  const prices = loadPriceTable()
  await importFile(db, { path: tempFile('existing.json', run.json), prices })
  before = libraryState()
  live = new LiveService({ db, prices, quietMs: 100 })
  receiver = await startReceiver({ port: 0, sink: live.sink, maxBodyBytes: 64 * 1024, maxInFlight: 8 })
  live.start()
})

afterAll(async () => {
  await receiver.close()
  live.stop()
  db.close()
})

describe('the OTLP receiver with bad input', () => {
  it('malformed JSON → 400 with a JSON Status naming the problem', async () => {
    const r = await post('{"resourceSpans": [')
    expect(r.status).toBe(400)
    expect(r.headers['content-type']).toBe('application/json')
    expect(JSON.parse(r.body.toString())).toMatchObject({ code: 3, message: expect.stringMatching(/not valid JSON/) })
  })

  it('malformed protobuf → 400 with a protobuf body', async () => {
    const pb = Buffer.from(run.fixture.protobuf())
    const r = await post(pb.subarray(0, pb.length - 9), { 'content-type': 'application/x-protobuf' })
    expect(r.status).toBe(400)
    expect(r.headers['content-type']).toBe('application/x-protobuf')
    expect(r.body.toString('latin1')).toMatch(/not a valid OTLP protobuf request/)
  })

  it('a JSON value that is not a request object → 400', async () => {
    expect((await post('[1,2,3]')).status).toBe(400)
  })

  it('wrong content type or encoding → 415', async () => {
    expect((await post(run.json, { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await post(run.json, { 'content-type': 'application/json', 'content-encoding': 'br' })).status).toBe(415)
  })

  it('a broken gzip body → 400', async () => {
    expect((await post('not gzip at all', { 'content-encoding': 'gzip' })).status).toBe(400)
  })

  it('oversized bodies → 413, declared or streamed, and a gzip bomb is stopped at the limit', async () => {
    const big = JSON.stringify({ resourceSpans: [], pad: 'x'.repeat(100 * 1024) })
    expect((await post(big)).status).toBe(413)
    const bomb = gzipSync(Buffer.from(big))
    expect(bomb.length).toBeLessThan(64 * 1024)
    expect((await post(bomb, { 'content-encoding': 'gzip' })).status).toBe(413)
  })

  it('wrong path, wrong method, foreign Host or Origin are refused', async () => {
    expect((await post(run.json, {}, { path: '/v1/metrics' })).status).toBe(404)
    const get = await post('', {}, { method: 'GET' })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    expect((await post(run.json, { host: 'evil.example:4318' })).status).toBe(403)
    expect((await post(run.json, { origin: 'http://evil.example' })).status).toBe(403)
  })

  it('an empty request is a success; spans without ids are rejected as a partial success', async () => {
    const empty = await post('{}')
    expect(empty.status).toBe(200)
    expect(JSON.parse(empty.body.toString())).toEqual({})
    const req = run.request as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] }
    const broken = structuredClone(req)
    delete broken.resourceSpans[0].scopeSpans[0].spans[0].traceId
    const r = await post(JSON.stringify(broken))
    expect(r.status).toBe(200)
    const body = JSON.parse(r.body.toString())
    expect(body.partialSuccess.rejectedSpans).toBe('1')
    expect(body.partialSuccess.errorMessage).toMatch(/no traceId/)
    await new Promise((res) => setTimeout(res, 400))
    live.commitDue(true)
  })

  it('a flood of tiny requests is answered (200 or 503 with Retry-After) and the receiver stays up', async () => {
    const tiny = JSON.stringify({ resourceSpans: [] })
    const replies = await Promise.all(Array.from({ length: 400 }, () => post(tiny)))
    const statuses = new Set(replies.map((r) => r.status))
    expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true)
    for (const r of replies.filter((x) => x.status === 503)) expect(r.headers['retry-after']).toBe('1')
    expect((await post(tiny)).status).toBe(200)
  })

  it('nothing that was in the library before changed', () => {
    expect(before.traces.length).toBe(2)
    expect(libraryState()).toEqual(before)
  })
})
