/**
 * `POST /api/upload?name=<file name>`: the browser's `pathForFile`. The raw body is streamed to
 * a fresh folder under the host's temp dir, keeping the original file name (it appears in the
 * import report), and the server-side path is returned for `importFiles`.
 */
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ApiError } from '../../shared/api'
import { isDiskFull } from '../core/store/storage'

/** Largest upload accepted (trace exports can be big; this only guards against runaway bodies). */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3

/** A file name safe to create on any OS, as close to the given one as possible. */
export function safeFileName(name: string | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? ''
  const cleaned = Array.from(base, (char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 ? '_' : char))
    .join('')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200)
  return cleaned || 'upload'
}

/** Streams the request body to `<uploadDir>/<random>/<name>` and returns that path. */
export async function receiveUpload(req: IncomingMessage, uploadDir: string, name: string | null): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) {
    throw new ApiError('bad-request', `Upload of ${safeFileName(name)} is too large (${declared} bytes)`)
  }
  const dir = join(uploadDir, randomBytes(8).toString('hex'))
  await mkdir(dir, { recursive: true })
  const path = join(dir, safeFileName(name))
  let received = 0
  req.on('data', (chunk: Buffer) => {
    received += chunk.length
    if (received > MAX_UPLOAD_BYTES) req.destroy(new ApiError('bad-request', `Upload of ${safeFileName(name)} is too large`))
  })
  try {
    await pipeline(req, createWriteStream(path, { flags: 'wx' }))
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    if (error instanceof ApiError) throw error
    if (isDiskFull(error))
      throw new ApiError('disk-full', `Upload of ${safeFileName(name)} failed: the disk holding ${uploadDir} is full; free some space and try again`)
    throw new ApiError('bad-request', `Upload of ${safeFileName(name)} failed: ${(error as Error).message}`)
  }
  return path
}
