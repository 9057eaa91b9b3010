/**
 * A local HTTP mirror standing in for GitHub: Electron's zip (holding the fake binary) with its
 * SHASUMS256.txt for @electron/get (ELECTRON_MIRROR), and better-sqlite3 prebuilds for
 * prebuild-install (npm_config_better_sqlite3_binary_host). The "Electron" prebuild holds our
 * Node-ABI build, which the fake Electron (Node) can load; `broken` serves a truncated one.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FAKE_ELECTRON, REPO } from './project'

export interface Mirror {
  url: string
  /** Every path requested, in order. */
  requests: string[]
  /** Serve an unloadable prebuild from now on. */
  broken: boolean
  env(): NodeJS.ProcessEnv
  close(): Promise<void>
}

const electronVersion = JSON.parse(readFileSync(join(REPO, 'node_modules/electron/package.json'), 'utf8')).version as string
const sqliteVersion = JSON.parse(readFileSync(join(REPO, 'node_modules/better-sqlite3/package.json'), 'utf8')).version as string

function archives(): { zip: Buffer; good: Buffer; bad: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-mirror-'))
  try {
    writeFileSync(join(dir, 'electron'), FAKE_ELECTRON)
    chmodSync(join(dir, 'electron'), 0o755)
    execFileSync('zip', ['-q', 'electron.zip', 'electron'], { cwd: dir })
    const tarball = (name: string, addon: Buffer) => {
      mkdirSync(join(dir, name, 'build', 'Release'), { recursive: true })
      writeFileSync(join(dir, name, 'build', 'Release', 'better_sqlite3.node'), addon)
      execFileSync('tar', ['czf', `${name}.tar.gz`, '-C', name, 'build'], { cwd: dir })
      return readFileSync(join(dir, `${name}.tar.gz`))
    }
    const addon = readFileSync(join(REPO, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))
    return { zip: readFileSync(join(dir, 'electron.zip')), good: tarball('good', addon), bad: tarball('bad', addon.subarray(0, 64)) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function startMirror(): Promise<Mirror> {
  const { zip, good, bad } = archives()
  const zipName = `electron-v${electronVersion}-linux-x64.zip`
  const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`
  const requests: string[] = []
  const mirror = { broken: false } as Mirror
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    requests.push(path)
    const body =
      path === `/v${electronVersion}/${zipName}`
        ? zip
        : path === `/v${electronVersion}/SHASUMS256.txt`
          ? Buffer.from(sums)
          : new RegExp(`^/v${sqliteVersion}/better-sqlite3-v${sqliteVersion}-electron-v\\d+-linux-(x64|arm64)\\.tar\\.gz$`).test(path)
            ? mirror.broken
              ? bad
              : good
            : undefined
    response.writeHead(body ? 200 : 404, { 'content-length': body?.length ?? 0 })
    response.end(body)
  })
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return Object.assign(mirror, {
    url,
    requests,
    env: () => ({
      ELECTRON_MIRROR: `${url}/`,
      electron_use_remote_checksums: '1',
      npm_config_better_sqlite3_binary_host: url,
    }),
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  })
}

/** Environment for a machine with no network at all: every host refuses. */
export const OFFLINE_ENV: NodeJS.ProcessEnv = {
  ELECTRON_MIRROR: 'http://127.0.0.1:9/',
  npm_config_better_sqlite3_binary_host: 'http://127.0.0.1:9',
}
