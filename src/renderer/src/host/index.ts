/**
 * The one place that knows which host the renderer runs in. Electron's preload exposes
 * `window.tracedeck` (a HostBridge); otherwise the page was served by the browser host and talks
 * to it over HTTP. Every other renderer module calls `getHost()` and nothing else.
 */
import type { HostBridge } from '../../../shared/api'
import { fromElectron } from './electron-bridge'
import { createHttpBridge, HostError } from './http-bridge'
import { takeToken } from './token'

export { HostError }

declare global {
  interface Window {
    tracedeck?: HostBridge
  }
}

let host: HostBridge | null = null

/** The bridge to the host (Electron IPC or the browser host), created once per page. */
export function getHost(): HostBridge {
  if (!host) host = pickHost()
  return host
}

function pickHost(): HostBridge {
  if (window.tracedeck) return fromElectron(window.tracedeck)
  const token = takeToken(window)
  if (!token) {
    return unavailableHost(
      'This page has no access token. Open the address printed by “tracedeck serve” (it ends in ?token=…).',
    )
  }
  return createHttpBridge({
    baseUrl: '',
    token,
    fetch: (input, init) => window.fetch(input, init),
    createEventSource: (url) => new EventSource(url),
    createXhr: () => new XMLHttpRequest(),
  })
}

/**
 * Puts a host in place before anything asks for one: the shared replay page
 * (src/renderer/src/share/main.tsx) installs its read-only host over the file's own data.
 */
export function installHost(bridge: HostBridge): void {
  host = bridge
}

/** A host whose every call fails with one clear message (the UI shows it instead of a blank page). */
function unavailableHost(message: string): HostBridge {
  const fail = () => Promise.reject(new HostError(message, 'unauthorised'))
  const api = new Proxy({}, { get: () => fail }) as HostBridge['api']
  return { api, on: () => () => undefined, pathForFile: fail }
}
