/**
 * The browser host: the API contract over loopback HTTP, for `tracedeck serve`, for `npm start`
 * where Electron cannot run, and for end-to-end tests in a real Chromium. Protocol (TEAM.md):
 *
 *   POST /api/<verb>             header x-tracedeck-token, JSON body → 200 JSON | {error:{code,message}}
 *   GET  /api/events?token=…     Server-Sent Events (`event: <name>`, `data: <json>`)
 *   POST /api/upload?name=…      raw file bytes → {"path": "<server-side temp path>"}
 *   GET  anything else           static files of out/renderer (index.html for /)
 *
 * Binds 127.0.0.1 only; every request must carry Host 127.0.0.1:<port> or localhost:<port>.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import {
  API_EVENTS,
  API_VERBS,
  ApiError,
  validateRequest,
  type ApiEventName,
  type ApiEvents,
  type ApiRequest,
  type ApiResponse,
  type ApiVerb,
} from '../../shared/api'
import { removeStaleUploads, uploadDirPrefix } from '../core/leftovers'
import type { Handlers } from '../core/library'
import { httpStatus, toWireError, type WireError } from './errors'
import type { EventHub } from './event-hub'
import { hostAllowed, newToken, originAllowed, requestToken, SECURITY_HEADERS, tokenMatches } from './security'
import { serveStatic } from './static-files'
import { receiveUpload } from './upload'

export interface HostOptions {
  handlers: Handlers
  /** Events to stream to the page (the same hub the library emits into). */
  events: EventHub
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  /** Port to listen on; 0 (default) lets the OS pick a free one. */
  port?: number
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string
  /**
   * Events to send to an event stream as soon as it opens (e.g. `navigate` to the trace the user
   * asked `serve` to open); called per stream, so it can send them to the first page only.
   */
  greet?: () => GreetEvent[]
  /**
   * Local files the page may import besides its own uploads: those named on the command line.
   * Any other path is refused (a token holder must not make the host read arbitrary files).
   */
  importablePaths?: string[]
}

/** An event sent to a newly opened event stream. */
export type GreetEvent = { [E in ApiEventName]: { event: E; payload: ApiEvents[E] } }[ApiEventName]

export interface RunningHost {
  /** The URL to open: http://127.0.0.1:<port>/?token=<token>. */
  url: string
  port: number
  token: string
  /** Stops listening, ends event streams and removes uploaded files. */
  close(): Promise<void>
}

/** Largest JSON request body accepted by the API. */
const MAX_JSON_BYTES = 16 * 1024 * 1024
const HEARTBEAT_MS = 15_000

/** Starts the browser host on 127.0.0.1. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken()
  removeStaleUploads() // folders of hosts killed before they could remove them (finding 3)
  // The pid in the name lets a later start tell a dead host's uploads from a live one's.
  const uploadDir = await mkdtemp(join(tmpdir(), uploadDirPrefix()))
  /** Paths this host handed out for uploads, not yet imported: path → its folder. */
  const uploads = new Map<string, string>()
  const importable = new Set((options.importablePaths ?? []).map((p) => resolve(p)))
  const streams = new Set<ServerResponse>()
  let port = 0

  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, toWireError(error))
      else res.destroy(error instanceof Error ? error : undefined)
    })
  })

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) {
      return sendError(res, { code: 'forbidden', message: `Host "${req.headers.host ?? ''}" is not allowed` })
    }
    if (!originAllowed(req.headers.origin, port)) {
      return sendError(res, { code: 'forbidden', message: `Origin "${req.headers.origin}" is not allowed` })
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const method = req.method ?? 'GET'

    if (url.pathname.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store')
      if (!tokenMatches(requestToken(req, url), token)) {
        req.resume()
        return sendError(res, { code: 'unauthorized', message: 'Missing or wrong tracedeck token (open the URL tracedeck printed)' })
      }
      const name = url.pathname.slice('/api/'.length)
      if (name === 'events') {
        if (method !== 'GET') return methodNotAllowed(res, 'GET')
        return openEventStream(req, res)
      }
      if (method !== 'POST') return methodNotAllowed(res, 'POST')
      if (name === 'upload') {
        const path = await receiveUpload(req, uploadDir, url.searchParams.get('name'))
        uploads.set(path, dirname(path))
        return sendJson(res, 200, { path })
      }
      if (!(API_VERBS as string[]).includes(name)) {
        req.resume()
        return sendError(res, { code: 'not-found', message: `Unknown API verb "${name}"` })
      }
      return callVerb(name as ApiVerb, req, res)
    }

    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD')
    if (await serveStatic(options.rendererDir, url.pathname, method, res)) return
    sendError(res, { code: 'not-found', message: `Not found: ${url.pathname}` })
  }

  async function callVerb(verb: ApiVerb, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    let payload: unknown = {}
    if (body.trim() !== '') {
      try {
        payload = JSON.parse(body)
      } catch {
        throw new ApiError('bad-request', `Request body for ${verb} is not valid JSON`)
      }
    }
    const request = validateRequest(verb, payload)
    if (verb === 'importFiles') return sendJson(res, 200, await importFiles(request as ApiRequest<'importFiles'>))
    const handler = options.handlers[verb] as (request: unknown) => Promise<unknown>
    const value = await handler(request)
    // Binary results (a trace's span columns) go out as they are, not as JSON.
    if (value instanceof Uint8Array) return sendBytes(res, value)
    sendJson(res, 200, value === undefined ? null : value)
  }

  /**
   * importFiles over HTTP: only this host's uploads and the command line's files (finding 12);
   * an upload is removed once imported, whatever the outcome.
   */
  async function importFiles(request: ApiRequest<'importFiles'>): Promise<ApiResponse<'importFiles'>> {
    for (const path of request.paths) {
      if (!uploads.has(path) && !importable.has(path)) {
        throw Object.assign(new Error(`Cannot import ${basename(path)}: the browser host imports only files uploaded from the page or named on the command line`), { code: 'forbidden' })
      }
    }
    try {
      return await options.handlers.importFiles(request)
    } finally {
      for (const path of request.paths) {
        const dir = uploads.get(path)
        if (dir === undefined) continue
        uploads.delete(path)
        await rm(dir, { recursive: true, force: true })
      }
    }
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    streams.add(res)
    const write = (event: string, payload: unknown): void => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
    }
    for (const greeting of options.greet?.() ?? []) write(greeting.event, greeting.payload)
    const unsubscribe = options.events.subscribe((event, payload) => {
      if (API_EVENTS.includes(event)) write(event, payload)
    })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    const stop = (): void => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(res)
    }
    req.on('close', stop)
    res.on('close', stop)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    async close() {
      for (const stream of streams) stream.end()
      streams.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await rm(uploadDir, { recursive: true, force: true })
    },
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    // The rest of an oversized body is read and dropped rather than the socket destroyed: a
    // destroyed socket reaches the client as "connection reset", never as this message.
    const tooLarge = () => {
      chunks.length = 0
      req.removeAllListeners('data')
      req.resume()
      reject(new ApiError('bad-request', `Request body is larger than ${MAX_JSON_BYTES / 1024 ** 2} MB`))
    }
    if (Number(req.headers['content-length']) > MAX_JSON_BYTES) return tooLarge()
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_JSON_BYTES) return tooLarge()
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendJsonText(res, status, JSON.stringify(value))
}

function sendBytes(res: ServerResponse, body: Uint8Array): void {
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': body.byteLength,
  })
  res.end(body)
}

function sendJsonText(res: ServerResponse, status: number, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

function sendError(res: ServerResponse, error: WireError): void {
  sendJson(res, httpStatus(error.code), { error })
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow)
  sendJson(res, 405, { error: { code: 'bad-request', message: `Method not allowed; use ${allow}` } })
}
