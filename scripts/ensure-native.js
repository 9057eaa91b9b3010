#!/usr/bin/env node
/**
 * Makes better-sqlite3 usable by both runtimes that load it, without one build clobbering the
 * other (see DEVELOPERS.md, "Native modules"):
 *
 *   node scripts/ensure-native.js node      the Node build in node_modules/better-sqlite3
 *                                           (tests, CLI, browser host); first step of `npm test`
 *   node scripts/ensure-native.js electron  Electron's binary + a better-sqlite3 build for
 *                                           Electron's ABI in a separate cache dir (`npm start`)
 *
 * `.npmrc` sets ignore-scripts=true, so `npm install` never runs install scripts: it cannot fail
 * on a machine that cannot download Electron. This script runs the ones we need, on demand.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

/** Where the Electron-ABI build lives; src/main/shell/native-binding.ts reads the manifest. */
export const ELECTRON_NATIVE_DIR = join(root, 'node_modules', '.cache', 'tracedeck-native')
export const ELECTRON_NATIVE_MANIFEST = join(ELECTRON_NATIVE_DIR, 'electron.json')

const sqliteDir = join(root, 'node_modules', 'better-sqlite3')

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

/** Runs a command; output goes to the terminal unless `quiet`, in which case it is returned. */
function run(command, args, { cwd = root, env = process.env, quiet = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    shell: process.platform === 'win32' && !command.endsWith('.exe'),
  })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  return { ok: result.status === 0, output, error: result.error }
}

/** Last meaningful line of a tool's output, for a one-line explanation. */
function lastLine(text) {
  const lines = String(text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !/^\s*at /.test(line) && !/^npm (warn|notice)/i.test(line))
  const network = lines.find((line) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET/.test(line))
  if (network) return `no network: ${network.replace(/^.*?(getaddrinfo|connect) /, '$1 ')}`.slice(0, 200)
  if (lines.some((line) => /network connectivity/.test(line))) return 'download failed (no network?)'
  const error = lines.find((line) => /error/i.test(line))
  return (error ?? lines.at(-1) ?? 'no output').slice(0, 200)
}

// ---------------------------------------------------------------------------------------------
// Node

function nodeLoads() {
  const probe = run(
    process.execPath,
    ['-e', "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get()"],
    { quiet: true },
  )
  return probe
}

/**
 * Ensures node_modules/better-sqlite3 loads in this Node; rebuilds it (prebuilt download, else a
 * compile against this Node's headers) when it does not. Returns { ok, reason }.
 */
export function ensureNode({ quiet = false } = {}) {
  if (!existsSync(sqliteDir)) {
    return { ok: false, reason: 'node_modules/better-sqlite3 is missing: run `npm install` first' }
  }
  if (nodeLoads().ok) return { ok: true, reason: 'better-sqlite3 loads in this Node' }
  if (!quiet) console.error(`tracedeck: building better-sqlite3 for Node ${process.version} (one time)…`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const rebuilt = run(npm, ['rebuild', 'better-sqlite3', '--ignore-scripts=false'], { quiet })
  const after = nodeLoads()
  if (after.ok) return { ok: true, reason: 'better-sqlite3 rebuilt for this Node' }
  return {
    ok: false,
    reason: `better-sqlite3 does not load in Node ${process.version}: ${lastLine(after.output || rebuilt.output)}`,
  }
}

// ---------------------------------------------------------------------------------------------
// Electron

function electronVersion() {
  return readJson(join(root, 'node_modules', 'electron', 'package.json')).version
}

/** Path of the Electron binary when it is installed, else null. */
export function electronBinary() {
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    // index.js throws when path.txt is missing, i.e. the binary was never downloaded.
    return null
  }
}

/** Runs electron's own postinstall (the binary download) when the binary is not there yet. */
function installElectronBinary(quiet) {
  if (electronBinary()) return { ok: true }
  const installer = join(root, 'node_modules', 'electron', 'install.js')
  if (!existsSync(installer)) return { ok: false, reason: 'node_modules/electron is missing: run `npm install`' }
  if (!quiet) console.error(`tracedeck: downloading Electron ${electronVersion()} (one time)…`)
  const result = run(process.execPath, [installer], { quiet: true })
  if (electronBinary()) return { ok: true }
  return { ok: false, reason: `the Electron binary could not be downloaded (${lastLine(result.output)})` }
}

function findNodeGyp(quiet) {
  const candidates = [join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')]
  if (process.env.npm_execpath) {
    candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  }
  for (const dir of (process.env.PATH ?? '').split(process.platform === 'win32' ? ';' : ':')) {
    const npmCli = join(dir, 'npm')
    if (!existsSync(npmCli)) continue
    try {
      candidates.push(join(dirname(realpathSync(npmCli)), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
    } catch (error) {
      if (!quiet) console.error(`tracedeck: skipping ${npmCli}: ${error.message}`)
    }
  }
  return candidates.find((path) => existsSync(path)) ?? null
}

/** Environment for building against Electron: drop npm's `nodedir` (it points at Node's headers). */
function electronBuildEnv() {
  const env = { ...process.env }
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key]
  }
  return env
}

/** Loads the built addon inside Electron (as Node) to prove it matches Electron's ABI. */
function verifyInElectron(binding) {
  const binary = electronBinary()
  if (!binary) return { ok: false, output: 'no Electron binary' }
  const script = `const D = require(${JSON.stringify(join(sqliteDir, 'lib', 'index.js'))}); new D(':memory:', { nativeBinding: ${JSON.stringify(binding)} }).prepare('select 1').get()`
  return run(binary, ['-e', script], { quiet: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } })
}

/**
 * Builds better-sqlite3 for Electron's ABI into node_modules/.cache/tracedeck-native (a copy of
 * the package, so the Node build is never touched): a prebuilt download first, a node-gyp build
 * against Electron's headers second. Returns { ok, reason, binding }.
 */
export function ensureElectronSqlite({ quiet = false } = {}) {
  const version = electronVersion()
  const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version
  const key = `electron-${version}-${process.platform}-${process.arch}-sqlite-${sqliteVersion}`
  const copyDir = join(ELECTRON_NATIVE_DIR, key, 'better-sqlite3')
  const binding = join(copyDir, 'build', 'Release', 'better_sqlite3.node')

  if (existsSync(ELECTRON_NATIVE_MANIFEST) && existsSync(binding)) {
    const manifest = readJson(ELECTRON_NATIVE_MANIFEST)
    if (manifest.key === key) return { ok: true, reason: 'cached', binding }
  }

  rmSync(copyDir, { recursive: true, force: true })
  mkdirSync(dirname(copyDir), { recursive: true })
  cpSync(sqliteDir, copyDir, {
    recursive: true,
    filter: (source) => !relative(sqliteDir, source).startsWith('build'),
  })

  const env = electronBuildEnv()
  const prebuild = join(root, 'node_modules', 'prebuild-install', 'bin.js')
  const attempts = []
  if (existsSync(prebuild)) {
    const result = run(process.execPath, [prebuild, '--runtime', 'electron', '--target', version, '--arch', process.arch], {
      cwd: copyDir,
      env,
      quiet: true,
    })
    if (!result.ok) attempts.push(`prebuilt download: ${lastLine(result.output)}`)
  }
  if (!existsSync(binding)) {
    const gyp = findNodeGyp(quiet)
    if (!gyp) {
      attempts.push('node-gyp not found')
    } else {
      if (!quiet) console.error(`tracedeck: compiling better-sqlite3 for Electron ${version}…`)
      const result = run(
        process.execPath,
        [gyp, 'rebuild', '--release', `--target=${version}`, `--arch=${process.arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
        { cwd: copyDir, env, quiet: true },
      )
      if (!result.ok) attempts.push(`build from source: ${lastLine(result.output)}`)
    }
  }
  if (!existsSync(binding)) {
    return { ok: false, reason: `better-sqlite3 could not be built for Electron ${version} (${attempts.join('; ')})` }
  }
  const verified = verifyInElectron(binding)
  if (!verified.ok && electronBinary()) {
    return { ok: false, reason: `the Electron build of better-sqlite3 does not load: ${lastLine(verified.output)}` }
  }
  writeFileSync(
    ELECTRON_NATIVE_MANIFEST,
    JSON.stringify({ key, electron: version, platform: process.platform, arch: process.arch, binding: relative(root, binding) }, null, 2),
  )
  return { ok: true, reason: 'built', binding }
}

/** Electron mode: the binary, then the Electron-ABI sqlite. Returns { ok, reason }. */
export function ensureElectron({ quiet = false } = {}) {
  const binary = installElectronBinary(quiet)
  if (!binary.ok) return binary
  return ensureElectronSqlite({ quiet })
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) {
  const mode = process.argv[2] ?? 'node'
  const result = mode === 'electron' ? ensureElectron() : mode === 'node' ? ensureNode() : null
  if (!result) {
    console.error(`usage: node scripts/ensure-native.js node|electron (got "${mode}")`)
    process.exit(2)
  }
  if (!result.ok) {
    console.error(`tracedeck: ${result.reason}`)
    process.exit(1)
  }
}
