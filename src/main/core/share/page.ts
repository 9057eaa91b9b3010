/**
 * Assembles the shared replay page: the read-only renderer bundle (built by
 * `vite build -c vite.share.config.ts` into out/share/) inlined as one script and one style
 * element, the data block, and a Content-Security-Policy that allows exactly those two elements
 * (by hash) and nothing else: no network, no other script, no plugin, no form, no base.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SHARE_DATA_ID, type ShareData } from '../../../shared/share-format'

export const SHARE_SCRIPT = 'share.js'
export const SHARE_STYLE = 'share.css'

/** The built share bundle: out/share next to the running bundle, or under the project root. */
export function findShareBundleDir(
  fromDir: string = dirname(fileURLToPath(import.meta.url)),
): string | undefined {
  const candidates = [join(fromDir, '..', 'share')]
  let dir = fromDir
  for (let depth = 0; depth < 6; depth++) {
    candidates.push(join(dir, 'out', 'share'))
    dir = dirname(dir)
  }
  return candidates.find(
    (c) => existsSync(join(c, SHARE_SCRIPT)) && existsSync(join(c, SHARE_STYLE)),
  )
}

export interface ShareBundle {
  script: string
  style: string
}

let cached: { dir: string; bundle: ShareBundle } | undefined

/** Reads the bundle once per process; a build without it gets an error that says how to make it. */
export function loadShareBundle(dir = findShareBundleDir()): ShareBundle {
  if (!dir) {
    throw new Error(
      'This build has no shared-replay bundle (out/share/share.js); run `npm run build` to make it',
    )
  }
  if (cached?.dir === dir) return cached.bundle
  const bundle = {
    script: readFileSync(join(dir, SHARE_SCRIPT), 'utf8'),
    style: readFileSync(join(dir, SHARE_STYLE), 'utf8'),
  }
  cached = { dir, bundle }
  return bundle
}

/**
 * Inline script text must not close its element early: `</script` and `<!--` only occur inside
 * strings, regexes and comments of a bundle, where `<\/` and `<\!` mean the same characters.
 */
function inlineSafe(text: string, tag: 'script' | 'style'): string {
  const closer = new RegExp(`</(${tag})`, 'gi')
  return text.replace(closer, '<\\/$1').replace(/<!--/g, '<\\!--')
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The policy of a shared page, given its inline script and style. */
export function sharePolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

/** The whole page. `title` is untrusted (a trace name) and is escaped. */
export function sharePage(bundle: ShareBundle, data: ShareData, title: string): string {
  const script = inlineSafe(bundle.script, 'script')
  const style = inlineSafe(bundle.style, 'style')
  // Base64 and JSON punctuation only: nothing in it can end the element.
  const json = JSON.stringify(data)
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${sharePolicy(script, style)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)} — tracedeck replay</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<div id="root"></div>',
    '<noscript>This shared tracedeck replay needs JavaScript to show the trace.</noscript>',
    `<script type="application/json" id="${SHARE_DATA_ID}">${json}</script>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
