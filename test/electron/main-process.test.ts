/**
 * The Electron main process (src/main/index.ts) run against a mocked `electron` module and a real
 * library in a temp file: the single-instance lock, every verb bound with validation, a hardened
 * window, the menu, navigation and window.open blocked, and files from a second instance opened.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { API_VERBS } from '../../src/shared/api'
import type { LibraryOptions } from '../../src/main/core/library'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-electron-'))
process.env.TRACEDECK_DB = join(dir, 'library.db')
const SAMPLE = resolve('resources/sample-agent-run.json')

const mock = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vi.hoisted runs before imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events')
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    getAppPath: vi.fn(() => process.cwd()),
    quit: vi.fn(),
  })
  const sent: [string, unknown][] = []
  const pageContents = Object.assign(new Emitter(), {
    send: vi.fn((channel: string, payload: unknown) => void sent.push([channel, payload])),
    isDestroyed: () => false,
  })
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = []
  class BrowserWindow extends Emitter {
    webContents = pageContents
    loaded: string[] = []
    constructor(public options: Record<string, unknown>) {
      super()
      windows.push(this)
    }
    loadFile(path: string) {
      this.loaded.push(path)
      return Promise.resolve()
    }
    loadURL(url: string) {
      this.loaded.push(url)
      return Promise.resolve()
    }
    isMinimized = () => false
    restore = vi.fn()
    show = vi.fn()
    focus = vi.fn()
    static getAllWindows = () => windows
  }
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>()
  return {
    app,
    sent,
    pageContents,
    windows,
    ipcHandlers,
    BrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => void ipcHandlers.set(channel, listener)),
      removeHandler: vi.fn(),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })), showOpenDialog: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    webContents: { getAllWebContents: () => [pageContents] },
  }
})
vi.mock('electron', () => ({ default: mock, ...mock }))
// From source there is no built import-worker.js next to the code: import in-process instead.
vi.mock('../../src/main/core/library-service', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/main/core/library-service')>()
  return { ...real, createLibrary: (options: LibraryOptions) => real.createLibrary({ ...options, useWorker: false }) }
})

// Run from source, the entry is src/main/index.ts, so "the built page" is src/renderer/index.html.
const fromApp = (url = `file://${resolve('src/renderer/index.html')}`) => ({ senderFrame: { url } })

async function settle(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25))
  if (!check()) throw new Error(`timed out waiting for ${what}`)
}

beforeAll(async () => {
  await import('../../src/main/index')
  await settle(() => mock.windows.length === 1, 'the main window')
})

afterAll(() => {
  mock.app.emit('will-quit')
  rmSync(dir, { recursive: true, force: true })
})

describe('Electron main process', () => {
  it('takes the single-instance lock and opens the library at the default path', async () => {
    expect(mock.app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(mock.dialog.showErrorBox).not.toHaveBeenCalled()
    const reply = (await mock.ipcHandlers.get('tracedeck:api:appInfo')!(fromApp(), {})) as {
      ok: true
      value: { dbPath: string; hasSample: boolean; pricesPath?: string }
    }
    expect(reply.ok).toBe(true)
    expect(reply.value.dbPath).toBe(process.env.TRACEDECK_DB)
    // The user's price table sits beside the library (userData unless TRACEDECK_DB moves it).
    expect(reply.value.pricesPath).toBe(join(dir, 'prices.json'))
    expect(reply.value.hasSample).toBe(true)
  })

  it('binds every verb and validates every payload', async () => {
    expect([...mock.ipcHandlers.keys()].sort()).toEqual(API_VERBS.map((verb) => `tracedeck:api:${verb}`).sort())
    const reply = (await mock.ipcHandlers.get('tracedeck:api:getSpan')!(fromApp(), { traceId: 'x', index: 'first' })) as {
      ok: boolean
      error: { code: string }
    }
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    const foreign = (await mock.ipcHandlers.get('tracedeck:api:listTraces')!(fromApp('https://evil.example/'), {})) as { ok: boolean }
    expect(foreign.ok).toBe(false)
  })

  it('creates one hardened window loading the built page through the preload', () => {
    const [window] = mock.windows
    const prefs = window.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    })
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/)
    expect(window.loaded[0]).toMatch(/renderer[\\/]index\.html$/)
    expect(mock.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
  })

  it('sends a strict CSP header with every response', () => {
    const [listener] = mock.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0] as unknown as [
      (details: unknown, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void,
    ]
    let headers: Record<string, string[]> = {}
    listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => (headers = response.responseHeaders))
    expect(headers['Content-Security-Policy'][0]).toMatch(/default-src 'self'; script-src 'self'/)
    expect(headers['Content-Type']).toEqual(['text/html'])
  })

  it('has a File menu with Open…, Open sample trace and Quit', () => {
    const [template] = mock.Menu.buildFromTemplate.mock.calls[0] as unknown as [MenuItemConstructorOptions[]]
    const file = template.find((item) => item.label === 'File')!
    const labels = (file.submenu as MenuItemConstructorOptions[]).map((item) => item.label).filter(Boolean)
    expect(labels).toEqual(['Open…', 'Open sample trace', 'Quit'])
    const quit = (file.submenu as MenuItemConstructorOptions[]).find((item) => item.label === 'Quit')!
    ;(quit.click as () => void)()
    expect(mock.app.quit).toHaveBeenCalled()
    mock.app.quit.mockClear()
  })

  it('blocks navigation, redirects, webviews and window.open in every web contents', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() })
    mock.app.emit('web-contents-created', {}, contents)
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      contents.emit(name, event, 'https://evil.example/')
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
    const [handler] = contents.setWindowOpenHandler.mock.calls[0] as [(details: { url: string }) => { action: string }]
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
  })

  it('opens files forwarded by a second instance once the page has loaded', async () => {
    mock.pageContents.emit('did-finish-load')
    mock.app.emit('second-instance', {}, ['/usr/bin/electron', '.', '--some-switch', 'resources/sample-agent-run.json', 'missing.json'], process.cwd())
    await settle(() => mock.sent.some(([channel]) => channel === 'tracedeck:event:navigate'), 'the navigate event')
    const [, payload] = mock.sent.find(([channel]) => channel === 'tracedeck:event:navigate')!
    expect(payload).toMatchObject({ view: 'trace' })
    const traces = (await mock.ipcHandlers.get('tracedeck:api:listTraces')!(fromApp(), {})) as { ok: true; value: { source: { file: string } }[] }
    expect(traces.value.length).toBeGreaterThan(0)
    expect(traces.value.every((trace) => trace.source.file === 'sample-agent-run.json')).toBe(true)
    expect(SAMPLE).toContain('sample-agent-run.json')
  })

  it('opens the bundled sample from the menu', async () => {
    mock.sent.length = 0
    const [template] = mock.Menu.buildFromTemplate.mock.calls[0] as unknown as [MenuItemConstructorOptions[]]
    const file = template.find((item) => item.label === 'File')!
    const sample = (file.submenu as MenuItemConstructorOptions[]).find((item) => item.label === 'Open sample trace')!
    ;(sample.click as () => void)()
    await settle(() => mock.sent.some(([channel]) => channel === 'tracedeck:event:navigate'), 'the navigate event')
    const [, payload] = mock.sent.find(([channel]) => channel === 'tracedeck:event:navigate')!
    const id = (payload as { id: string }).id
    const detail = (await mock.ipcHandlers.get('tracedeck:api:getTrace')!(fromApp(), { id })) as { ok: true; value: { trace: { source: { file: string } } } }
    expect(detail.value.trace.source.file).toBe('sample-agent-run.json')
  })
})
