/**
 * Real storage that cannot be written, for the read-only and full-disk tests (audit finding 10),
 * and a `tracedeck serve` child on a given library (also used by the crash test).
 *
 * Root ignores file modes (chmod 555 does not stop it), so as root a read-only folder is a
 * tmpfs mounted and then remounted read-only, and a full disk is a small tmpfs; as another user
 * a read-only folder is chmod 555. When neither is possible the helpers throw: the tests fail
 * loudly instead of passing without having tried.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const CLI = resolve(process.env.TRACEDECK_OUT ?? 'out', 'main', 'cli.js')
const isRoot = process.getuid?.() === 0

export interface TestFolder {
  dir: string
  /** Writable again (for a read-only folder), then removed. */
  remove(): void
}

function mount(args: string[]): void {
  const run = spawnSync('mount', args, { encoding: 'utf8' })
  if (run.status !== 0)
    throw new Error(
      `mount ${args.join(' ')} failed (${run.stderr.trim() || run.error?.message}): these tests need ` +
        'root with mount permission (root ignores chmod) or a non-root user',
    )
}

function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir])
}

/** A tmpfs of `size` (e.g. '2m') mounted at a fresh folder; root only. */
function tmpfs(size: string): string {
  if (!isRoot) throw new Error('a tmpfs mount needs root')
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-mount-'))
  mount(['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir])
  return dir
}

/** A folder filled by `fill`, then made read-only for this process and its children. */
export function readOnlyFolder(fill: (dir: string) => void): TestFolder {
  if (isRoot) {
    const dir = tmpfs('64m')
    fill(dir)
    mount(['-o', 'remount,ro', dir])
    return {
      dir,
      remove() {
        unmount(dir)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-readonly-test-'))
  fill(dir)
  chmodSync(dir, 0o555)
  return {
    dir,
    remove() {
      chmodSync(dir, 0o755)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A small file system (`size`, e.g. '2m') that fills up; root only (throws otherwise). */
export function smallDisk(size: string): TestFolder {
  const dir = tmpfs(size)
  mkdirSync(join(dir, 'lib'), { recursive: true })
  return {
    dir,
    remove() {
      unmount(dir)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface Served {
  child: ChildProcess
  origin: string
  token: string
  /** Calls a verb; resolves to the HTTP status and the parsed body. */
  call(verb: string, body: unknown): Promise<{ status: number; body: any }> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Uploads `bytes` as `name`; resolves to the status and body ({path} or {error}). */
  upload(name: string, bytes: Buffer): Promise<{ status: number; body: any }> // eslint-disable-line @typescript-eslint/no-explicit-any
  stderr(): string
  stop(): Promise<void>
}

/** Starts `tracedeck serve` on `dbPath` with `env` added; resolves once it printed its URL. */
export async function serve(dbPath: string, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, '--json', 'serve', '--port', '0', '--db', dbPath], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const { url, token } = await new Promise<{ url: string; token: string }>((done, fail) => {
    let stdout = ''
    const timer = setTimeout(() => fail(new Error(`serve printed no URL: ${stderr}`)), 30_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue
        try {
          const info = JSON.parse(line) as { url?: string; token?: string }
          if (info.url && info.token) {
            clearTimeout(timer)
            done({ url: info.url, token: info.token })
          }
        } catch {
          continue // a partial line
        }
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`serve exited (${code}): ${stderr}`))
    })
  })
  child.removeAllListeners('exit')
  const origin = new URL(url).origin
  const parse = async (response: Response) => ({ status: response.status, body: await response.json() })
  return {
    child,
    origin,
    token,
    call: async (verb, body) =>
      parse(
        await fetch(`${origin}/api/${verb}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tracedeck-token': token },
          body: JSON.stringify(body),
        }),
      ),
    upload: async (name, bytes) =>
      parse(
        await fetch(`${origin}/api/upload?name=${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'x-tracedeck-token': token },
          body: new Uint8Array(bytes),
        }),
      ),
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}
