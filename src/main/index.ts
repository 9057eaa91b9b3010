/**
 * Electron lifecycle: single-instance lock, the library, the IPC binding, one hardened window,
 * the menu, and trace files opened from the command line, a second instance, the menu or the OS.
 * Everything with logic lives in ./shell (window, menu, hardening, arguments) and ./ipc (binding).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, webContents } from 'electron'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiEventName, ApiEvents } from '../shared/api'
import type { ImportReport } from '../shared/model'
import { createLibrary, type Library } from './core/library-service'
import { bundledSamplePath, defaultLibraryPath, findResourcesDir } from './core/paths'
import { bindApi, sendEvent } from './ipc/bind-api'
import { hardenSession, hardenWebContents } from './shell/harden'
import { menuTemplate } from './shell/menu'
import { electronNativeBinding } from './shell/native-binding'
import { filesFromArgs, userArgs } from './shell/open-files'
import { userPrices } from './shell/prices'
import { appFiles, devServerUrl, isAppUrl, mainWindowOptions } from './shell/window'

/** out/main when built (this file is the bundle's entry); the preload and page sit beside it. */
const files = appFiles(dirname(fileURLToPath(import.meta.url)))

let library: Library | undefined
let mainWindow: BrowserWindow | undefined
let rendererReady = false
/** Files to open once the window's page has loaded (command line, macOS open-file, second instance). */
const pendingFiles: string[] = []
let jobCounter = 0
/** Why the user's price file is not used, shown once the window is up. */
let pricesProblem: string | undefined

function emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
  sendEvent(webContents.getAllWebContents(), event, payload)
}

function showWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

/** Shows the first trace of the reports; lists the files that failed in one dialog. */
function reportOpened(reports: ImportReport[]): void {
  const first = reports.find((report) => report.traces.length)?.traces[0]
  if (first) emit('navigate', { view: 'trace', id: first.id })
  const failed = reports.filter((report) => report.error)
  if (failed.length && mainWindow) {
    void dialog.showMessageBox(mainWindow, {
      type: 'warning',
      message: failed.length === 1 ? `Could not open ${failed[0].file}` : `Could not open ${failed.length} files`,
      detail: failed.map((report) => report.error).join('\n'),
    })
  }
}

async function openFiles(paths: string[]): Promise<void> {
  if (!paths.length) return
  if (!library || !rendererReady) {
    pendingFiles.push(...paths)
    return
  }
  showWindow()
  try {
    reportOpened(await library.handlers.importFiles({ paths, jobId: `open-${++jobCounter}` }))
  } catch (error) {
    dialog.showErrorBox('tracedeck could not import', (error as Error).message)
  }
}

async function openSample(): Promise<void> {
  if (!library) return
  try {
    reportOpened([await library.handlers.importSample({})])
  } catch (error) {
    dialog.showErrorBox('tracedeck could not open the sample trace', (error as Error).message)
  }
}

async function chooseFiles(): Promise<void> {
  if (!mainWindow) return
  const result = await dialog.showOpenDialog(mainWindow, {
    title: 'Open trace files',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Trace files', extensions: ['json', 'jsonl', 'ndjson', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  })
  if (!result.canceled) await openFiles(result.filePaths)
}

function createWindow(): void {
  const window = new BrowserWindow(mainWindowOptions(files.preload))
  mainWindow = window
  window.once('ready-to-show', () => window.show())
  window.webContents.on('did-finish-load', () => {
    rendererReady = true
    void openFiles(pendingFiles.splice(0))
  })
  window.on('closed', () => {
    mainWindow = undefined
    rendererReady = false
  })
  const dev = devServerUrl()
  if (dev) void window.loadURL(dev)
  else void window.loadFile(files.rendererHtml)
}

function openLibrary(): Library | undefined {
  const dbPath = defaultLibraryPath()
  const nativeBinding = electronNativeBinding(app.getAppPath(), process.versions.electron)
  const resources = app.isPackaged ? findResourcesDir(process.resourcesPath) : findResourcesDir()
  const prices = userPrices(dbPath)
  pricesProblem = prices.problem
  try {
    return createLibrary({
      dbPath,
      pricesPath: prices.path,
      samplePath: bundledSamplePath(resources),
      nativeBinding,
      emit,
    })
  } catch (error) {
    const message = (error as Error).message
    const abi = /NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF|not a valid Win32/i.test(message)
    dialog.showErrorBox(
      'tracedeck cannot open its library',
      `${dbPath}\n\n${message}` +
        (abi ? '\n\nbetter-sqlite3 is not built for Electron. Start tracedeck with `npm start`, which builds it.' : ''),
    )
    return undefined
  }
}

function start(): void {
  library = openLibrary()
  if (!library) {
    app.quit()
    return
  }
  hardenSession(session.defaultSession)
  bindApi(ipcMain, library.handlers, {
    isTrustedSender: (event) => Boolean(event.senderFrame && isAppUrl(event.senderFrame.url, files.rendererHtml)),
  })
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        { open: () => void chooseFiles(), openSample: () => void openSample(), quit: () => app.quit() },
        process.platform,
        !app.isPackaged,
      ),
    ),
  )
  createWindow()
  if (pricesProblem && mainWindow) {
    void dialog.showMessageBox(mainWindow, {
      type: 'warning',
      message: 'Your price table is not used',
      detail: `${pricesProblem}\n\nCosts are estimated from the bundled price table until the file is fixed and tracedeck restarted.`,
    })
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another tracedeck is running: it receives our arguments through 'second-instance'.
  app.quit()
} else {
  pendingFiles.push(...filesFromArgs(userArgs(process.argv, app.isPackaged), process.cwd()))

  app.on('second-instance', (_event, argv, workingDirectory) => {
    showWindow()
    void openFiles(filesFromArgs(userArgs(argv, app.isPackaged), workingDirectory))
  })
  // macOS delivers files opened from Finder or the Dock this way, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    void openFiles([path])
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (library && BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  app.on('will-quit', () => {
    library?.close()
    library = undefined
  })
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('tracedeck failed to start', (error as Error).message)
    app.quit()
  })
}
