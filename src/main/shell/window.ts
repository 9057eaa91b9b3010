/**
 * The main window: hardened web preferences (context isolation, sandbox, no Node in the page,
 * no webviews, no navigation by dropping a file) and where its page and preload come from.
 */
import type { BrowserWindowConstructorOptions } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Where the built preload and page are, given the folder of the main bundle's entry (out/main):
 * electron-vite writes out/preload/index.cjs and out/renderer/index.html beside it. (Computed
 * from the entry, not from this module: bundling may move this code into a chunk folder.)
 */
export function appFiles(mainDir: string): { preload: string; rendererHtml: string } {
  return { preload: join(mainDir, '..', 'preload', 'index.cjs'), rendererHtml: join(mainDir, '..', 'renderer', 'index.html') }
}

/** The dev server URL when run by `electron-vite dev`, else undefined. */
export function devServerUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ELECTRON_RENDERER_URL || undefined
}

/** Options of the main window. Every security-relevant preference is set explicitly. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 760,
    minHeight: 480,
    title: 'tracedeck',
    show: false,
    backgroundColor: '#16181d',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  }
}

/**
 * Whether a URL is our own page: the built index.html (file:) or the dev server's origin.
 * IPC calls and navigations from anything else are refused.
 */
export function isAppUrl(url: string, rendererHtml: string, env: NodeJS.ProcessEnv = process.env): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const dev = devServerUrl(env)
  if (dev) return parsed.origin === new URL(dev).origin
  const page = pathToFileURL(rendererHtml)
  return parsed.protocol === 'file:' && parsed.pathname === page.pathname
}
