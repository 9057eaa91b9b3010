/**
 * Where tracedeck keeps things on disk. The CLI and the browser host must find the same library
 * as the desktop app, so this mirrors Electron's `app.getPath('userData')` for the app name
 * "tracedeck" without importing electron (core never does).
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The application name; Electron derives its userData folder from it (package.json "name"). */
export const APP_NAME = 'tracedeck'

/** File name of the bundled sample trace inside resources/. */
export const SAMPLE_TRACE_FILE = 'sample-agent-run.json'

/** Electron's `appData` folder for a platform (where every app's userData folder lives). */
export function appDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support')
  return env.XDG_CONFIG_HOME || join(home, '.config')
}

/** The desktop app's userData folder: ~/.config/tracedeck, ~/Library/Application Support/tracedeck, %APPDATA%\tracedeck. */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  return join(appDataDir(platform, env, home), APP_NAME)
}

/**
 * The library file every front door opens by default. `TRACEDECK_DB` overrides it (handy for a
 * throw-away library); the CLI's `--db` overrides both.
 */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRACEDECK_DB) return resolve(env.TRACEDECK_DB)
  return join(userDataDir(process.platform, env), 'library.db')
}

/**
 * The project's resources/ folder, found by walking up from a module's folder (src/main/core
 * when run from source, out/main when built). Undefined when it cannot be found.
 */
export function findResourcesDir(fromDir: string = moduleDir()): string | undefined {
  let dir = fromDir
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'resources')
    if (existsSync(join(candidate, SAMPLE_TRACE_FILE))) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return undefined
}

/** The bundled sample trace, when the app ships one (resources/ is searched for when not given). */
export function bundledSamplePath(resourcesDir: string | undefined = findResourcesDir()): string | undefined {
  if (!resourcesDir) return undefined
  const path = join(resourcesDir, SAMPLE_TRACE_FILE)
  return existsSync(path) ? path : undefined
}

function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url))
}
