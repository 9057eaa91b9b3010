/**
 * Electron lifecycle: single-instance lock, the library, the IPC binding, one hardened window on
 * tracedeck://app/, the menu, and trace files opened from the command line, a second instance,
 * the menu or the OS. Everything with logic lives in ./shell and ./ipc; this file wires it.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, net, protocol, screen, session, shell, webContents } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiEventName, ApiEvents } from '../shared/api'
import type { ImportReport } from '../shared/model'
import { createLibrary, type Library } from './core/library-service'
import { bundledSamplePath, defaultLibraryPath, findResourcesDir } from './core/paths'
import { bindApi, sendEvent } from './ipc/bind-api'
import { safeStorageVault } from './shell/key-vault'
import { hardenSession, hardenWebContents } from './shell/harden'
import { openLibraryInteractively } from './shell/library-open'
import { menuTemplate } from './shell/menu'
import { electronNativeBinding } from './shell/native-binding'
import { filesFromArgs, userArgs, type ArgFiles } from './shell/open-files'
import { userPrices } from './shell/prices'
import { APP_PAGE_URL, APP_SCHEME_PRIVILEGES, serveRenderer } from './shell/protocol'
import { RecentFiles } from './shell/recent'
import { shortcutsText } from './shell/shortcuts'
import { appFiles, backgroundColor, devServerUrl, isAppUrl, mainWindowOptions, markPackaged } from './shell/window'
import { guardWindow } from './shell/window-guard'
import { fitBounds, loadWindowState, saveWindowState } from './shell/window-state'

/** The same id as electron-builder.yml's appId (Windows groups the taskbar and notifications by it). */
const APP_ID = 'dev.tracedeck.app'
/** out/main when built (this file is the bundle's entry); the preload and page sit beside it. */
const files = appFiles(dirname(fileURLToPath(import.meta.url)))

let library: Library | undefined
let mainWindow: BrowserWindow | undefined
let rendererReady = false
/** Files to import once a window's page has loaded (command line, open-file, second instance), each once. */
const pendingFiles: string[] = []
let jobCounter = 0
/** Shown once the first window is on screen: the price file's problem, arguments naming no file. */
const startupWarnings: { message: string; detail: string }[] = []
let recent: RecentFiles | undefined

function emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
  sendEvent(webContents.getAllWebContents(), event, payload)
}

function message(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> {
  return mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options)
}

/** An exception at start-up or in the lifecycle: say so and exit, never linger without a window. */
function fatal(error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  console.error(`tracedeck: ${text}`)
  dialog.showErrorBox('tracedeck failed to start', text)
  app.exit(1)
}

function showWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

/**
 * Shows the first trace of the reports; lists the files that failed in one dialog. `paths` (in
 * the reports' order) are the user's files, remembered for Open Recent when they opened.
 */
function reportOpened(reports: ImportReport[], paths: readonly string[] = []): void {
  const first = reports.find((report) => report.traces.length)?.traces[0]
  if (first) emit('navigate', { view: 'trace', id: first.id })
  const opened = paths.filter((_path, index) => reports[index] && !reports[index].error)
  if (opened.length) {
    recent?.add(opened)
    for (const path of opened) app.addRecentDocument(path)
    setMenu()
  }
  const failed = reports.filter((report) => report.error)
  if (failed.length) {
    void message({
      type: 'warning',
      message: failed.length === 1 ? `Could not open ${failed[0].file}` : `Could not open ${failed.length} files`,
      detail: failed.map((report) => report.error).join('\n'),
    })
  }
}

async function importPending(): Promise<void> {
  const paths = pendingFiles.splice(0)
  if (!paths.length || !library) return
  try {
    reportOpened(await library.handlers.importFiles({ paths, jobId: `open-${++jobCounter}` }), paths)
  } catch (error) {
    dialog.showErrorBox('tracedeck could not import', (error as Error).message)
  }
}

/** Queues files and imports them once a window shows them; opens a window when there is none (macOS). */
async function openFiles(paths: string[]): Promise<void> {
  for (const path of paths) if (!pendingFiles.includes(path)) pendingFiles.push(path)
  if (!pendingFiles.length || !library) return // before 'ready': start() opens the window
  if (!mainWindow) createWindow()
  showWindow()
  if (rendererReady) await importPending()
}

async function openSample(): Promise<void> {
  if (!library) return
  if (!mainWindow) createWindow()
  try {
    reportOpened([await library.handlers.importSample({})])
  } catch (error) {
    dialog.showErrorBox('tracedeck could not open the sample trace', (error as Error).message)
  }
}

async function chooseFiles(): Promise<void> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open trace files',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Trace files', extensions: ['json', 'jsonl', 'ndjson', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  }
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
  if (!result.canceled) await openFiles(result.filePaths)
}

/** Links in trace content: the system browser, after the user agrees, never this window. */
async function openExternal(url: string): Promise<void> {
  const { response } = await message({ type: 'question', message: 'Open this link in your browser?', detail: url, buttons: ['Open in browser', 'Cancel'], defaultId: 0, cancelId: 1 })
  if (response === 0) await shell.openExternal(url)
}

function showAbout(): void {
  const versions = `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`
  void message({ type: 'info', message: `tracedeck ${app.getVersion()}`, detail: `Offline inspector for LLM and AI-agent traces.\n\n${versions}\nLibrary: ${defaultLibraryPath()}` })
}

function setMenu(): void {
  const template = menuTemplate(
    {
      open: () => void chooseFiles(),
      openSample: () => void openSample(),
      openRecent: (path) => void openFiles([path]),
      clearRecent: () => {
        recent?.clear()
        app.clearRecentDocuments()
        setMenu()
      },
      shortcuts: () => void message({ type: 'info', message: 'Keyboard shortcuts', detail: shortcutsText() }),
      about: showAbout,
      quit: () => app.quit(),
    },
    process.platform,
    !app.isPackaged,
    recent?.list() ?? [],
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function windowStateFile(): string {
  return join(app.getPath('userData'), 'window-state.json')
}

function createWindow(): void {
  const state = loadWindowState(windowStateFile())
  const display = state.bounds ? screen.getDisplayMatching(state.bounds) : screen.getPrimaryDisplay()
  const window = new BrowserWindow(mainWindowOptions(files.preload, fitBounds(state.bounds, display.workArea), nativeTheme.shouldUseDarkColors))
  mainWindow = window
  rendererReady = false
  if (state.maximized) window.maximize()
  guardWindow(window, { dialog, quit: () => app.quit() })
  window.once('ready-to-show', () => {
    window.show()
    for (const warning of startupWarnings.splice(0)) void dialog.showMessageBox(window, { type: 'warning', ...warning })
  })
  window.webContents.on('did-finish-load', () => {
    rendererReady = true
    void importPending()
  })
  window.on('close', () => saveWindowState(windowStateFile(), { bounds: window.getNormalBounds(), maximized: window.isMaximized() }))
  window.on('closed', () => {
    if (mainWindow !== window) return
    mainWindow = undefined
    rendererReady = false
  })
  const dev = devServerUrl()
  void (dev ? window.loadURL(dev) : window.loadURL(APP_PAGE_URL))
}

async function openLibrary(): Promise<Library | undefined> {
  const dbPath = defaultLibraryPath()
  const nativeBinding = electronNativeBinding(app.getAppPath(), process.versions.electron)
  const resources = app.isPackaged ? findResourcesDir(process.resourcesPath) : findResourcesDir()
  const prices = userPrices(dbPath)
  if (prices.problem) {
    startupWarnings.push({
      message: 'Your price table is not used',
      detail: `${prices.problem}\n\nCosts are estimated from the bundled price table until the file is fixed and tracedeck restarted.`,
    })
  }
  // The OTLP receiver's switch (in the window) is remembered in live.json beside the library.
  const liveSettingsPath = join(app.getPath('userData'), 'live.json')
  const open = () => createLibrary({ dbPath, pricesPath: prices.path, samplePath: bundledSamplePath(resources), nativeBinding, emit, liveSettingsPath, keyVault: safeStorageVault() })
  return openLibraryInteractively(dbPath, open, { dialog, shell, packaged: app.isPackaged })
}

async function start(): Promise<void> {
  recent = new RecentFiles(join(app.getPath('userData'), 'recent.json'))
  library = await openLibrary()
  if (!library) {
    app.quit()
    return
  }
  // A library that cannot be written is browsed only; the window says why once (finding 10).
  if (library.readOnly) {
    startupWarnings.push({
      message: 'The library is open for browsing only',
      detail: `${library.readOnly}.\n\nImports and deletions are refused until the library can be written again; restart tracedeck then.`,
    })
  }
  hardenSession(session.defaultSession)
  serveRenderer(protocol, files.rendererDir, (url) => net.fetch(url))
  bindApi(ipcMain, library.handlers, {
    isTrustedSender: (event) =>
      Boolean(event.senderFrame && event.sender === mainWindow?.webContents && event.senderFrame === event.sender.mainFrame && isAppUrl(event.senderFrame.url)),
  })
  setMenu()
  // Switched on last time: listen again (a taken port shows in the window, not as a dialog).
  if (!library.readOnly) void library.live.restore()
  nativeTheme.on('updated', () => mainWindow?.setBackgroundColor(backgroundColor(nativeTheme.shouldUseDarkColors)))
  createWindow()
}

/** A warning for command-line arguments that name no file. */
function missingWarning(missing: readonly string[]): { message: string; detail: string } {
  return { message: missing.length === 1 ? `No such file: ${missing[0]}` : `${missing.length} files not found`, detail: missing.join('\n') }
}

// Before 'ready': the scheme's privileges, Chromium's caches apart from library.db and prices.json.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
markPackaged(app.isPackaged)
app.setPath('sessionData', join(app.getPath('userData'), 'Chromium'))
if (process.platform === 'win32') app.setAppUserModelId(APP_ID)

const first = filesFromArgs(userArgs(process.argv, app.isPackaged), process.cwd())
// The second instance hands its files over as data: Chromium may reorder and add to its argv.
if (!app.requestSingleInstanceLock(first)) {
  app.quit()
} else {
  pendingFiles.push(...first.files)
  if (first.missing.length) startupWarnings.push(missingWarning(first.missing))
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const sent = additionalData as Partial<ArgFiles> | undefined
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])
    const { files: paths, missing } = Array.isArray(sent?.files) ? { files: strings(sent.files), missing: strings(sent.missing) } : filesFromArgs(userArgs(argv, app.isPackaged), workingDirectory)
    if (missing.length) void message({ type: 'warning', ...missingWarning(missing) })
    if (!paths.length) {
      if (!mainWindow && library) createWindow()
      showWindow()
    }
    void openFiles(paths).catch(fatal)
  })
  // macOS delivers files opened from Finder, the Dock or Open Recent this way, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    void openFiles([path]).catch(fatal)
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => void openExternal(url)))
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') console.error(`tracedeck: the ${details.type} process ended (${details.reason}, exit code ${details.exitCode})`)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (library && !mainWindow) createWindow()
  })
  app.on('will-quit', () => {
    library?.close()
    library = undefined
  })
  app.whenReady().then(start).catch(fatal)
}
