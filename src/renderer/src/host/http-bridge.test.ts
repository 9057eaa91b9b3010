import { describe, expect, it } from 'vitest'
import { API_VERBS } from '../../../shared/api'
import { createHttpBridge, type EventSourceLike, type XhrLike } from './http-bridge'
import { takeToken } from './token'

interface Sent {
  url: string
  init: RequestInit
}

function fakeFetch(answer: (sent: Sent) => Response) {
  const sent: Sent[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    const s = { url, init }
    sent.push(s)
    return answer(s)
  }) as unknown as typeof globalThis.fetch
  return { fetch, sent }
}

class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = []
  listeners = new Map<string, Set<(e: MessageEvent) => void>>()
  constructor(public url: string) {
    FakeEventSource.opened.push(this)
  }
  addEventListener(type: string, l: (e: MessageEvent) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set())
    this.listeners.get(type)!.add(l)
  }
  removeEventListener(type: string, l: (e: MessageEvent) => void) {
    this.listeners.get(type)?.delete(l)
  }
  close() {}
  dispatch(type: string, data: string) {
    this.listeners.get(type)?.forEach((l) => l({ data } as MessageEvent))
  }
}

/** An XMLHttpRequest stand-in; `script` plays the upload once `send` is called. */
class FakeXhr {
  opened: string[] = []
  headers: Record<string, string> = {}
  body: Blob | null = null
  status = 0
  responseText = ''
  upload = { onprogress: null as ((event: ProgressEvent) => void) | null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  aborted = false
  abort() {
    this.aborted = true
    this.onabort?.()
  }
  /** As the bridge sees it (a real XMLHttpRequest's handler types are wider). */
  get asXhr(): XhrLike {
    return this as unknown as XhrLike
  }
  constructor(private script: (xhr: FakeXhr) => void) {}
  open(method: string, url: string) {
    this.opened = [method, url]
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: Blob) {
    this.body = body
    queueMicrotask(() => this.script(this))
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent)
  }
  answer(status: number, text: string) {
    this.status = status
    this.responseText = text
    this.onload?.()
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('HTTP bridge', () => {
  it('exposes every contract verb as POST /api/<verb> with the token header and JSON body', async () => {
    const { fetch, sent } = fakeFetch(() => json(200, [{ id: 't1' }]))
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 'secret',
      fetch,
      createEventSource: (u) => new FakeEventSource(u),
    })
    for (const verb of API_VERBS) expect(typeof bridge.api[verb]).toBe('function')

    const result = await bridge.api.listTraces({ status: 'error' })
    expect(result).toEqual([{ id: 't1' }])
    expect(sent[0].url).toBe('/api/listTraces')
    expect(sent[0].init.method).toBe('POST')
    expect((sent[0].init.headers as Record<string, string>)['x-tracedeck-token']).toBe('secret')
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ status: 'error' })
  })

  it("raises the server's error message and code", async () => {
    const { fetch } = fakeFetch(() =>
      json(404, { error: { code: 'not-found', message: 'No trace with id "x"' } }),
    )
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 't',
      fetch,
      createEventSource: (u) => new FakeEventSource(u),
    })
    await expect(bridge.api.getTrace({ id: 'x' })).rejects.toMatchObject({
      message: 'No trace with id "x"',
      code: 'not-found',
    })
  })

  it('explains a non-JSON failure and an unreachable host', async () => {
    const plain = fakeFetch(() => new Response('Forbidden', { status: 403 }))
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 't',
      fetch: plain.fetch,
      createEventSource: (u) => new FakeEventSource(u),
    })
    await expect(bridge.api.appInfo({})).rejects.toMatchObject({
      message: 'appInfo failed: HTTP 403 Forbidden',
      code: 'unauthorised',
    })

    const down = (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    const offline = createHttpBridge({
      baseUrl: '',
      token: 't',
      fetch: down,
      createEventSource: (u) => new FakeEventSource(u),
    })
    await expect(offline.api.appInfo({})).rejects.toThrow(/Cannot reach the tracedeck host/)
  })

  it('uploads a file for pathForFile, keeping its name', async () => {
    const { fetch, sent } = fakeFetch(() => json(200, { path: '/tmp/up/run 1.json' }))
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 't',
      fetch,
      createEventSource: (u) => new FakeEventSource(u),
    })
    const file = new File(['{"resourceSpans":[]}'], 'run 1.json')
    await expect(bridge.pathForFile(file)).resolves.toBe('/tmp/up/run 1.json')
    expect(sent[0].url).toBe('/api/upload?name=run%201.json')
    expect(sent[0].init.body).toBe(file)
  })

  it('reports upload progress through XMLHttpRequest and returns the path', async () => {
    const xhrs: FakeXhr[] = []
    const bridge = createHttpBridge({
      baseUrl: 'http://127.0.0.1:9',
      token: 'tok',
      fetch: fakeFetch(() => json(500, {})).fetch,
      createEventSource: (u) => new FakeEventSource(u),
      createXhr: () => {
        const xhr = new FakeXhr((x) => {
          for (const loaded of [0, 4096, 10_000]) x.progress(loaded, 10_000)
          x.answer(200, JSON.stringify({ path: '/tmp/up/big.json' }))
        })
        xhrs.push(xhr)
        return xhr.asXhr
      },
    })
    const file = new File(['x'.repeat(10_000)], 'big.json')
    const seen: [number, number][] = []
    await expect(bridge.pathForFile(file, (sent, total) => seen.push([sent, total]))).resolves.toBe(
      '/tmp/up/big.json',
    )
    expect(seen).toEqual([
      [0, 10_000],
      [4096, 10_000],
      [10_000, 10_000],
    ])
    expect(xhrs[0].opened).toEqual(['POST', 'http://127.0.0.1:9/api/upload?name=big.json'])
    expect(xhrs[0].headers['x-tracedeck-token']).toBe('tok')
    expect(xhrs[0].body).toBe(file)
  })

  it("raises the host's upload error, and an unreachable host, from XMLHttpRequest", async () => {
    const make = (script: (x: FakeXhr) => void) =>
      createHttpBridge({
        baseUrl: '',
        token: 't',
        fetch: fakeFetch(() => json(500, {})).fetch,
        createEventSource: (u) => new FakeEventSource(u),
        createXhr: () => new FakeXhr(script).asXhr,
      })
    const file = new File(['{}'], 'huge.json')
    await expect(
      make((x) =>
        x.answer(400, JSON.stringify({ error: { code: 'bad-request', message: 'too large' } })),
      ).pathForFile(file),
    ).rejects.toMatchObject({ message: 'too large', code: 'bad-request' })
    await expect(make((x) => x.onerror?.()).pathForFile(file)).rejects.toMatchObject({
      code: 'unreachable',
    })
  })

  it('aborts the upload in flight when its signal is aborted (Cancel), as a cancelled error', async () => {
    const xhrs: FakeXhr[] = []
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 't',
      fetch: fakeFetch(() => json(500, {})).fetch,
      createEventSource: (u) => new FakeEventSource(u),
      // A slow upload: some progress, then nothing until it is aborted.
      createXhr: () => {
        const xhr = new FakeXhr((x) => x.progress(4096, 1e9))
        xhrs.push(xhr)
        return xhr.asXhr
      },
    })
    const file = new File(['{}'], 'huge run.json')
    const cancel = new AbortController()
    const upload = bridge.pathForFile(file, () => cancel.abort(), cancel.signal)
    await expect(upload).rejects.toMatchObject({
      message: 'The upload of huge run.json was cancelled',
      code: 'cancelled',
    })
    expect(xhrs[0].aborted).toBe(true)
    // Already cancelled: nothing is sent at all.
    await expect(bridge.pathForFile(file, undefined, cancel.signal)).rejects.toMatchObject({
      code: 'cancelled',
    })
    expect(xhrs).toHaveLength(1)
  })

  it('opens one event stream and delivers parsed events until unsubscribed', () => {
    FakeEventSource.opened = []
    const { fetch } = fakeFetch(() => json(200, {}))
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 'a b',
      fetch,
      createEventSource: (u) => new FakeEventSource(u),
    })
    const got: unknown[] = []
    const off = bridge.on('libraryChanged', (p) => got.push(p))
    bridge.on('importProgress', () => undefined)
    expect(FakeEventSource.opened).toHaveLength(1)
    expect(FakeEventSource.opened[0].url).toBe('/api/events?token=a%20b')

    FakeEventSource.opened[0].dispatch('libraryChanged', '{"reason":"import"}')
    off()
    FakeEventSource.opened[0].dispatch('libraryChanged', '{"reason":"delete"}')
    expect(got).toEqual([{ reason: 'import' }])
  })
})

describe('token handling', () => {
  function fakeWindow(href: string) {
    const storage = new Map<string, string>()
    const win = {
      location: { href },
      replaced: [] as string[],
      history: {
        replaceState: (_d: unknown, _u: string, url?: string) => void win.replaced.push(url ?? ''),
      },
      sessionStorage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
      },
    }
    return win
  }

  it('takes the token from the URL, keeps it for the tab and strips it from the address bar', () => {
    const win = fakeWindow('http://127.0.0.1:4000/?token=abc123&x=1#here')
    expect(takeToken(win)).toBe('abc123')
    expect(win.replaced).toEqual(['/?x=1#here'])
    win.location.href = 'http://127.0.0.1:4000/?x=1#here' // after a reload
    expect(takeToken(win)).toBe('abc123')
  })

  it('returns null when there is no token anywhere', () => {
    expect(takeToken(fakeWindow('http://127.0.0.1:4000/'))).toBeNull()
  })
})

describe('binary answers', () => {
  it('come back as bytes, not parsed as JSON', async () => {
    const bytes = new Uint8Array([0x54, 0x44, 0x53, 0x43, 1, 0, 0, 0])
    const { fetch } = fakeFetch(
      () =>
        new Response(bytes, {
          status: 200,
          headers: { 'content-type': 'application/octet-stream' },
        }),
    )
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 't',
      fetch,
      createEventSource: (u) => new FakeEventSource(u),
    })
    const answer = await bridge.api.getSpanColumns({ id: 't1' })
    expect(answer).toBeInstanceOf(Uint8Array)
    expect(Array.from(answer)).toEqual(Array.from(bytes))
  })
})
