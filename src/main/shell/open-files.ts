/** Trace files named on a command line (first launch or a second instance forwarding its own). */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * The existing regular files among `args` (resolved against `cwd`); switches and anything that
 * is not a file (the app folder, a URL) are skipped.
 */
export function filesFromArgs(args: readonly string[], cwd: string): string[] {
  const files: string[] = []
  for (const arg of args) {
    if (!arg || arg.startsWith('-')) continue
    const path = resolve(cwd, arg)
    try {
      if (statSync(path).isFile() && !files.includes(path)) files.push(path)
    } catch {
      continue // not a path to an existing file: Chromium switches, URLs, typos are not ours
    }
  }
  return files
}

/** The arguments after the executable (and after the app path when run as `electron <app>`). */
export function userArgs(argv: readonly string[], packaged: boolean): string[] {
  return argv.slice(packaged ? 1 : 2)
}
