/**
 * Shared end-to-end harness: the real app, through the browser host, in a real Chromium.
 *
 *   assertBuilt()            the build the tests drive exists (`npx electron-vite build`)
 *   startHost()              `node out/main/cli.js serve --port 0 --db <tmp>` on a fresh library
 *   launchBrowser()          Debian's Chromium via playwright-core (fails loudly when missing)
 *   openApp(browser, host)   a page on the host's URL, collecting page errors
 *   hostAndBrowser()         both of the above for a whole test file (started once, stopped after)
 *   dropFiles / watchProgress / screenshot / host.api(...) / host.importPaths(...)  helpers for
 *                            what users do and see (the host imports only its own uploads)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { ApiRequest, ApiResponse, ApiVerb } from '../../src/shared/api'

// Callbacks given to page.evaluate run in the browser, but this file is type-checked as Node
// code (no DOM lib). The few browser globals they use are declared here, for this module only.
interface BrowserElement {
  getAttribute(name: string): string | null
}
declare const window: object
declare const document: {
  body: unknown
  querySelectorAll(selector: string): { forEach(fn: (el: BrowserElement) => void): void }
}
declare class DataTransfer {
  items: { add(file: unknown): void }
}
declare class File {
  constructor(parts: unknown[], name: string, options: { type: string })
}
declare class MutationObserver {
  constructor(callback: () => void)
  observe(target: unknown, options: object): void
}
declare function atob(data: string): string

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const CLI = join(ROOT, 'out/main/cli.js')
export const CHROMIUM = process.env.TRACEDECK_CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

/** Throws a clear error when the build the tests drive is missing; warns when it looks stale. */
export function assertBuilt(): void {
  const needed = [CLI, join(ROOT, 'out/renderer/index.html')]
  const missing = needed.filter((p) => !existsSync(p))
  if (missing.length) {
    throw new Error(
      `End-to-end tests need a build, missing: ${missing.map((p) => p.slice(ROOT.length + 1)).join(', ')}.\n` +
        'Run `npx electron-vite build` (or `npm test`, which builds first).',
    )
  }
  const built = statSync(join(ROOT, 'out/renderer/index.html')).mtimeMs
  const newest = newestMtime(join(ROOT, 'src'))
  if (newest > built + 1000) {
    console.warn(
      'e2e: sources changed after the last build; results reflect the old build. Run `npx electron-vite build`.',
    )
  }
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** A running browser host on a private temporary library. */
export interface HostProcess {
  url: string
  origin: string
  token: string
  dbPath: string
  /** Temporary folder holding the library (removed by stop()). */
  dir: string
  /** Calls a contract verb over HTTP, as the renderer does. */
  api<V extends ApiVerb>(verb: V, request: ApiRequest<V>): Promise<ApiResponse<V>>
  /**
   * Imports local files as the page does: each uploaded first (the host imports only its own
   * uploads and the command line's files), then `importFiles` on the returned paths.
   */
  importPaths(paths: string[], jobId: string): Promise<ApiResponse<'importFiles'>>
  /** What the host wrote to stderr so far (for failure messages). */
  stderr(): string
  stop(): Promise<void>
}

/** Starts `tracedeck serve` on a free port with a fresh library; `files` are imported first. */
export async function startHost(
  options: { files?: string[]; timeoutMs?: number } = {},
): Promise<HostProcess> {
  assertBuilt()
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-e2e-'))
  const dbPath = join(dir, 'library.db')
  const child = spawn(
    process.execPath,
    [CLI, '--json', 'serve', '--port', '0', '--db', dbPath, ...(options.files ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))

  const ready = await new Promise<{ url: string; token: string }>((resolveReady, reject) => {
    let stdout = ''
    const timer = setTimeout(
      () => fail(`did not print its URL within ${options.timeoutMs ?? 30_000} ms`),
      options.timeoutMs ?? 30_000,
    )
    const fail = (why: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(
        new Error(`tracedeck serve ${why}.\nstdout: ${stdout.trim()}\nstderr: ${stderr.trim()}`),
      )
    }
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      for (const line of stdout.split('\n')) {
        if (!line.trim().startsWith('{')) continue
        try {
          const info = JSON.parse(line) as { url?: string; token?: string }
          if (info.url && info.token) {
            clearTimeout(timer)
            resolveReady({ url: info.url, token: info.token })
            return
          }
        } catch {
          // A partial line: wait for the rest.
          continue
        }
      }
    })
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`))
    child.once('error', (error) => fail(`could not start: ${error.message}`))
  })
  child.removeAllListeners('exit')

  const origin = new URL(ready.url).origin
  const host: HostProcess = {
    url: ready.url,
    origin,
    token: ready.token,
    dbPath,
    dir,
    stderr: () => stderr,
    async api(verb, request) {
      const response = await fetch(`${origin}/api/${verb}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tracedeck-token': ready.token },
        body: JSON.stringify(request),
      })
      const body = (await response.json()) as { error?: { message: string } }
      if (!response.ok)
        throw new Error(`${verb} failed (${response.status}): ${body.error?.message}`)
      return body as never
    },
    async importPaths(paths, jobId) {
      const uploaded: string[] = []
      for (const path of paths) {
        const response = await fetch(
          `${origin}/api/upload?name=${encodeURIComponent(basename(path))}`,
          {
            method: 'POST',
            headers: { 'x-tracedeck-token': ready.token },
            body: readFileSync(path),
          },
        )
        const body = (await response.json()) as { path?: string; error?: { message: string } }
        if (!response.ok || !body.path)
          throw new Error(`upload of ${path} failed (${response.status}): ${body.error?.message}`)
        uploaded.push(body.path)
      }
      return host.api('importFiles', { paths: uploaded, jobId })
    },
    stop: () => stopProcess(child).finally(() => rmSync(dir, { recursive: true, force: true })),
  }
  return host
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(kill)
      done()
    })
    child.kill('SIGTERM')
  })
}

/** Launches Chromium, or fails with a message that says how to get it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests cannot run without it.\n` +
        'Install it with `apt-get install -y chromium` (or point TRACEDECK_CHROMIUM at a Chromium binary).',
    )
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

/** The host and browser a test file shares; the fields are set once its beforeAll has run. */
export interface E2eSession {
  host: HostProcess
  browser: Browser
}

/**
 * Starts a host and Chromium (in parallel) before the file's tests and stops both after them.
 * `options` is called inside beforeAll, so it may write the fixture files the host imports.
 */
export function hostAndBrowser(options?: () => Parameters<typeof startHost>[0]): E2eSession {
  const session = {} as E2eSession
  beforeAll(async () => {
    ;[session.host, session.browser] = await Promise.all([startHost(options?.()), launchBrowser()])
  })
  afterAll(async () => {
    await session.browser?.close()
    await session.host?.stop()
  })
  return session
}

export interface AppPage {
  page: Page
  context: BrowserContext
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[]
}

/** Opens the app from the host's URL and waits for the shell to be on screen. */
export async function openApp(
  browser: Browser,
  host: HostProcess,
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  await page.goto(host.url)
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
  return { page, context, errors }
}

export interface DroppedFile {
  name: string
  content: string | Buffer
  mimeType?: string
}

/**
 * Drops files on the window the way a user's drag does: dragenter, dragover, then drop with a
 * DataTransfer holding the files, dispatched on `selector` (default: the page body).
 */
export async function dropFiles(
  page: Page,
  files: DroppedFile[],
  selector = 'body',
): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    mimeType: f.mimeType ?? 'application/json',
    base64: Buffer.from(f.content).toString('base64'),
  }))
  const target = await page.$(selector)
  if (!target) throw new Error(`dropFiles: nothing matches ${selector}`)
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer()
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))
      dt.items.add(new File([bytes], f.name, { type: f.mimeType }))
    }
    return dt
  }, payload)
  for (const type of ['dragenter', 'dragover', 'drop'])
    await target.dispatchEvent(type, { dataTransfer })
}

/**
 * Records every value any progress bar shows from now on (into window.__progressSeen) so a
 * test can assert that progress was displayed even when the import is quick.
 */
export async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { label: string | null; now: string | null; max: string | null }[] = []
    Object.assign(window, { __progressSeen: seen })
    const record = () =>
      document.querySelectorAll('[role="progressbar"]').forEach((bar) =>
        seen.push({
          label: bar.getAttribute('aria-label'),
          now: bar.getAttribute('aria-valuenow'),
          max: bar.getAttribute('aria-valuemax'),
        }),
      )
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    })
  })
}

/** The progress values recorded since watchProgress(). */
export function progressSeen(
  page: Page,
): Promise<{ label: string | null; now: string | null; max: string | null }[]> {
  return page.evaluate(
    () => (window as unknown as { __progressSeen: never[] }).__progressSeen ?? [],
  )
}

/** Saves a screenshot under /tmp and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(tmpdir(), `tracedeck-${name}.png`)
  await page.screenshot({ path })
  return path
}
