/**
 * The browser-host binding of the API contract, client side (protocol in TEAM.md):
 * `POST /api/<verb>` with the token header, `GET /api/events?token=` as Server-Sent Events, and
 * `POST /api/upload?name=` to turn a dropped File into a server-side path.
 */
import {
  API_VERBS,
  type ApiEventName,
  type ApiEvents,
  type ApiVerb,
  type HostBridge,
  type TraceApi,
} from '../../../shared/api'

/** An error raised by the host, carrying the contract's error code when the host sent one. */
export class HostError extends Error {
  constructor(
    message: string,
    public readonly code: string = 'internal',
  ) {
    super(message)
    this.name = 'HostError'
  }
}

/** The few browser facilities the bridge needs; injectable so unit tests run without a browser. */
export interface HttpBridgeEnv {
  /** Origin + path prefix of the host, '' for same-origin. */
  baseUrl: string
  token: string
  fetch: typeof fetch
  createEventSource: (url: string) => EventSourceLike
  /**
   * Makes an XMLHttpRequest for uploads: unlike fetch it reports upload progress. Without it,
   * uploads go through fetch and report no progress.
   */
  createXhr?: () => XhrLike
}

/** The part of XMLHttpRequest the upload uses. */
export type XhrLike = Pick<
  XMLHttpRequest,
  | 'open'
  | 'setRequestHeader'
  | 'send'
  | 'status'
  | 'responseText'
  | 'upload'
  | 'onload'
  | 'onerror'
  | 'onabort'
  | 'abort'
>

/** The part of EventSource the bridge uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void
  removeEventListener(type: string, listener: (event: MessageEvent) => void): void
  close(): void
}

const TOKEN_HEADER = 'x-tracedeck-token'

/** Builds a HostBridge that talks to the browser host over loopback HTTP. */
export function createHttpBridge(env: HttpBridgeEnv): HostBridge {
  const call = async (verb: ApiVerb, request: unknown): Promise<unknown> => {
    const response = await send(env, `/api/${verb}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: env.token },
      body: JSON.stringify(request ?? {}),
    })
    // Binary results (a trace's span columns) come as bytes; everything else as JSON.
    if (response.ok && response.headers.get('content-type') === 'application/octet-stream') {
      return new Uint8Array(await response.arrayBuffer())
    }
    return readJson(response, verb)
  }

  const api = Object.fromEntries(
    API_VERBS.map((verb) => [verb, (request: unknown) => call(verb, request)]),
  ) as unknown as TraceApi

  return {
    api,
    on: createEventHub(env),
    async pathForFile(file, onProgress, signal): Promise<string> {
      const path = `/api/upload?name=${encodeURIComponent(file.name)}`
      const headers = { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: env.token }
      if (signal?.aborted) throw uploadCancelled(file.name)
      let response: Response
      if (env.createXhr) {
        const url = env.baseUrl + path
        response = await sendWithProgress(env.createXhr(), url, headers, file, onProgress, signal)
      } else {
        try {
          response = await send(env, path, { method: 'POST', headers, body: file, signal })
        } catch (error) {
          if (signal?.aborted) throw uploadCancelled(file.name)
          throw error
        }
      }
      const body = (await readJson(response, `upload of ${file.name}`)) as { path?: unknown }
      if (typeof body?.path !== 'string') {
        throw new HostError(`The host did not accept ${file.name}: no path in its answer`)
      }
      return body.path
    },
  }
}

async function send(env: HttpBridgeEnv, path: string, init: RequestInit): Promise<Response> {
  try {
    return await env.fetch(env.baseUrl + path, init)
  } catch (error) {
    // fetch only rejects when the host is unreachable (stopped, network error).
    throw new HostError(
      `Cannot reach the tracedeck host (${(error as Error).message}). Is \`tracedeck serve\` still running?`,
      'unreachable',
    )
  }
}

function uploadCancelled(name: string): HostError {
  return new HostError(`The upload of ${name} was cancelled`, 'cancelled')
}

/**
 * POSTs a file with XMLHttpRequest, reporting upload progress; answers as a fetch Response.
 * Aborting `signal` aborts the request (the host drops the partial file) and rejects as cancelled.
 */
function sendWithProgress(
  xhr: XhrLike,
  url: string,
  headers: Record<string, string>,
  file: File,
  onProgress?: (bytesSent: number, bytesTotal: number) => void,
  signal?: AbortSignal,
): Promise<Response> {
  const abort = () => xhr.abort()
  return new Promise<Response>((resolve, reject) => {
    const unreachable = (why: string) =>
      reject(
        new HostError(
          `Cannot reach the tracedeck host (${why}). Is \`tracedeck serve\` still running?`,
          'unreachable',
        ),
      )
    xhr.open('POST', url)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    if (onProgress) {
      xhr.upload.onprogress = (event) =>
        onProgress(event.loaded, event.lengthComputable ? event.total : file.size)
    }
    xhr.onload = () => {
      // Status 0 or out of range: no HTTP answer really arrived.
      if (xhr.status < 200 || xhr.status > 599) return unreachable(`HTTP status ${xhr.status}`)
      resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status }))
    }
    xhr.onerror = () => unreachable('the upload failed')
    xhr.onabort = () =>
      signal?.aborted ? reject(uploadCancelled(file.name)) : unreachable('the upload was aborted')
    signal?.addEventListener('abort', abort, { once: true })
    xhr.send(file)
  }).finally(() => signal?.removeEventListener('abort', abort))
}

/** Reads a JSON answer; a non-2xx answer becomes a HostError with the server's message. */
async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text()
  let body: unknown = undefined
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      if (response.ok) throw new HostError(`The host sent an unreadable answer to ${what}`)
    }
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
    const message =
      typeof error?.message === 'string' && error.message
        ? error.message
        : `${what} failed: HTTP ${response.status}${text && !body ? ` ${text.slice(0, 200)}` : ''}`
    const code = typeof error?.code === 'string' ? error.code : httpCode(response.status)
    throw new HostError(message, code)
  }
  return body
}

function httpCode(status: number): string {
  if (status === 401 || status === 403) return 'unauthorised'
  if (status === 404) return 'not-found'
  if (status >= 400 && status < 500) return 'bad-request'
  return 'internal'
}

/**
 * One EventSource for the page, opened on the first subscription; listeners per event name.
 * EventSource reconnects by itself when the host restarts the stream.
 */
function createEventHub(env: HttpBridgeEnv): HostBridge['on'] {
  let source: EventSourceLike | null = null
  const listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>()
  const wired = new Map<ApiEventName, (event: MessageEvent) => void>()

  const wire = (name: ApiEventName) => {
    if (!source)
      source = env.createEventSource(
        `${env.baseUrl}/api/events?token=${encodeURIComponent(env.token)}`,
      )
    if (wired.has(name)) return
    const handler = (event: MessageEvent) => {
      let payload: unknown
      try {
        payload = JSON.parse(String(event.data))
      } catch (error) {
        console.error(`tracedeck: ignoring a malformed "${name}" event`, error)
        return
      }
      for (const listener of [...(listeners.get(name) ?? [])]) listener(payload)
    }
    wired.set(name, handler)
    source.addEventListener(name, handler)
  }

  return function on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    const untyped = listener as (payload: unknown) => void
    set.add(untyped)
    wire(event)
    return () => {
      set.delete(untyped)
    }
  }
}
