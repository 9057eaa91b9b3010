/**
 * The better-sqlite3 addon built for Electron's ABI by scripts/ensure-native.js (`npm start`).
 * node_modules/better-sqlite3 holds the Node build (CLI, tests), so the desktop app loads its
 * own copy through better-sqlite3's `nativeBinding` option.
 */
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'

const MANIFEST = join('node_modules', '.cache', 'tracedeck-native', 'electron.json')

/**
 * Path of the Electron-ABI addon for this Electron version, or undefined when there is none (a
 * packaged app, whose node_modules was rebuilt for Electron, needs none).
 */
export function electronNativeBinding(appPath: string, electronVersion: string): string | undefined {
  const manifestPath = join(appPath, MANIFEST)
  if (!existsSync(manifestPath)) return undefined
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { electron?: string; binding?: string }
    if (manifest.electron !== electronVersion || !manifest.binding) return undefined
    const binding = isAbsolute(manifest.binding) ? manifest.binding : join(appPath, manifest.binding)
    return existsSync(binding) ? binding : undefined
  } catch (error) {
    console.warn(`tracedeck: ignoring ${manifestPath}: ${(error as Error).message}`)
    return undefined
  }
}
