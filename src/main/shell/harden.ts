/**
 * Web-contents hardening: no navigation away from the app, no new windows, no webviews, no
 * permissions (camera, notifications…), and a strict Content-Security-Policy header on every
 * response the session serves (the built page also carries it in a meta tag).
 */
import type { Session, WebContents } from 'electron'
// The desktop window shows the same page as the browser host, under the same policy.
import { CONTENT_SECURITY_POLICY } from '../host/security'

/** Blocks navigation (links in trace content, dropped files) and window.open in a web contents. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    console.warn(`tracedeck: blocked navigation to ${url}`)
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`tracedeck: blocked a new window for ${url}`)
    return { action: 'deny' }
  })
}

/** Denies every permission request and adds the CSP header to the session's responses. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })
}
