/**
 * Web-contents hardening: no navigation away from the app (http(s) links go to the system
 * browser after a confirmation instead), no new windows, no webviews, and no permission except
 * the clipboard write the Copy buttons need, for our own page's main frame only.
 */
import type { Session, WebContents } from 'electron'
import { isAppUrl } from './window'

/** Permissions our own page may use: navigator.clipboard.writeText asks for this one. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/** An http(s) URL worth offering to open in the system browser, else undefined. */
export function externalUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

/**
 * Blocks navigation (links in trace content, dropped files) and window.open in a web contents;
 * an http(s) link is handed to `openExternal` (which asks first) instead.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return // a reload of our own page
    event.preventDefault()
    const external = externalUrl(url)
    if (external) openExternal(external)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrl(url)
    if (external) openExternal(external)
    return { action: 'deny' }
  })
}

/** Whether a permission may be granted: an allowed one, asked by our page's main frame. */
export function permissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isMainFrame !== false && Boolean(requestingUrl && isAppUrl(requestingUrl))
}

/** Installs the permission handlers on the session. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, details.isMainFrame)),
  )
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  )
}
