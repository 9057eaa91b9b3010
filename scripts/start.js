#!/usr/bin/env node
/**
 * `npm start [-- files…]`: builds if needed, then launches the desktop app. Where Electron cannot
 * run (no display, binary not downloadable, better-sqlite3 not buildable for it, a crash at
 * start-up) it says why in one line and serves the same UI through the browser host instead.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary, ensureElectron, ensureNode } from './ensure-native.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** A start-up crash within this time means Electron cannot run here; after it, it is the app's exit. */
const STARTUP_GRACE_MS = 4000

const OUTPUTS = ['out/main/index.js', 'out/main/cli.js', 'out/main/import-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/share/share.js']
const INPUTS = ['src', 'resources', 'electron.vite.config.ts', 'vite.share.config.ts', 'package.json', 'tsconfig.base.json']

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Why out/ needs a build, or null when it is up to date. */
export function buildReason() {
  const outputs = OUTPUTS.map((file) => join(root, file))
  if (outputs.some((file) => !existsSync(file))) return 'out/ is missing'
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs))
  const changed = Math.max(...INPUTS.map((input) => newestMtime(join(root, input))))
  return changed > built ? 'sources changed since the last build' : null
}

function build(reason) {
  console.error(`tracedeck: building (${reason})…`)
  const viteBin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  // The shared-replay viewer ("Export HTML…") is a second, single-file bundle (vite.share.config.ts).
  const share =
    result.status === 0 &&
    spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.share.config.ts', '--configLoader', 'runner', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0 || !share || share.status !== 0) {
    console.error('tracedeck: the build failed (run `npm run build` to see the whole output)')
    process.exit(1)
  }
}

/** Why Electron cannot start here, or null when it may. Cheap checks first: no download without a display. */
async function electronBlocker() {
  if (process.env.TRACEDECK_BROWSER) return 'TRACEDECK_BROWSER is set'
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)'
  }
  const ready = await ensureElectron()
  return ready.ok ? null : ready.reason
}

/**
 * `npm start -- [switches] [files]`: arguments starting with "-" are Electron/Chromium switches
 * (`--no-sandbox`, `--ozone-platform=wayland`, `--disable-gpu`, `--inspect`) and go to Electron
 * untouched; the rest are trace files, resolved against the folder npm was started in.
 */
export function splitArgs(args, cwd) {
  const switches = []
  const files = []
  for (const arg of args) {
    if (arg.startsWith('-')) switches.push(arg)
    else if (arg) files.push(resolve(cwd, arg))
  }
  return { switches, files }
}

/** One line (never cut) saying why Electron died at start-up, with the fix where there is a known one. */
export function startupFailure(stderr, code, signal, binary) {
  if (/setuid_sandbox_host|SUID sandbox helper/.test(stderr)) {
    const helper = join(dirname(binary), 'chrome-sandbox')
    return (
      `Electron's Linux sandbox cannot start (its helper ${helper} must be owned by root with mode 4755; Ubuntu 24.04 and later ` +
      `no longer let it run without). Fix it with: sudo chown root:root ${helper} && sudo chmod 4755 ${helper} ` +
      '(again after each Electron download), or start without the sandbox: npm start -- --no-sandbox'
    )
  }
  if (/Running as root without --no-sandbox/.test(stderr)) {
    return 'Electron does not run as root with its sandbox: start tracedeck as your own user, or with npm start -- --no-sandbox'
  }
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)
  const line = lines.find((text) => /FATAL|ERROR|Error/.test(text)) ?? lines.at(-1)
  const how = signal ? `signal ${signal}` : `exit code ${code}`
  // Chromium's "[pid:date/time.usec:FATAL:file.cc(line)]" prefix says nothing to a user.
  return `Electron exited at start-up (${line ? `${line.replace(/^\[[^\]]*\]\s*/, '')}; ` : ''}${how})`
}

/** Launches Electron; resolves to null when it ran (its exit code is ours), or a reason it could not start. */
function launchElectron(switches, files) {
  return new Promise((resolveLaunch) => {
    const env = { ...process.env }
    delete env.ELECTRON_RUN_AS_NODE
    const binary = electronBinary()
    const child = spawn(binary, [...switches, root, ...files], { cwd: root, env, stdio: ['ignore', 'inherit', 'pipe'] })
    // Held back during start-up: a crash there is summed up in one line, not a wall of text.
    let stderr = ''
    let passThrough = false
    child.stderr.on('data', (chunk) => {
      if (passThrough) process.stderr.write(chunk)
      else stderr += chunk
    })
    const grace = setTimeout(() => {
      passThrough = true
      process.stderr.write(stderr)
    }, STARTUP_GRACE_MS)
    const started = Date.now()
    child.on('error', (error) => resolveLaunch(`Electron could not be started (${error.message})`))
    child.on('exit', (code, signal) => {
      clearTimeout(grace)
      if (!passThrough && code === 0) process.stderr.write(stderr)
      if (Date.now() - started < STARTUP_GRACE_MS && code !== 0) {
        resolveLaunch(startupFailure(stderr, code, signal, binary))
        return
      }
      process.exitCode = code ?? 1
      resolveLaunch(null)
    })
  })
}

function serveInBrowser(files) {
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...files], { cwd: root, stdio: 'inherit' })
  // Ctrl+C reaches both processes (same process group); wait for the host to close cleanly.
  process.on('SIGINT', () => {})
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  child.on('exit', (code) => {
    process.exitCode = code ?? 0
  })
}

async function main() {
  // `npm start -- a.json`: npm runs us in the package folder, INIT_CWD is where the user was.
  const { switches, files } = splitArgs(process.argv.slice(2), process.env.INIT_CWD || process.cwd())
  // TRACEDECK_SKIP_BUILD: tests run start.js against the out/ that `npm test` has just built.
  const reason = buildReason()
  if (reason && !process.env.TRACEDECK_SKIP_BUILD) build(reason)

  const blocker = await electronBlocker()
  const failure = blocker ?? (await launchElectron(switches, files))
  if (failure === null) return
  console.error(`tracedeck: the desktop app cannot start here: ${failure}. Serving the same UI to your browser instead.`)
  // Only the browser host (and the CLI) load the Node build of better-sqlite3; the desktop app has its own.
  const node = await ensureNode()
  if (!node.ok) {
    console.error(`tracedeck: ${node.reason}`)
    process.exit(1)
  }
  serveInBrowser(files)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
