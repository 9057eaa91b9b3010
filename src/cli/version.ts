/** The app version, read from the package.json the running code belongs to. */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** tracedeck's version ("0.0.0" if its package.json cannot be found, which only a broken install causes). */
export function appVersion(fromDir: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = fromDir
  for (let depth = 0; depth < 6; depth++) {
    const file = join(dir, 'package.json')
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'tracedeck' && pkg.version) return pkg.version
    }
    dir = dirname(dir)
  }
  return '0.0.0'
}
