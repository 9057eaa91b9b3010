#!/usr/bin/env node
/**
 * `npm run dist [-- electron-builder options]`: the installers for this OS (electron-builder.yml:
 * AppImage and deb on Linux, dmg and zip on macOS, NSIS on Windows) into dist/. Builds the app
 * first. When the Electron that `npm start` downloaded matches, it is used as is; otherwise
 * electron-builder downloads Electron (and its packaging tools), and where it cannot, this says
 * so in one line instead of a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary } from './native/electron-sqlite.js'
import { isNetworkFailure, NETWORK_HINT } from './native/run.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const PLATFORM_FLAG = { linux: '--linux', darwin: '--mac', win32: '--win' }

function fail(message) {
  console.error(`tracedeck: ${message}`)
  process.exit(1)
}

const flag = PLATFORM_FLAG[process.platform]
if (!flag) fail(`npm run dist builds for Linux, macOS and Windows, not ${process.platform}`)

const built = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
if (built.status !== 0) fail('the build failed (run `npm run build` to see the whole output)')
if (!existsSync(join(root, 'build', 'icons', 'icon.icns'))) fail('build/icons/ is missing: run `npm run icons`')

const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
const args = [flag, ...process.argv.slice(2)]
const local = electronBinary(root)
// The downloaded Electron serves when it is this OS's (a universal or other-arch build downloads its own).
if (local && !process.argv.slice(2).some((arg) => /^--(x64|arm64|ia32|armv7l|universal)$/.test(arg))) {
  args.push(`-c.electronDist=${join(root, 'node_modules', 'electron', 'dist')}`)
}
console.error(`tracedeck: packaging tracedeck for ${process.platform} with Electron ${version} into dist/ (electron-builder ${args.join(' ')})…`)
const child = spawn(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
let output = ''
let failed = false
const relay = (chunk) => {
  output += chunk
  // Its progress lines pass through until it fails; the failure is summed up in one line below.
  failed ||= /⨯/.test(String(chunk))
  if (!failed) process.stderr.write(chunk)
}
child.stdout.on('data', relay)
child.stderr.on('data', relay)
child.on('close', (code) => {
  if (code === 0) return
  if (isNetworkFailure(output) || /cannot download|unable to download|dial tcp|ENOTFOUND|get "https?:/i.test(output)) {
    fail(
      `npm run dist could not download Electron ${version} or electron-builder's packaging tools (no network?). ` +
        `Run \`npm start\` once with network (its Electron is then used), or ${NETWORK_HINT.replace('npm_config_better_sqlite3_binary_host', 'ELECTRON_BUILDER_BINARIES_MIRROR')}`,
    )
  }
  const line = output.split('\n').find((text) => /⨯/.test(text)) ?? `electron-builder exited with code ${code}`
  fail(`npm run dist failed: ${line.replace(/\s*failedTask=.*$/, '').replace('⨯', '').trim()}`)
})
