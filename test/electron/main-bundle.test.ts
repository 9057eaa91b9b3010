/**
 * The built main bundle (out/main/index.js) run in Node under a recording stand-in for `electron`
 * (test/electron/stand-in), one child process per scenario, with a real library and import
 * worker: ready, the hardened window on tracedeck://app/, every verb registered once, the menus
 * of each platform, files from open-file (before and after ready), a second instance and argv,
 * a renderer crash, a start-up exception, a corrupt or missing library, links, window state.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_EVENTS, API_VERBS } from '../../src/shared/api'

import { readOnlyFolder } from '../harden/storage-fixtures'
const SAMPLE = resolve('resources/sample-agent-run.json')
const STAND_IN = resolve('test/electron/stand-in')
const dirs: string[] = []

interface MenuItem {
  label?: string
  role?: string
  accelerator?: string
  registerAccelerator?: boolean
  type?: string
  submenu?: MenuItem[]
}
/* eslint-disable @typescript-eslint/no-explicit-any -- the record is JSON from the child */
type Record_ = { [key: string]: any; menus: MenuItem[][]; dialogs: { message: string; detail?: string; buttons?: string[] }[] }

function drive(scenario: string, options: { env?: NodeJS.ProcessEnv; files?: string[]; platform?: NodeJS.Platform; responses?: number[]; userData?: string } = {}): Record_ {
  const userData = options.userData ?? mkdtempSync(join(tmpdir(), 'tracedeck-bundle-'))
  dirs.push(userData)
  const env = {
    ...process.env,
    FAKE_APP_PATH: resolve('.'),
    FAKE_USER_DATA: userData,
    FAKE_PLATFORM: options.platform ?? 'linux',
    FAKE_FILE: SAMPLE,
    FAKE_RESPONSES: JSON.stringify(options.responses ?? []),
    TRACEDECK_DB: join(userData, 'library.db'),
    ...options.env,
  }
  const run = spawnSync(process.execPath, ['--import', './register.mjs', 'drive.mjs', scenario, ...(options.files ?? [])], { cwd: STAND_IN, env, encoding: 'utf8', timeout: 60_000 })
  const last = run.stdout.trim().split('\n').at(-1) ?? ''
  if (!last.startsWith('{')) throw new Error(`scenario ${scenario} printed no record (status ${run.status}):\n${run.stdout}\n${run.stderr}`)
  return { ...JSON.parse(last), userData }
}

const items = (menu: MenuItem[], label: string): MenuItem[] => menu.find((item) => item.label === label || item.role === label)?.submenu ?? []
const labels = (menu: MenuItem[]) => menu.map((item) => item.label ?? item.role ?? item.type)

beforeAll(() => {
  if (!existsSync('out/main/index.js')) throw new Error('out/ is missing: run "npm run build" first (npm test does)')
})
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('the built main bundle under a stand-in for Electron', () => {
  it('on ready: one hardened window on tracedeck://app/, every verb registered once, the page served with the CSP', () => {
    const run = drive('lifecycle')
    expect(run.unhandled).toBeUndefined()
    expect(run.errorBoxes).toEqual([])
    expect(run.windows).toHaveLength(1)
    expect(run.windows[0].options.webPreferences).toMatchObject({
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
    expect(existsSync(run.windows[0].preload)).toBe(true)
    expect(run.page).toBe('tracedeck://app/index.html')
    expect(run.handles).toEqual(API_VERBS.map((verb) => `tracedeck:api:${verb}`))
    expect(run.contract).toEqual({ verbs: API_VERBS, events: API_EVENTS })
    expect(run.appInfo).toMatchObject({ ok: true, value: { dbPath: join(run.userData, 'library.db'), hasSample: true } })
    expect(run.fromFrame).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(run.schemes).toEqual([{ scheme: 'tracedeck', privileges: expect.objectContaining({ standard: true, secure: true }) }])
    expect(run.html).toMatchObject({ status: 200, type: 'text/html', root: true })
    expect(run.html.csp).toMatch(/^default-src 'self'; script-src 'self'/)
    expect([run.climb, run.missing, run.other]).toEqual([404, 404, 404])
    // Chromium's caches go beside, not among, library.db and prices.json.
    expect(run.paths.sessionData).toBe(join(run.userData, 'Chromium'))
  })

  it('lets our page write to the clipboard (Copy buttons) and nothing else ask for anything', () => {
    const { permissions } = drive('lifecycle')
    expect(permissions).toEqual({ clipboard: true, clipboardRequest: true, clipboardSubframe: false, clipboardElsewhere: false, camera: false })
  })

  it('fits the window to the display and takes the OS theme for its background', () => {
    const light = drive('lifecycle')
    expect(light.windows[0].options).toMatchObject({ width: 1280, height: 760, backgroundColor: '#ffffff' })
    const dark = drive('lifecycle', { env: { FAKE_DARK: '1' } })
    expect(dark.windows[0].options.backgroundColor).toBe('#0e0f13')
  })

  it('macOS menus: app menu first, File ends with Close Window (⌘W), Quit only in the app menu, Open Recent from the OS', () => {
    const [menu] = drive('menu', { platform: 'darwin' }).menus
    expect(labels(menu)).toEqual(['appMenu', 'File', 'editMenu', 'View', 'windowMenu', 'help'])
    const file = items(menu, 'File')
    expect(file.at(-1)).toEqual({ role: 'close' })
    expect(file.some((item) => item.label === 'Quit')).toBe(false)
    expect(file.find((item) => item.label === 'Open Recent')?.role).toBe('recentDocuments')
    expect(labels(items(menu, 'help'))).toEqual(['Keyboard shortcuts'])
  })

  for (const platform of ['linux', 'win32'] as const) {
    it(`${platform} menus: File ends with Quit, Help has shortcuts and About, and both work; opened files go to Open Recent`, () => {
      const run = drive('menu', { platform })
      const [menu] = run.menus
      expect(labels(menu)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help'])
      const file = items(menu, 'File')
      expect(file.at(-1)).toMatchObject({ label: 'Quit', accelerator: 'Ctrl+Q' })
      // The page's own Ctrl+O handler takes the key; the menu item only shows it.
      expect(file[0]).toMatchObject({ label: 'Open…', accelerator: 'CmdOrCtrl+O', registerAccelerator: false })
      expect(labels(items(menu, 'help'))).toEqual(['Keyboard shortcuts', 'separator', 'About tracedeck'])
      expect(run.navigations).toHaveLength(2) // the sample, then a file
      const shortcuts = run.dialogs.find((dialog) => dialog.message === 'Keyboard shortcuts')
      expect(shortcuts?.detail).toContain('Play / Pause: Space')
      expect(run.dialogs.find((dialog) => dialog.message === 'tracedeck 0.1.0')?.detail).toMatch(/Library: .*library\.db/)
      expect(run.recent).toEqual([SAMPLE])
      expect(labels(items(run.menuAfterOpen, 'File').find((item) => item.label === 'Open Recent')!.submenu!)).toEqual(['sample-agent-run.json', 'separator', 'Clear Menu'])
    })
  }

  it('macOS: a file opened before ready is queued (preventDefault) and imported once the page has loaded', () => {
    const run = drive('open-file-before-ready', { platform: 'darwin' })
    expect(run.openFilePrevented).toBe(true)
    expect(run.navigations).toEqual([{ view: 'trace', id: expect.any(String) }])
    expect(run.importJobs).toEqual(['open-1:1'])
  })

  it('macOS with every window closed: open-file and a second instance open a window and import the file once', () => {
    const run = drive('mac-closed', { platform: 'darwin' })
    expect(run.afterClose).toEqual({ windows: 0, quit: 0 })
    expect(run.windowCount).toBe(1)
    expect(run.navigations).toHaveLength(1)
    expect(run.importJobs).toEqual(['open-1:1'])
  })

  it('a second instance with a window open: its files are imported, a name that is no file is reported', () => {
    const run = drive('second-instance')
    expect(run.navigations).toEqual([{ view: 'trace', id: expect.any(String) }])
    expect(run.dialogs.map((dialog) => dialog.message)).toContain('No such file: typo.json')
  })

  it('files on the command line are imported; a typo is reported once the window shows, not dropped', () => {
    const run = drive('argv', { files: [SAMPLE, 'typo.json'] })
    expect(run.calls.find((call: unknown[]) => call[0] === 'requestSingleInstanceLock')[1]).toEqual({ files: [SAMPLE], missing: ['typo.json'] })
    expect(run.navigations).toHaveLength(1)
    expect(run.dialogs.map((dialog) => dialog.message)).toContain('No such file: typo.json')
  })

  it('a second instance that did not get the lock quits without a window', () => {
    const run = drive('no-lock', { env: { FAKE_LOCK: 'taken' } })
    expect(run.quit).toBe(1)
    expect(run.windows).toEqual([])
  })

  it('a renderer crash and a hang get a dialog with Reload / Quit, and the choice is carried out', () => {
    const run = drive('crash', { responses: [0, 2] })
    const [crash, hang] = run.dialogs
    expect(crash).toMatchObject({ message: 'The tracedeck window stopped working', buttons: ['Reload', 'Quit'] })
    expect(crash.detail).toContain('ran out of memory')
    expect(run.reloads).toBe(1)
    expect(hang).toMatchObject({ message: 'The tracedeck window is not responding', buttons: ['Wait', 'Reload', 'Quit'] })
    expect(run.quit).toBe(1)
  })

  it('an exception at start-up shows a dialog and exits 1 instead of lingering without a window', () => {
    const run = drive('plain', { env: { FAKE_THROW: 'menu' } })
    expect(run.errorBoxes[0]).toMatchObject({ title: 'tracedeck failed to start' })
    expect(run.errorBoxes[0].content).toContain('Menu.buildFromTemplate failed')
    expect(run.exit).toBe(1)
    expect(run.unhandled).toBeUndefined()
  })

  it('a corrupt library can be moved aside from the dialog and a new one is started; the old file is kept', () => {
    const userData = mkdtempSync(join(tmpdir(), 'tracedeck-bundle-'))
    writeFileSync(join(userData, 'library.db'), 'this is not a database '.repeat(100))
    const run = drive('lifecycle', { userData, responses: [0] })
    expect(run.dialogs[0]).toMatchObject({ message: 'tracedeck cannot open its library', buttons: ['Move it aside and start a new library', 'Show in folder', 'Quit'] })
    expect(run.appInfo).toMatchObject({ ok: true })
    const aside = readdirSync(userData).find((name) => name.startsWith('library.db.broken-'))
    expect(readFileSync(join(userData, aside!), 'utf8')).toContain('this is not a database')
  })

  it('a library in a read-only folder opens for browsing; one warning names the folder', () => {
    const folder = readOnlyFolder((dir) => {
      const run = drive('lifecycle', { env: { TRACEDECK_DB: join(dir, 'library.db') } })
      expect(run.appInfo).toMatchObject({ ok: true })
    })
    try {
      const run = drive('lifecycle', { env: { TRACEDECK_DB: join(folder.dir, 'library.db') } })
      expect(run.appInfo).toMatchObject({ ok: true, value: { readOnly: `the library folder ${folder.dir} is read-only: browsing only` } })
      expect(run.dialogs).toEqual([
        {
          type: 'warning',
          message: 'The library is open for browsing only',
          detail: `the library folder ${folder.dir} is read-only: browsing only.\n\nImports and deletions are refused until the library can be written again; restart tracedeck then.`,
        },
      ])
    } finally {
      folder.remove()
    }
  })

  it('a library in a folder that does not exist yet is created', () => {
    const userData = mkdtempSync(join(tmpdir(), 'tracedeck-bundle-'))
    const run = drive('lifecycle', { userData, env: { TRACEDECK_DB: join(userData, 'new', 'place', 'library.db') } })
    expect(run.dialogs).toEqual([])
    expect(existsSync(join(userData, 'new', 'place', 'library.db'))).toBe(true)
  })

  it('http(s) links open in the system browser after a confirmation, never in the window; file: links do nothing', () => {
    const run = drive('links', { responses: [0, 1] })
    expect(run.https).toEqual({ action: 'deny' })
    expect(run.file).toEqual({ action: 'deny' })
    expect(run.navigatePrevented).toBe(true)
    expect(run.dialogs.map((dialog) => dialog.detail)).toEqual(['https://example.com/docs', 'https://example.org/'])
    expect(run.external).toEqual(['https://example.com/docs'])
  })

  it('packaged: argv holds only the files, the sample is found in <resourcesPath>/resources, no dev menu', () => {
    const resources = mkdtempSync(join(tmpdir(), 'tracedeck-bundle-'))
    dirs.push(resources)
    mkdirSync(join(resources, 'resources'))
    writeFileSync(join(resources, 'resources', 'sample-agent-run.json'), readFileSync(SAMPLE))
    const run = drive('packaged', { files: [SAMPLE], env: { FAKE_PACKAGED: '1', FAKE_RESOURCES: resources } })
    expect(run.appInfo).toMatchObject({ ok: true, value: { hasSample: true } })
    expect(run.navigations).toHaveLength(1)
    expect(labels(items(run.menus[0], 'View'))).not.toContain('toggleDevTools')
  })

  it('the window comes back where the user left it', () => {
    const userData = mkdtempSync(join(tmpdir(), 'tracedeck-bundle-'))
    mkdirSync(userData, { recursive: true })
    const run = drive('window-state', { platform: 'darwin', userData })
    expect(run.windows[1].options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 })
  })
})
