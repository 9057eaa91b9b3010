/**
 * `npm start` (scripts/start.js → scripts/ensure-native.js) on a copy of the project with a fake
 * Electron binary and a local mirror for the downloads (test/electron/fake): first run, second
 * run, a damaged cache, offline, a broken prebuilt, Rosetta, the SUID-sandbox abort and switches
 * passed through to Electron. What a user would see on the terminal is what is checked.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeProject, type Project } from './fake/project'
import { OFFLINE_ENV, startMirror, type Mirror } from './fake/mirror'

interface Run {
  code: number | null
  stdout: string
  stderr: string
  /** The argv the fake Electron was started with, or undefined when it was not started. */
  electronArgv?: string[]
  /** The line saying why the desktop app is not used, if any. */
  fallback?: string
}

/** Runs start.js until it exits, or until the browser host prints its URL (then stops it). */
function start(project: Project, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(project.root, 'scripts', 'start.js'), ...args], { cwd: project.root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (/Open http/.test(stdout)) child.kill('SIGTERM')
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => {
      const electronArgv = existsSync(project.log) ? readFileSync(project.log, 'utf8').split('\n').filter(Boolean) : undefined
      const fallback = stderr.split('\n').find((line) => line.includes('the desktop app cannot start here'))
      resolveRun({ code, stdout, stderr, electronArgv, fallback })
    })
  })
}

function manifest(project: Project): { arch: string; binding: string; electron: string } {
  return JSON.parse(readFileSync(join(project.root, 'node_modules/.cache/tracedeck-native/electron.json'), 'utf8'))
}

const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version as string
let mirror: Mirror
const projects: Project[] = []
function project(options?: { withoutNodeBuild?: boolean }): Project {
  const made = makeProject(options)
  projects.push(made)
  return made
}

beforeAll(async () => {
  if (!existsSync('out/main/cli.js')) throw new Error('out/ is missing: run "npm run build" first (npm test does)')
  mirror = await startMirror()
})
afterAll(async () => {
  await mirror?.close()
  for (const made of projects) made.remove()
})

describe('npm start with network', () => {
  const shared = project()

  it('first run: downloads Electron and a prebuilt better-sqlite3, says so, records it, launches the app', async () => {
    const run = await start(shared, [], shared.env(mirror.env()))
    expect(run.fallback, run.stderr).toBeUndefined()
    expect(run.code).toBe(0)
    expect(run.electronArgv).toEqual([shared.root])
    expect(run.stderr).toContain(`tracedeck: downloading Electron ${electronVersion} (about 100 MB, one time)…`)
    expect(run.stderr).toMatch(/tracedeck: fetching a prebuilt better-sqlite3 [\d.]+ for Electron [\d.]+ \(linux-x64, about 2 MB\)…/)
    expect(mirror.requests.some((path) => path.endsWith('-linux-x64.zip'))).toBe(true)
    expect(mirror.requests.filter((path) => path.endsWith('.tar.gz'))).toHaveLength(1)
    expect(manifest(shared)).toMatchObject({ electron: electronVersion, arch: 'x64' })
  })

  it('second run: no download, no message, straight to the app', async () => {
    const before = mirror.requests.length
    const run = await start(shared, [], shared.env(mirror.env()))
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(mirror.requests.length).toBe(before)
  })

  it('passes Electron/Chromium switches through and resolves files against the folder npm was run in', async () => {
    const where = mkdtempSync(join(tmpdir(), 'tracedeck-cwd-'))
    writeFileSync(join(where, 'run.json'), '{}')
    const run = await start(shared, ['--no-sandbox', '--ozone-platform=wayland', 'run.json', '--disable-gpu'], shared.env({ ...mirror.env(), INIT_CWD: where }))
    expect(run.code).toBe(0)
    expect(run.electronArgv).toEqual(['--no-sandbox', '--ozone-platform=wayland', '--disable-gpu', shared.root, join(where, 'run.json')])
  })

  it('a cached addon that breaks later is noticed at start and fetched again, not trusted forever', async () => {
    const binding = join(shared.root, manifest(shared).binding)
    writeFileSync(binding, 'garbage')
    const run = await start(shared, [], shared.env(mirror.env()))
    expect(run.fallback, run.stderr).toBeUndefined()
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('fetching a prebuilt better-sqlite3')
    expect(readFileSync(binding).length).toBeGreaterThan(100_000)
  })

  it('the SUID-sandbox abort (Ubuntu 24.04) names both fix commands in full, then serves the browser UI', async () => {
    const run = await start(shared, [], shared.env({ ...mirror.env(), FAKE_ELECTRON_MODE: 'suid' }))
    const helper = join(shared.root, 'node_modules/electron/dist/chrome-sandbox')
    expect(run.fallback).toContain(`sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`)
    expect(run.fallback).toContain('npm start -- --no-sandbox')
    expect(run.fallback).toMatch(/Serving the same UI to your browser instead\.$/)
    expect(run.stdout).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\/\?token=/)
  })

  it('a crash at start-up is one line with Electron\'s own reason, without Chromium\'s log prefix', async () => {
    const run = await start(shared, [], shared.env({ ...mirror.env(), FAKE_ELECTRON_MODE: 'crash' }))
    expect(run.fallback).toContain('Electron exited at start-up (Missing X server or $DISPLAY; exit code 1)')
  })

  it('Node 20 without a Node build of better-sqlite3 (none is published for it): the desktop app starts anyway', async () => {
    const node20 = project({ withoutNodeBuild: true })
    const run = await start(node20, [], node20.env(mirror.env()))
    expect(run.fallback, run.stderr).toBeUndefined()
    expect(run.code).toBe(0)
    expect(run.stderr).not.toContain('building better-sqlite3 for Node')
    expect(existsSync(join(node20.root, 'node_modules/better-sqlite3/build'))).toBe(false)
  })

  it('Rosetta: the addon is fetched for the arch the installed Electron runs as, not for Node\'s', async () => {
    const rosetta = project()
    const run = await start(rosetta, [], rosetta.env({ ...mirror.env(), FAKE_ARCH: 'arm64' }))
    expect(run.code, run.stderr).toBe(0)
    expect(mirror.requests.at(-1)).toMatch(/-electron-v\d+-linux-arm64\.tar\.gz$/)
    expect(manifest(rosetta).arch).toBe('arm64')
  })
})

describe('npm start without network or with a bad download', () => {
  it('offline first run: one line naming the proxy and mirror variables, the browser UI, and the failure is remembered', async () => {
    const offline = project()
    const run = await start(offline, [], offline.env(OFFLINE_ENV))
    expect(run.fallback).toMatch(/the Electron binary could not be downloaded \(no network: .*ELECTRON_MIRROR/)
    expect(run.fallback).toContain('HTTPS_PROXY')
    expect(run.stdout).toMatch(/Open http/)
    const again = await start(offline, [], offline.env(OFFLINE_ENV))
    expect(again.stderr).not.toContain('downloading Electron')
    expect(again.fallback).toContain('`npm run native:electron` tries again')
  })

  it('a prebuilt that downloads but does not load falls back to a source build, then is not retried silently', async () => {
    const broken = project()
    mirror.broken = true
    try {
      const run = await start(broken, [], broken.env({ ...mirror.env(), npm_config_better_sqlite3_binary_host: mirror.url }))
      expect(run.fallback).toMatch(/better-sqlite3 could not be built for Electron [\d.]+ \(the prebuilt binary does not load: .*; build from source: /)
      expect(run.stderr).toContain('compiling better-sqlite3 for Electron')
      const again = await start(broken, [], broken.env(mirror.env()))
      expect(again.stderr).not.toContain('compiling')
      expect(again.fallback).toContain('remembered from')
    } finally {
      mirror.broken = false
    }
  })

  it('ELECTRON_SKIP_BINARY_DOWNLOAD is named instead of "no output"', async () => {
    const skip = project()
    const run = await start(skip, [], skip.env({ ...mirror.env(), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }))
    expect(run.fallback).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set')
  })
})
