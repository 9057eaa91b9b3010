/**
 * What the browser benchmarks share: `tracedeck serve` started on a library (its URL read from
 * the --json line it prints) and Debian's Chromium launched with the flags this machine needs.
 */
import { spawn, type ChildProcess } from 'node:child_process'

/** Chromium's launch options for every browser benchmark (CHROMIUM_PATH overrides the binary). */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
}

/** Starts `node <cli> --db <db> --json serve` (extra node flags first); resolves with its URL. */
export function startServe(
  cli: string,
  db: string,
  nodeFlags: string[] = [],
): Promise<{ url: string; proc: ChildProcess }> {
  return new Promise((done, reject) => {
    const proc = spawn(process.execPath, [...nodeFlags, cli, '--db', db, '--json', 'serve'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) done({ url: JSON.parse(line).url as string, proc })
    })
    proc.on('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
}
