/**
 * The OTLP/HTTP trace receiver: `POST /v1/traces` with a JSON (`application/json`) or protobuf
 * (`application/x-protobuf`) `ExportTraceServiceRequest`, optionally gzip-compressed. Answers as
 * the OTLP/HTTP specification says, in the request's encoding, so real exporters behave right:
 *
 * - 200 with an `ExportTraceServiceResponse` (with `partialSuccess` when some spans were rejected)
 * - 400 malformed body, 413 body over the size limit, 415 other content types or encodings
 * - 429 (too many spans waiting to be committed) and 503 (too many requests at once, or the
 *   library is busy) with `Retry-After`, which exporters honour before they retry
 * - errors carry a `google.rpc.Status` body (`{code, message}`)
 *
 * Binds 127.0.0.1 by default and checks the Host header (as the browser host does: no DNS
 * rebinding); binding another address needs a token, sent as `Authorization: Bearer <token>`.
 * The node:http handler only decodes and answers; what happens to the spans is the sink's job.
 */
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGunzip } from 'node:zlib'
import protobuf from 'protobufjs/light.js'
import type { Obj } from '../import/formats/otlp/fields'
import { isObj } from '../import/formats/otlp/fields'
import {
  ProtobufError,
  decodeTraceRequest,
  encodeTraceResponse,
} from '../import/formats/otlp/protobuf'
import { Saturated } from './assembler'

/** What the sink made of one request's spans. */
export interface SinkResult {
  rejected: number
  /** Why spans were rejected (sent back as `partialSuccess.errorMessage`). */
  message: string
}

/** Receives each decoded request (OTLP JSON form); throws `Saturated` to make exporters wait. */
export type RequestSink = (request: Obj) => SinkResult

export interface ReceiverOptions {
  sink: RequestSink
  /** Address to bind (default 127.0.0.1). Anything but loopback requires `token`. */
  host?: string
  /** Port (default 4318, the OTLP/HTTP port; 0 picks a free one). */
  port?: number
  /** Required in `Authorization: Bearer <token>` when set (and when `host` is not loopback). */
  token?: string
  /** Largest body accepted, compressed or not (default 32 MiB). */
  maxBodyBytes?: number
  /** Requests handled at once before 503 (default 64). */
  maxInFlight?: number
}

export interface RunningReceiver {
  /** The OTLP endpoint base, e.g. http://127.0.0.1:4318 (what OTEL_EXPORTER_OTLP_ENDPOINT takes). */
  endpoint: string
  host: string
  port: number
  close(): Promise<void>
}

export const DEFAULT_OTLP_PORT = 4318
export const DEFAULT_MAX_BODY = 32 * 1024 * 1024
const TRACES_PATH = '/v1/traces'

/** google.rpc.Status, the error body of OTLP/HTTP (`details` are never sent). */
const Status = new protobuf.Type('Status')
  .add(new protobuf.Field('code', 1, 'int32'))
  .add(new protobuf.Field('message', 2, 'string'))
new protobuf.Root().add(Status)

/** gRPC status codes used in error bodies. */
const GRPC = { invalidArgument: 3, resourceExhausted: 8, unavailable: 14, unauthenticated: 16 }

type Encoding = 'json' | 'protobuf'

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message)
  }
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.')
}

function contentEncoding(req: IncomingMessage): Encoding {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'application/json') return 'json'
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf'
  throw new HttpProblem(
    415,
    `unsupported content type "${type || '(none)'}": send application/json or application/x-protobuf`,
  )
}

/** Reads the body (gunzipping it), refusing more than `limit` bytes at either stage. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new HttpProblem(413, `body of ${declared} bytes is over the ${limit}-byte limit`))
  }
  const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  if (coding !== 'gzip' && coding !== 'identity' && coding !== '') {
    return Promise.reject(new HttpProblem(415, `unsupported content encoding "${coding}": send gzip or none`))
  }
  return new Promise((resolve, reject) => {
    const source = coding === 'gzip' ? req.pipe(createGunzip()) : req
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const fail = (problem: HttpProblem) => {
      if (done) return
      done = true
      if (source !== req) source.destroy()
      req.resume() // keep reading (and discarding) so the answer reaches the client
      reject(problem)
    }
    source.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) return fail(new HttpProblem(413, `body is over the ${limit}-byte limit`))
      chunks.push(chunk)
    })
    source.on('end', () => {
      if (done) return
      done = true
      resolve(Buffer.concat(chunks))
    })
    source.on('error', (err: Error) =>
      fail(new HttpProblem(400, `body cannot be read: ${err.message.replace(/^incorrect header check$/, 'not valid gzip')}`)),
    )
    req.on('aborted', () => fail(new HttpProblem(400, 'request aborted')))
  })
}

function decode(body: Buffer, encoding: Encoding): Obj {
  if (encoding === 'protobuf') {
    try {
      return decodeTraceRequest(body)
    } catch (err) {
      throw new HttpProblem(400, err instanceof ProtobufError ? err.message : String(err))
    }
  }
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (err) {
    throw new HttpProblem(400, `it is not valid JSON (${(err as Error).message})`)
  }
  if (!isObj(value)) throw new HttpProblem(400, 'expected an ExportTraceServiceRequest object')
  return value
}

function send(res: ServerResponse, status: number, encoding: Encoding, body: Uint8Array | string, retryAfter?: number) {
  res.statusCode = status
  res.setHeader('Content-Type', encoding === 'json' ? 'application/json' : 'application/x-protobuf')
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter))
  res.end(body)
}

function sendProblem(res: ServerResponse, encoding: Encoding, p: HttpProblem) {
  const code =
    p.status === 429 || p.status === 413
      ? GRPC.resourceExhausted
      : p.status === 503
        ? GRPC.unavailable
        : p.status === 401
          ? GRPC.unauthenticated
          : GRPC.invalidArgument
  const body =
    encoding === 'json'
      ? JSON.stringify({ code, message: p.message })
      : Status.encode(Status.fromObject({ code, message: p.message })).finish()
  if (p.status === 413 || p.status === 400) res.setHeader('Connection', 'close')
  send(res, p.status, encoding, body, p.retryAfter)
}

function success(res: ServerResponse, encoding: Encoding, result: SinkResult) {
  if (encoding === 'protobuf') return send(res, 200, encoding, encodeTraceResponse(result.rejected, result.message))
  const body =
    result.rejected > 0
      ? { partialSuccess: { rejectedSpans: String(result.rejected), errorMessage: result.message } }
      : {}
  send(res, 200, encoding, JSON.stringify(body))
}

/** Starts the receiver; rejects with the listen error (EADDRINUSE…) when the port is taken. */
export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const host = options.host ?? '127.0.0.1'
  const loopback = isLoopback(host)
  if (!loopback && !options.token) {
    throw new Error(`Binding ${host} exposes the receiver beyond this machine: a token is required`)
  }
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const maxInFlight = options.maxInFlight ?? 64
  let inFlight = 0
  let port = options.port ?? DEFAULT_OTLP_PORT

  const handle = async (req: IncomingMessage, res: ServerResponse, encoding: Encoding) => {
    const url = new URL(req.url ?? '/', 'http://receiver')
    if (url.pathname !== TRACES_PATH) {
      throw new HttpProblem(404, `no such endpoint ${url.pathname}: tracedeck receives traces on ${TRACES_PATH}`)
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      throw new HttpProblem(405, `${req.method} is not allowed: POST export requests to ${TRACES_PATH}`)
    }
    if (loopback && !hostAllowed(req.headers.host, port)) {
      throw new HttpProblem(403, `Host "${req.headers.host ?? ''}" is not allowed`)
    }
    const origin = req.headers.origin
    if (origin !== undefined && !(loopback && hostAllowed(origin.replace(/^https?:\/\//, ''), port))) {
      throw new HttpProblem(403, `Origin "${origin}" is not allowed`)
    }
    if (options.token) {
      const auth = req.headers.authorization ?? ''
      if (!tokenMatches(auth.replace(/^Bearer\s+/i, ''), options.token)) {
        throw new HttpProblem(401, 'a valid "Authorization: Bearer <token>" header is required')
      }
    }
    contentEncoding(req)
    const body = await readBody(req, limit)
    const request = decode(body, encoding)
    let result: SinkResult
    try {
      result = options.sink(request)
    } catch (err) {
      if (err instanceof Saturated) {
        throw new HttpProblem(429, 'tracedeck is committing earlier spans; retry shortly', err.retryAfterSeconds)
      }
      if (err instanceof HttpProblem) throw err
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new HttpProblem(503, 'the library is busy; retry shortly', 1)
      }
      throw new HttpProblem(400, (err as Error).message)
    }
    success(res, encoding, result)
  }

  const server: Server = createServer((req, res) => {
    // Errors are answered in the encoding the client used (JSON when it sent something else).
    let encoding: Encoding = 'json'
    try {
      encoding = contentEncoding(req)
    } catch {
      encoding = 'json'
    }
    if (inFlight >= maxInFlight) {
      req.resume()
      sendProblem(res, encoding, new HttpProblem(503, 'too many requests at once; retry shortly', 1))
      return
    }
    inFlight++
    res.on('close', () => inFlight--)
    handle(req, res, encoding).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy()
      const p = err instanceof HttpProblem ? err : new HttpProblem(500, `internal error: ${(err as Error).message}`)
      sendProblem(res, encoding, p)
    })
  })
  server.requestTimeout = 60_000
  server.headersTimeout = 20_000
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const shown = host.includes(':') ? `[${host}]` : host
  return {
    endpoint: `http://${shown}:${port}`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Host header check: 127.0.0.1, localhost or [::1] with the receiver's port. */
function hostAllowed(value: string | undefined, port: number): boolean {
  if (!value) return false
  const v = value.toLowerCase()
  return v === `127.0.0.1:${port}` || v === `localhost:${port}` || v === `[::1]:${port}`
}

function tokenMatches(given: string, token: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
