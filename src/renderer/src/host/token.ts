/**
 * The browser host's per-run token: printed in the URL once (`/?token=…`), kept in
 * sessionStorage for reloads of this tab, and removed from the address bar so it does not end up
 * in history, bookmarks or screenshots.
 */
const STORAGE_KEY = 'tracedeck.token'

/** Minimal view of `window` for the token logic (testable without a browser). */
export interface TokenWindow {
  location: { href: string }
  history: { replaceState(data: unknown, unused: string, url?: string): void }
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void }
}

/** Returns the token for this tab, taking it from the URL when present (and stripping it). */
export function takeToken(win: TokenWindow): string | null {
  const url = new URL(win.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    win.sessionStorage.setItem(STORAGE_KEY, fromUrl)
    url.searchParams.delete('token')
    win.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return win.sessionStorage.getItem(STORAGE_KEY)
}
