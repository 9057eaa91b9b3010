/** Trace files named on a command line (first launch or a second instance forwarding its own). */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'

export interface ArgFiles {
  /** Existing regular files, resolved against the working directory, each once. */
  files: string[]
  /** Arguments that name no file (a typo): reported to the user rather than dropped silently. */
  missing: string[]
}

/**
 * Sorts `args` into existing files and arguments that name nothing. Switches ("-…") are not
 * ours (Chromium adds its own), nor is a folder (the app folder, when run as `electron <app>`).
 */
export function filesFromArgs(args: readonly string[], cwd: string): ArgFiles {
  const files: string[] = []
  const missing: string[] = []
  for (const arg of args) {
    if (!arg || arg.startsWith('-') || /^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) continue
    const path = resolve(cwd, arg)
    try {
      if (statSync(path).isFile() && !files.includes(path)) files.push(path)
    } catch {
      missing.push(arg)
    }
  }
  return { files, missing }
}

/** The arguments after the executable (and after the app path when run as `electron <app>`). */
export function userArgs(argv: readonly string[], packaged: boolean): string[] {
  return argv.slice(packaged ? 1 : 2)
}
