/**
 * The UI is served from a privileged custom scheme, tracedeck://app/, instead of file://: the
 * page's origin is then ours alone (file:// pages can read any local file, and Chromium's and
 * Node's file-URL spellings differ for folders with "[", "]" or "%", which broke the IPC sender
 * check). Electron's security checklist, item 18.
 */
import type { Protocol } from 'electron'
import { existsSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../host/security'

export const APP_SCHEME = 'tracedeck'
export const APP_HOST = 'app'
/** The page the window loads. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Privileges of the scheme; must be registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const

/** Whether a URL is on our scheme and host (Node gives custom schemes the origin "null", so compare parts). */
export function isAppSchemeUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/**
 * The file under `rendererDir` a tracedeck:// request names, or undefined for anything else
 * (another host, a path that climbs out of the folder).
 */
export function rendererFile(url: string, rendererDir: string): string | undefined {
  if (!isAppSchemeUrl(url)) return undefined
  let path: string
  try {
    path = decodeURIComponent(new URL(url).pathname)
  } catch {
    return undefined
  }
  const file = join(rendererDir, path === '/' ? 'index.html' : path)
  const inside = relative(rendererDir, file)
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : undefined
}

/**
 * Serves the built renderer on tracedeck://app/ with the same Content-Security-Policy the browser
 * host sends. `fetchFile` is Electron's net.fetch (it sets the MIME type from the file).
 */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, fetchFile: (url: string) => Promise<Response>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFile(request.url, rendererDir)
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 })
    const response = await fetchFile(pathToFileURL(file).href)
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}
