/**
 * Electron's binary, and a better-sqlite3 build for Electron's ABI kept apart from the Node build
 * (node_modules/.cache/tracedeck-native/<key>/better-sqlite3), recorded in electron.json for the
 * app (src/main/shell/native-binding.ts). See DEVELOPERS.md, "Native modules".
 *
 * A start after a good first start costs a few stat() calls: the manifest records the size and
 * time of Electron's binary and of the addon, and only a change makes it check (and if need be
 * rebuild) again. A failed attempt is remembered per key, so later starts say so at once instead
 * of repeating the downloads and the compile; `npm run native:electron` tries again.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { isNetworkFailure, NETWORK_HINT, run, summarize, toolchain } from './run.js'

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))

export function nativeDir(root) {
  return join(root, 'node_modules', '.cache', 'tracedeck-native')
}
export function manifestPath(root) {
  return join(nativeDir(root), 'electron.json')
}
function failuresPath(root) {
  return join(nativeDir(root), 'failed.json')
}

export function electronVersion(root) {
  return readJson(join(root, 'node_modules', 'electron', 'package.json')).version
}

/** Path of the Electron binary when it is installed (as electron's own index.js finds it), else null. */
export function electronBinary(root) {
  const dir = join(root, 'node_modules', 'electron')
  try {
    const platformPath = readFileSync(join(dir, 'path.txt'), 'utf8')
    const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist'), platformPath)
    return existsSync(binary) ? binary : null
  } catch {
    return null // no path.txt: the binary was never downloaded
  }
}

function fileStamp(path) {
  try {
    const info = statSync(path)
    return `${info.size}:${Math.round(info.mtimeMs)}`
  } catch {
    return null
  }
}

/** Runs Electron as Node (for probes). */
function asNode(binary, args, cwd) {
  return run(binary, args, { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } })
}

/**
 * The installed Electron's own architecture. Under Rosetta (x64 Node on Apple Silicon) Electron's
 * installer fetches arm64, so process.arch would name the wrong addon.
 */
async function electronArch(binary, root) {
  const probe = await asNode(binary, ['-p', 'process.arch'], root)
  const arch = probe.output.trim().split(/\s+/).at(-1)
  return probe.ok && /^[a-z0-9]+$/.test(arch ?? '') ? arch : process.arch
}

/** Loads the addon inside Electron (as Node) to prove it matches Electron's ABI and arch. */
function verifyInElectron(root, binary, binding) {
  const lib = join(realpathSync(join(root, 'node_modules', 'better-sqlite3')), 'lib', 'index.js')
  const script = `const D = require(${JSON.stringify(lib)}); new D(':memory:', { nativeBinding: ${JSON.stringify(binding)} }).prepare('select 1').get()`
  return asNode(binary, ['-e', script], root)
}

function readFailures(root) {
  try {
    return readJson(failuresPath(root))
  } catch {
    return {}
  }
}
function rememberFailure(root, key, reason) {
  try {
    mkdirSync(nativeDir(root), { recursive: true })
    writeFileSync(failuresPath(root), JSON.stringify({ ...readFailures(root), [key]: { reason, at: new Date().toISOString() } }, null, 2))
  } catch {
    // Read-only folder: the failure is simply not remembered.
  }
}
function forgetFailure(root, key) {
  const failures = readFailures(root)
  if (!(key in failures)) return
  delete failures[key]
  writeFileSync(failuresPath(root), JSON.stringify(failures, null, 2))
}
/** A remembered failure for key, as a reason, or null. */
function remembered(root, key) {
  const failure = readFailures(root)[key]
  if (!failure) return null
  return `${failure.reason} [remembered from ${failure.at.slice(0, 16).replace('T', ' ')}; \`npm run native:electron\` tries again]`
}

/** Runs electron's own postinstall (the binary download) when the binary is not there yet. */
async function installElectronBinary(root, { quiet, retry }) {
  if (electronBinary(root)) return { ok: true }
  const installer = join(root, 'node_modules', 'electron', 'install.js')
  if (!existsSync(installer)) return { ok: false, reason: 'node_modules/electron is missing: run `npm install`' }
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { ok: false, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary is not downloaded (unset it to use the desktop app)' }
  }
  const version = electronVersion(root)
  const key = `electron-${version}`
  const before = !retry && remembered(root, key)
  if (before) return { ok: false, reason: before }
  if (!quiet) console.error(`tracedeck: downloading Electron ${version} (about 100 MB, one time)…`)
  // On a terminal the download's progress bar draws only if the installer has the terminal itself.
  const mode = quiet ? 'quiet' : process.stderr.isTTY ? 'inherit' : 'tee'
  const result = await run(process.execPath, [installer], { cwd: root, mode, label: 'downloading Electron' })
  if (electronBinary(root)) {
    forgetFailure(root, key)
    return { ok: true }
  }
  const why = result.output ? summarize(result.output) : 'see the error above'
  const hint = !result.output || isNetworkFailure(result.output) ? `; ${NETWORK_HINT}` : ''
  const reason = `the Electron binary could not be downloaded (${why}${hint})`
  rememberFailure(root, key, reason)
  return { ok: false, reason }
}

function findNodeGyp(root) {
  const candidates = [join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')]
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  for (const dir of (process.env.PATH ?? '').split(process.platform === 'win32' ? ';' : ':')) {
    try {
      candidates.push(join(dirname(realpathSync(join(dir, 'npm'))), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
    } catch {
      continue // no npm in this PATH entry
    }
  }
  return candidates.find((path) => existsSync(path)) ?? null
}

/** Environment for building against Electron: drop npm's settings that point at Node's headers. */
function electronBuildEnv() {
  const env = { ...process.env }
  for (const name of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch)$/i.test(name)) delete env[name]
  }
  return env
}

function writeManifest(root, fields) {
  writeFileSync(manifestPath(root), JSON.stringify(fields, null, 2))
}

/**
 * Ensures an Electron-ABI better-sqlite3 for the installed Electron. `arch` builds for another
 * architecture (packaging; not loadable here, so not checked). `retry` ignores a remembered
 * failure. Resolves to { ok, reason, binding }.
 */
export async function ensureElectronSqlite(root, { quiet = false, retry = false, arch: targetArch } = {}) {
  // Packaging for an arch needs no binary here (the addon is fetched, not checked).
  const binary = electronBinary(root)
  if (!binary && !targetArch) return { ok: false, reason: 'the Electron binary is not installed' }
  const version = electronVersion(root)
  const sqliteDir = realpathSync(join(root, 'node_modules', 'better-sqlite3'))
  const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version
  const electronStamp = binary && fileStamp(binary)

  let manifest = null
  try {
    manifest = readJson(manifestPath(root))
  } catch {
    manifest = null
  }
  const cachedArch = manifest?.electronStamp === electronStamp && manifest?.electron === version ? manifest.arch : null
  const ownArch = binary ? (cachedArch ?? (await electronArch(binary, root))) : null
  const arch = targetArch ?? ownArch
  const check = binary !== null && arch === ownArch
  // Kept short: on Windows the build tree below it must stay under MAX_PATH.
  const key = `${version}-${process.platform}-${arch}-s${sqliteVersion}`
  const copyDir = join(nativeDir(root), key, 'better-sqlite3')
  const binding = join(copyDir, 'build', 'Release', 'better_sqlite3.node')
  const record = () =>
    check &&
    writeManifest(root, { key, electron: version, platform: process.platform, arch, electronStamp, binding: relative(root, binding), bindingStamp: fileStamp(binding) })

  if (manifest?.key === key && manifest.electronStamp === electronStamp && manifest.bindingStamp && manifest.bindingStamp === fileStamp(binding)) {
    return { ok: true, reason: 'cached', binding }
  }
  // The addon exists but is unrecorded or changed since (another arch's manifest, a damaged file).
  if (existsSync(binding) && (!check || (await verifyInElectron(root, binary, binding)).ok)) {
    record()
    return { ok: true, reason: 'checked', binding }
  }
  const before = !retry && remembered(root, key)
  if (before) return { ok: false, reason: before }

  const attempts = []
  let network = false
  const loads = async (how) => {
    if (!existsSync(binding)) return false
    if (!check) return true
    const verified = await verifyInElectron(root, binary, binding)
    if (verified.ok) return true
    attempts.push(`${how} does not load: ${summarize(verified.output)}`)
    rmSync(join(copyDir, 'build'), { recursive: true, force: true })
    return false
  }
  try {
    rmSync(copyDir, { recursive: true, force: true })
    mkdirSync(dirname(copyDir), { recursive: true })
    cpSync(sqliteDir, copyDir, { recursive: true, filter: (source) => !relative(sqliteDir, source).startsWith('build') })
    const env = electronBuildEnv()
    const prebuild = join(root, 'node_modules', 'prebuild-install', 'bin.js')
    let ok = false
    if (existsSync(prebuild)) {
      if (!quiet) console.error(`tracedeck: fetching a prebuilt better-sqlite3 ${sqliteVersion} for Electron ${version} (${process.platform}-${arch}, about 2 MB)…`)
      const result = await run(process.execPath, [prebuild, '--runtime', 'electron', '--target', version, '--arch', arch], { cwd: copyDir, env })
      if (!result.ok) {
        network ||= isNetworkFailure(result.output)
        attempts.push(`prebuilt download: ${summarize(result.output)}`)
      }
      ok = await loads('the prebuilt binary')
    }
    if (!ok) {
      const gyp = findNodeGyp(root)
      if (!gyp) attempts.push('build from source: node-gyp not found')
      else {
        if (!quiet) console.error(`tracedeck: compiling better-sqlite3 for Electron ${version} instead (one time, 1 to 5 minutes; needs ${toolchain()})…`)
        const result = await run(
          process.execPath,
          [gyp, 'rebuild', '--release', `--target=${version}`, `--arch=${arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
          { cwd: copyDir, env, mode: quiet ? 'quiet' : 'tee', label: 'compiling better-sqlite3 for Electron' },
        )
        if (!result.ok) {
          network ||= isNetworkFailure(result.output)
          attempts.push(`build from source: ${summarize(result.output)}`)
        }
        ok = await loads('the compiled binary')
      }
    }
    if (ok) {
      record()
      forgetFailure(root, key)
      return { ok: true, reason: 'built', binding }
    }
  } catch (error) {
    attempts.push(`${error.code ?? 'error'}: ${error.message}`)
  }
  const hint = network ? NETWORK_HINT : `a build from source needs ${toolchain()}`
  const reason = `better-sqlite3 could not be built for Electron ${version} (${attempts.join('; ')}; ${hint})`
  rememberFailure(root, key, reason)
  return { ok: false, reason }
}

/** The binary, then the Electron-ABI sqlite. Resolves to { ok, reason, binding }. */
export async function ensureElectron(root, options = {}) {
  const installed = await installElectronBinary(root, options)
  if (!installed.ok) return installed
  return ensureElectronSqlite(root, options)
}
