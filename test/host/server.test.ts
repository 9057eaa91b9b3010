/**
 * The browser host's transport: token, Host and Origin checks, payload validation, every verb
 * reachable, SSE events, uploads and static files. The handlers here record their calls: this
 * file tests the HTTP binding of the contract; test/host/library-host.test.ts drives a real library.
 */
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_VERBS, ApiError, type ApiVerb } from '../../src/shared/api'
import type { Handlers } from '../../src/main/core/library'
import { EventHub } from '../../src/main/host/event-hub'
import { startHost, type RunningHost } from '../../src/main/host/server'

const calls: { verb: ApiVerb; request: unknown }[] = []
const handlers = Object.fromEntries(
  API_VERBS.map((verb) => [
    verb,
    async (request: unknown) => {
      calls.push({ verb, request })
      if (verb === 'getTrace' && (request as { id: string }).id === 'missing') {
        throw new ApiError('not-found', 'No trace with id "missing"')
      }
      return { verb, request }
    },
  ]),
) as unknown as Handlers

/** A valid request per verb of the fixed contract; verbs added later are checked for reachability. */
const VALID: Partial<Record<ApiVerb, unknown>> = {
  appInfo: {},
  listTraces: { status: 'error', limit: 5 },
  getTrace: { id: 'abc' },
  getSpanTable: { id: 'abc' },
  getSpan: { traceId: 'abc', index: 3 },
  searchSpans: { traceId: 'abc', text: 'timeout' },
  importFiles: { paths: ['/tmp/a.json'], jobId: 'job-1' },
  cancelImport: { jobId: 'job-1' },
  importSample: {},
  deleteTraces: { ids: ['abc'] },
  listSessions: {},
}

let host: RunningHost
let rendererDir: string
let outside: string
const events = new EventHub()

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw HTTP, so tests can send any Host header (fetch forbids setting it). */
function send(
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, method, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const api = (verb: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  send('POST', `/api/${verb}`, {
    headers: { 'content-type': 'application/json', 'x-tracedeck-token': host.token, ...headers },
    body: JSON.stringify(payload),
  })

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'tracedeck-renderer-'))
  outside = await mkdtemp(join(tmpdir(), 'tracedeck-outside-'))
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>tracedeck</title>')
  await mkdir(join(rendererDir, 'assets'))
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body{}')
  await writeFile(join(outside, 'secret.txt'), 'TOP-SECRET-CONTENT')
  await symlink(join(outside, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'))
  host = await startHost({ handlers, events, rendererDir, importablePaths: ['/tmp/a.json'] })
})

afterAll(async () => {
  await host.close()
  await rm(rendererDir, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

describe('browser host security', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`)
    expect(host.token.length).toBeGreaterThanOrEqual(32)
  })

  it('rejects API calls without the token or with a wrong one', async () => {
    const none = await send('POST', '/api/appInfo', { body: '{}' })
    expect(none.status).toBe(401)
    expect(JSON.parse(none.body).error.code).toBe('unauthorized')
    const wrong = await api('appInfo', {}, { 'x-tracedeck-token': 'x'.repeat(host.token.length) })
    expect(wrong.status).toBe(401)
    const events = await send('GET', '/api/events?token=nope')
    expect(events.status).toBe(401)
    expect(calls).toHaveLength(0)
  })

  it('rejects a Host header that is not this server (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, '127.0.0.1:1', `0.0.0.0:${host.port}`]) {
      const reply = await send('GET', '/', { headers: { host: hostHeader } })
      expect(reply.status, hostHeader).toBe(403)
      const apiReply = await api('appInfo', {}, { host: hostHeader })
      expect(apiReply.status, hostHeader).toBe(403)
    }
    expect((await send('GET', '/', { headers: { host: `localhost:${host.port}` } })).status).toBe(200)
  })

  it('rejects a cross-site Origin even with the token', async () => {
    const reply = await api('appInfo', {}, { origin: 'https://evil.example' })
    expect(reply.status).toBe(403)
    expect((await api('appInfo', {}, { origin: `http://localhost:${host.port}` })).status).toBe(200)
  })

  it('listens on 127.0.0.1 only', async () => {
    const { networkInterfaces } = await import('node:os')
    const external = Object.values(networkInterfaces())
      .flat()
      .find((iface) => iface && iface.family === 'IPv4' && !iface.internal)
    if (!external) return // a machine with no external interface has nothing else to bind to
    await expect(
      new Promise((resolve, reject) => {
        const req = httpRequest({ host: external.address, port: host.port, path: '/' }, resolve)
        req.on('error', reject)
        req.end()
      }),
    ).rejects.toThrow(/ECONNREFUSED/)
  })
})

describe('browser host API', () => {
  it('reaches every verb of the contract', async () => {
    for (const verb of API_VERBS) {
      const payload = VALID[verb]
      const reply = await api(verb, payload ?? {})
      if (payload === undefined) {
        expect([200, 400], `${verb} is routed`).toContain(reply.status)
        continue
      }
      expect(reply.status, `${verb}: ${reply.body}`).toBe(200)
      expect(reply.headers['content-type']).toMatch(/^application\/json/)
      expect(JSON.parse(reply.body)).toEqual({ verb, request: payload })
    }
  })

  it('answers an invalid payload with 400 and a message naming the verb and the field', async () => {
    const reply = await api('getSpan', { traceId: 'abc', index: -1 })
    expect(reply.status).toBe(400)
    const { error } = JSON.parse(reply.body)
    expect(error.code).toBe('bad-request')
    expect(error.message).toMatch(/getSpan/)
    expect(error.message).toMatch(/index/)

    const extra = await api('appInfo', { evil: true })
    expect(extra.status).toBe(400)

    const notJson = await send('POST', '/api/listTraces', { headers: { 'x-tracedeck-token': host.token }, body: '{oops' })
    expect(notJson.status).toBe(400)
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/)
  })

  it('answers an oversized body with 400 and its limit, not a reset connection', async () => {
    const big = Buffer.alloc(17 * 1024 ** 2, 0x20)
    const framings: Record<string, string>[] = [{ 'content-length': String(big.length) }, { 'transfer-encoding': 'chunked' }]
    for (const framing of framings) {
      const reply = await send('POST', '/api/listTraces', { headers: { 'x-tracedeck-token': host.token, ...framing }, body: big })
      expect(reply.status).toBe(400)
      expect(JSON.parse(reply.body).error.message).toMatch(/larger than 16 MB/)
    }
    expect((await api('appInfo', {})).status).toBe(200)
  })

  it('maps handler errors to their status and message', async () => {
    const reply = await api('getTrace', { id: 'missing' })
    expect(reply.status).toBe(404)
    expect(JSON.parse(reply.body)).toEqual({ error: { code: 'not-found', message: 'No trace with id "missing"' } })
  })

  it('answers unknown verbs and wrong methods clearly', async () => {
    const unknown = await api('dropDatabase', {})
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.body).error.message).toMatch(/Unknown API verb "dropDatabase"/)
    const proto = await api('constructor', {})
    expect(proto.status).toBe(404)
    const get = await send('GET', '/api/appInfo', { headers: { 'x-tracedeck-token': host.token } })
    expect(get.status).toBe(405)
  })
})

describe('browser host events and uploads', () => {
  it('streams events as Server-Sent Events', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}`, headers: { host: `localhost:${host.port}` } },
        (res) => {
          expect(res.statusCode).toBe(200)
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
          let text = ''
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8')
            if (text.includes(': connected')) events.emit('libraryChanged', { reason: 'import' })
            if (text.includes('event: libraryChanged')) {
              req.destroy()
              resolve(text)
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(received).toContain('event: libraryChanged\ndata: {"reason":"import"}\n\n')
  })

  it('stores an upload under its original name and returns the path', async () => {
    const bytes = Buffer.from('{"resourceSpans":[]}')
    const reply = await send('POST', `/api/upload?name=${encodeURIComponent('../../my trace.json')}`, {
      headers: { 'x-tracedeck-token': host.token, 'content-type': 'application/octet-stream' },
      body: bytes,
    })
    expect(reply.status).toBe(200)
    const { path } = JSON.parse(reply.body) as { path: string }
    expect(path.endsWith(`${'/'}my trace.json`)).toBe(true)
    expect(path.startsWith(tmpdir())).toBe(true)
    expect(await readFile(path)).toEqual(bytes)
  })

  it('refuses uploads without the token', async () => {
    const reply = await send('POST', '/api/upload?name=x.json', { body: 'data' })
    expect(reply.status).toBe(401)
  })
})

describe('browser host static files', () => {
  it('serves index.html for / with a strict CSP and security headers', async () => {
    const reply = await send('GET', `/?token=${host.token}`)
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    const csp = String(reply.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(reply.headers['x-content-type-options']).toBe('nosniff')
    expect(reply.headers['referrer-policy']).toBe('no-referrer')
  })

  it('serves assets with their content types', async () => {
    expect((await send('GET', '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await send('GET', '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8')
    expect((await send('HEAD', '/assets/app.js')).status).toBe(200)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fsecret', '/assets/%5c..%5csecret', '/assets/link.txt', '/%00', '/assets']) {
      const reply = await send('GET', path)
      expect(reply.status, path).toBe(404)
      expect(reply.body, path).not.toContain('TOP-SECRET-CONTENT')
      expect(reply.body, path).not.toContain('root:')
    }
    expect((await send('POST', '/')).status).toBe(405)
  })
})
