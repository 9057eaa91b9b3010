/**
 * Runs the built main bundle (out/main/index.js) under the stand-in and plays Electron's part in
 * one scenario, then prints what was recorded as JSON on the last line of stdout.
 *
 *   node --import ./register.mjs drive.mjs <scenario> [files…]
 *
 * Event order follows Electron's lib/browser/init.ts: the bundle is evaluated (top-level
 * registrations), then 'will-finish-launching', optional 'open-file', then 'ready'. A page's
 * load is 'did-finish-load' then 'ready-to-show'. FAKE_PLATFORM sets process.platform.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as electron from './electron.mjs'

const { app, control, record } = electron
const [scenario, ...files] = process.argv.slice(2)
const bundle = resolve(process.env.FAKE_APP_PATH, 'out', 'main', 'index.js')
if (process.env.FAKE_PLATFORM) Object.defineProperty(process, 'platform', { value: process.env.FAKE_PLATFORM })
// Packaged, argv is [app, ...files] and resources/ sits in process.resourcesPath; else [electron, app, ...files].
process.argv = process.env.FAKE_PACKAGED === '1' ? [process.execPath, ...files] : [process.execPath, process.env.FAKE_APP_PATH, ...files]
if (process.env.FAKE_RESOURCES) process.resourcesPath = process.env.FAKE_RESOURCES
control.responses = JSON.parse(process.env.FAKE_RESPONSES ?? '[]')

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
async function settle(check, what) {
  for (let i = 0; i < 400 && !check(); i++) await sleep(25)
  if (!check()) throw new Error(`timed out waiting for ${what}`)
}
const windows = () => electron.BrowserWindow.getAllWindows()
const navigations = () => record.sent.filter(([channel]) => channel === 'tracedeck:event:navigate')
const importJobs = () => [...new Set(record.sent.filter(([c, p]) => c === 'tracedeck:event:importProgress' && p.phase === 'done').map(([, p]) => `${p.jobId}:${p.fileCount}`))]

let finished = false
function finish(extra = {}) {
  if (finished) return
  finished = true
  const menus = record.menus.map((template) => JSON.parse(JSON.stringify(template, (key, value) => (typeof value === 'function' ? undefined : value))))
  const out = { ...record, menus, windowCount: windows().length, navigations: navigations().map(([, p]) => p), importJobs: importJobs(), ...extra }
  delete out.sent
  process.stdout.write(`\n${JSON.stringify(out)}\n`)
  process.exit(0)
}
control.onExit = (code) => {
  if (scenario === 'no-lock' || code !== 0) setTimeout(() => finish(), 50)
}

/** Loads the page in a window: its did-finish-load, then ready-to-show. */
function pageLoads(window) {
  window.webContents.emit('did-finish-load')
  window.emit('ready-to-show')
}
async function firstWindow() {
  await settle(() => windows().length === 1, 'the main window')
  const [window] = windows()
  pageLoads(window)
  return window
}
function menuItem(template, label) {
  for (const item of template) {
    if (item.label === label) return item
    const inner = Array.isArray(item.submenu) ? menuItem(item.submenu, label) : undefined
    if (inner) return inner
  }
  return undefined
}

process.on('unhandledRejection', (error) => finish({ unhandled: String(error?.stack ?? error) }))

await import(pathToFileURL(bundle).href)
app.emit('will-finish-launching')
const before = {}
if (scenario === 'open-file-before-ready') {
  let prevented = false
  app.emit('open-file', { preventDefault: () => (prevented = true) }, files.pop() ?? process.env.FAKE_FILE)
  before.openFilePrevented = prevented
}
electron.fireReady()
if (scenario === 'no-lock' || process.env.FAKE_THROW) {
  await sleep(500)
  finish(before)
}

const window = await firstWindow()
const page = window.loaded[0]
const result = { ...before, page }

if (scenario === 'lifecycle') {
  const appInfo = await electron.invoke(window, 'tracedeck:api:appInfo', {})
  const fromFrame = await electron.invoke(window, 'tracedeck:api:appInfo', {}, 'https://evil.example/')
  const contract = electron.sendSync(window, 'tracedeck:contract')
  const html = await electron.request('tracedeck://app/index.html')
  const climb = await electron.request('tracedeck://app/..%2f..%2fpackage.json')
  const missing = await electron.request('tracedeck://app/%2e%2e/%2e%2e/package.json')
  const other = await electron.request('tracedeck://elsewhere/index.html')
  const perm = (permission, url, isMainFrame = true) =>
    electron.session.defaultSession.permissionCheck(window.webContents, permission, new URL(url).origin, { requestingUrl: url, isMainFrame })
  let granted
  electron.session.defaultSession.permissionRequest(window.webContents, 'clipboard-sanitized-write', (ok) => (granted = ok), { requestingUrl: page, isMainFrame: true })
  Object.assign(result, {
    appInfo,
    fromFrame,
    contract,
    html: { status: html.status, csp: html.headers.get('content-security-policy'), type: html.headers.get('content-type'), root: (await html.text()).includes('<div id="root">') },
    climb: climb.status,
    missing: missing.status,
    other: other.status,
    permissions: {
      clipboard: perm('clipboard-sanitized-write', page),
      clipboardRequest: granted,
      clipboardSubframe: perm('clipboard-sanitized-write', page, false),
      clipboardElsewhere: perm('clipboard-sanitized-write', 'https://evil.example/'),
      camera: perm('media', page),
    },
  })
}

if (scenario === 'packaged') result.appInfo = await electron.invoke(window, 'tracedeck:api:appInfo', {})

if (scenario === 'links') {
  const contents = window.webContents
  const decide = (url) => contents.windowOpenHandler({ url })
  result.https = decide('https://example.com/docs')
  result.file = decide('file:///etc/passwd')
  let prevented = false
  contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://example.org/')
  result.navigatePrevented = prevented
  await sleep(100)
}

if (scenario === 'second-instance') {
  app.emit('second-instance', {}, ['/x/electron', '--some-switch', '.'], '/', { files: [process.env.FAKE_FILE], missing: ['typo.json'] })
  await settle(() => navigations().length > 0, 'a navigate event')
}

if (scenario === 'mac-closed') {
  window.close()
  result.afterClose = { windows: windows().length, quit: record.quit }
  app.emit('open-file', { preventDefault() {} }, process.env.FAKE_FILE)
  app.emit('second-instance', {}, [], '/', { files: [process.env.FAKE_FILE], missing: [] })
  await settle(() => windows().length === 1, 'a new window')
  pageLoads(windows()[0])
  await settle(() => navigations().length > 0, 'a navigate event')
  await sleep(200)
}

if (scenario === 'open-file-before-ready' || scenario === 'argv' || scenario === 'packaged') {
  await settle(() => navigations().length > 0, 'a navigate event')
  await sleep(200)
}

if (scenario === 'crash') {
  window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: -5 })
  await sleep(50)
  result.reloads = window.webContents.reloads
  window.webContents.emit('unresponsive')
  await sleep(50)
}

if (scenario === 'menu') {
  const [template] = record.menus
  const click = (label) => menuItem(template, label)?.click?.()
  click('Open sample trace')
  await settle(() => navigations().length > 0, 'the sample')
  app.emit('second-instance', {}, [], '/', { files: [process.env.FAKE_FILE], missing: [] })
  await settle(() => navigations().length > 1, 'the file')
  click('Keyboard shortcuts')
  click('About tracedeck')
  await sleep(100)
  result.menuAfterOpen = JSON.parse(JSON.stringify(record.menus.at(-1), (key, value) => (typeof value === 'function' ? undefined : value)))
}

if (scenario === 'window-state') {
  window.setBounds({ x: 40, y: 30, width: 1000, height: 700 })
  window.close()
  app.emit('activate')
  await settle(() => windows().length === 1, 'a new window')
}

finish(result)
