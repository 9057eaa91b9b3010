/**
 * The main window: hardened web preferences (context isolation, sandbox, no Node in the page,
 * no webviews, no navigation by dropping a file), its background for the OS theme, and where its
 * page and preload come from.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron'
import { join } from 'node:path'
import { isAppSchemeUrl } from './protocol'

/**
 * Where the built preload and page are, given the folder of the main bundle's entry (out/main):
 * electron-vite writes out/preload/index.cjs and out/renderer/ beside it. (Computed from the
 * entry, not from this module: bundling may move this code into a chunk folder.)
 */
export function appFiles(mainDir: string): { preload: string; rendererDir: string } {
  return { preload: join(mainDir, '..', 'preload', 'index.cjs'), rendererDir: join(mainDir, '..', 'renderer') }
}

let packagedBuild = false

/** Set once at start (app.isPackaged): a packaged app never honours ELECTRON_RENDERER_URL. */
export function markPackaged(packaged: boolean): void {
  packagedBuild = packaged
}

/**
 * The dev server URL when run by `electron-vite dev`, else undefined. Never in a packaged build:
 * an environment variable must not point the installed app's privileged page at another server.
 */
export function devServerUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (packagedBuild) return undefined
  return env.ELECTRON_RENDERER_URL || undefined
}

/** The page's background (tokens.css --bg) for the OS theme, so no wrong-coloured flash shows. */
export function backgroundColor(dark: boolean): string {
  return dark ? '#0e0f13' : '#ffffff'
}

/** Options of the main window. Every security-relevant preference is set explicitly. */
export function mainWindowOptions(preload: string, bounds: Partial<Rectangle>, dark: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    ...bounds,
    minWidth: 760,
    minHeight: 480,
    title: 'tracedeck',
    show: false,
    backgroundColor: backgroundColor(dark),
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
 * Whether a URL is our own page: tracedeck://app/… or the dev server's origin. IPC calls,
 * navigations and permissions from anything else are refused.
 */
export function isAppUrl(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const dev = devServerUrl(env)
  if (!dev) return isAppSchemeUrl(url)
  try {
    return new URL(url).origin === new URL(dev).origin
  } catch {
    return false
  }
}
