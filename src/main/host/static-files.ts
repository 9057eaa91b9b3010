/**
 * Serves the built renderer (out/renderer) read-only: GET/HEAD, known content types, the strict
 * CSP on every document, and no way out of the folder (no `..`, no encoded separators, no
 * symlinks pointing elsewhere).
 */
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './security'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

/** Content type for a file name (application/octet-stream when unknown). */
export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps a URL path to a file inside `root`, or null when the path tries to leave it or is not a
 * plain relative path. `/` is index.html.
 */
export function staticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null // malformed percent-encoding
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const parts = decoded.split('/').filter((part) => part !== '')
  if (parts.some((part) => part === '.' || part === '..')) return null
  const path = join(root, ...(parts.length ? parts : ['index.html']))
  const rel = relative(root, path)
  if (rel.startsWith('..') || isAbsolute(rel)) return null
  return path
}

/**
 * Serves a file of the renderer; returns false (nothing written) when there is no such file, so
 * the caller can answer 404.
 */
export async function serveStatic(root: string, urlPath: string, method: string, res: ServerResponse): Promise<boolean> {
  const path = staticPath(root, urlPath)
  if (!path) return false
  let real: string
  let realRoot: string
  try {
    ;[real, realRoot] = await Promise.all([realpath(path), realpath(root)])
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return false
    const info = await stat(real)
    if (!info.isFile()) return false
    res.setHeader('Content-Length', info.size)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return false
    throw error
  }
  const type = contentType(real)
  res.statusCode = 200
  res.setHeader('Content-Type', type)
  if (type.startsWith('text/html')) {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    res.setHeader('Cache-Control', 'no-store')
  } else {
    res.setHeader('Cache-Control', 'no-cache')
  }
  if (method === 'HEAD') {
    res.end()
    return true
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(real)
    stream.on('error', reject)
    stream.on('end', resolve)
    stream.pipe(res)
  })
  return true
}
