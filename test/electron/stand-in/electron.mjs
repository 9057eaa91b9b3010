/**
 * A recording stand-in for the `electron` module, for running the built main bundle in Node.
 * It behaves as far as the bundle can tell (events, return values, the errors Electron throws
 * for a second ipcMain.handle or a late registerSchemesAsPrivileged) and records every call in
 * `record`. The driver (drive.mjs) plays Electron's part: it fires 'ready', a page's load, a
 * crash, a second instance, and answers dialogs from `control.responses`.
 */
import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const record = { calls: [], windows: [], handles: [], listeners: [], dialogs: [], errorBoxes: [], menus: [], sent: [], external: [], schemes: [], protocols: [], paths: {}, recent: [], exit: null, quit: 0 }
export const control = { responses: [], ready: false, dark: process.env.FAKE_DARK === '1', throwIn: process.env.FAKE_THROW, onExit: () => {} }

const log = (name, ...args) => record.calls.push([name, ...args])
let readyResolve
const readyPromise = new Promise((resolve) => (readyResolve = resolve))

class App extends EventEmitter {
  isPackaged = process.env.FAKE_PACKAGED === '1'
  name = 'tracedeck'
  getAppPath = () => process.env.FAKE_APP_PATH
  getPath = (name) => record.paths[name] ?? (name === 'userData' ? process.env.FAKE_USER_DATA : `/fake/${name}`)
  setPath = (name, path) => {
    if (control.ready && name === 'sessionData') throw new Error('sessionData must be set before ready')
    record.paths[name] = path
  }
  getVersion = () => '0.1.0'
  requestSingleInstanceLock = (data) => {
    log('requestSingleInstanceLock', data)
    return process.env.FAKE_LOCK !== 'taken'
  }
  whenReady = () => readyPromise
  isReady = () => control.ready
  quit = () => {
    record.quit++
    this.emit('before-quit')
    this.emit('will-quit')
    control.onExit(0)
  }
  exit = (code) => {
    record.exit = code
    control.onExit(code)
  }
  addRecentDocument = (path) => record.recent.push(path)
  clearRecentDocuments = () => (record.recent.length = 0)
  setAppUserModelId = (id) => log('setAppUserModelId', id)
  setAboutPanelOptions = (options) => log('setAboutPanelOptions', options)
  showAboutPanel = () => log('showAboutPanel')
}
export const app = new App()

/** The driver's 'ready'. */
export function fireReady() {
  control.ready = true
  app.emit('ready')
  readyResolve()
}

const windows = []
let nextId = 1
class WebContents extends EventEmitter {
  constructor(window) {
    super()
    this.id = nextId++
    this.window = window
    this.mainFrame = { url: '', parent: null }
    this.reloads = 0
  }
  send(channel, payload) {
    record.sent.push([channel, payload])
  }
  isDestroyed = () => this.window.destroyed
  reload() {
    this.reloads++
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    if (!control.ready) throw new Error('Cannot create BrowserWindow before app is ready')
    this.options = options
    this.visible = false
    this.destroyed = false
    this.maximized = false
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height }
    this.webContents = new WebContents(this)
    this.loaded = []
    windows.push(this)
    record.windows.push({ options: JSON.parse(JSON.stringify(options)), preload: options.webPreferences?.preload })
    app.emit('web-contents-created', {}, this.webContents)
    app.emit('browser-window-created', {}, this)
  }
  static getAllWindows = () => windows.filter((window) => !window.destroyed)
  static getFocusedWindow = () => windows.find((window) => !window.destroyed)
  loadURL(url) {
    this.loaded.push(url)
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  loadFile(path) {
    return this.loadURL(`file://${path}`)
  }
  show = () => (this.visible = true)
  hide = () => (this.visible = false)
  focus = () => {}
  isVisible = () => this.visible
  isMinimized = () => false
  restore = () => {}
  maximize = () => (this.maximized = true)
  isMaximized = () => this.maximized
  isDestroyed = () => this.destroyed
  getNormalBounds = () => ({ ...this.bounds })
  setBounds = (bounds) => Object.assign(this.bounds, bounds)
  setBackgroundColor = (color) => log('setBackgroundColor', color)
  close() {
    this.emit('close', { preventDefault() {} })
    this.destroyed = true
    this.emit('closed')
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
  }
}

function answer(options) {
  record.dialogs.push({ type: options.type, message: options.message, detail: options.detail, buttons: options.buttons })
  return control.responses.length ? control.responses.shift() : 0
}
export const dialog = {
  showMessageBox: async (windowOrOptions, maybeOptions) => ({ response: answer(maybeOptions ?? windowOrOptions), checkboxChecked: false }),
  showMessageBoxSync: (windowOrOptions, maybeOptions) => answer(maybeOptions ?? windowOrOptions),
  showErrorBox: (title, content) => record.errorBoxes.push({ title, content }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
}

const ipcHandlers = new Map()
const ipcListeners = new Map()
export const ipcMain = {
  handle(channel, listener) {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    ipcHandlers.set(channel, listener)
    record.handles.push(channel)
  },
  removeHandler: (channel) => ipcHandlers.delete(channel),
  on(channel, listener) {
    ipcListeners.set(channel, listener)
    record.listeners.push(channel)
  },
  removeListener: (channel) => ipcListeners.delete(channel),
}
/** ipcRenderer.invoke from a frame of `window` whose URL is `url`. */
export function invoke(window, channel, payload, url = window.webContents.mainFrame.url) {
  const sender = window.webContents
  const senderFrame = url === window.webContents.mainFrame.url ? sender.mainFrame : { url, parent: sender.mainFrame }
  return ipcHandlers.get(channel)({ sender, senderFrame, processId: 1, frameId: 1 }, payload)
}
/** ipcRenderer.sendSync from `window`'s page. */
export function sendSync(window, channel) {
  const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame, returnValue: undefined }
  ipcListeners.get(channel)(event)
  return event.returnValue
}

export const Menu = {
  buildFromTemplate(template) {
    if (control.throwIn === 'menu') throw new Error('stand-in: Menu.buildFromTemplate failed')
    return { template }
  },
  setApplicationMenu: (menu) => record.menus.push(menu.template),
}

export const nativeTheme = Object.assign(new EventEmitter(), {
  get shouldUseDarkColors() {
    return control.dark
  },
  themeSource: 'system',
})

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' }
export const net = {
  fetch: async (url) => {
    const path = fileURLToPath(url)
    return new Response(readFileSync(path), { headers: { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' } })
  },
}

const protocolHandlers = new Map()
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (control.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    record.schemes.push(...schemes)
  },
  handle(scheme, handler) {
    protocolHandlers.set(scheme, handler)
    record.protocols.push(scheme)
  },
}
/** A request the page makes on a custom scheme. */
export function request(url) {
  const scheme = new URL(url).protocol.slice(0, -1)
  return protocolHandlers.get(scheme)(new Request(url))
}

const display = { id: 1, workArea: { x: 0, y: 0, width: 1280, height: 760 }, bounds: { x: 0, y: 0, width: 1280, height: 800 } }
export const screen = { getPrimaryDisplay: () => display, getDisplayMatching: () => display, getAllDisplays: () => [display] }

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => (session.defaultSession.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (session.defaultSession.permissionCheck = handler),
    webRequest: { onHeadersReceived: () => {} },
    protocol,
  },
}

export const shell = {
  openExternal: async (url) => record.external.push(url),
  showItemInFolder: (path) => log('showItemInFolder', path),
  openPath: async (path) => log('openPath', path),
}

/** Reversible and visibly not the plain text, like the real one's ciphertext. */
export const safeStorage = {
  isEncryptionAvailable: () => process.env.FAKE_NO_ENCRYPTION !== '1',
  encryptString: (text) => {
    log('safeStorage.encryptString')
    return Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`)
  },
  decryptString: (buffer) => {
    const s = buffer.toString()
    if (!s.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return Buffer.from(s.slice(7), 'hex').toString()
  },
}
export const webContents = { getAllWebContents: () => windows.filter((window) => !window.destroyed).map((window) => window.webContents) }
export const contextBridge = {}
export const ipcRenderer = {}
export const webUtils = {}

export default { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, net, protocol, safeStorage, screen, session, shell, webContents }
