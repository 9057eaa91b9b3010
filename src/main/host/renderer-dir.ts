/** Finds the built renderer (out/renderer) the browser host serves. */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * out/renderer next to the running bundle (out/main/*.js → out/renderer), or under the project
 * root when running from source. Undefined when the UI has not been built.
 */
export function findRendererDir(fromDir: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  const candidates = [join(fromDir, '..', 'renderer')]
  let dir = fromDir
  for (let depth = 0; depth < 5; depth++) {
    candidates.push(join(dir, 'out', 'renderer'))
    dir = dirname(dir)
  }
  return candidates.find((candidate) => existsSync(join(candidate, 'index.html')))
}
