/**
 * Packaging (electron-builder.yml): the configuration passes electron-builder's own schema
 * validation, and a real electron-builder run (Linux, unpacked "dir" target, with a stand-in
 * Electron distribution since the real one cannot be downloaded here) produces an app holding
 * every file the packaged app loads: the bundles in app.asar, the native addon unpacked and
 * replaced by the Electron build, resources/ where findResourcesDir looks, the fuses flipped.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> }
const asar = require('@electron/asar') as { listPackage(path: string, options: object): string[]; extractFile(archive: string, file: string): Buffer }

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8'))
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's default fuse wire: RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, only-asar, snapshot, file privileges. */
const DEFAULT_FUSES = '10110001'

const work = mkdtempSync(join(tmpdir(), 'tracedeck-pack-'))
const dist = join(work, 'electron-dist')
const output = join(work, 'out')
const addon = join(work, 'electron-abi-better_sqlite3.node')
let app: string
let files: string[]

beforeAll(() => {
  if (!existsSync('out/main/index.js')) throw new Error('out/ is missing: run "npm run build" first (npm test does)')
  // A stand-in Electron distribution: a binary carrying the fuse wire, as the real one does.
  mkdirSync(join(dist, 'resources'), { recursive: true })
  writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n#${SENTINEL}`), Buffer.from([1, 8]), Buffer.from(`${DEFAULT_FUSES}\n`)]))
  chmodSync(join(dist, 'electron'), 0o755)
  writeFileSync(join(dist, 'version'), JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version)
  writeFileSync(join(dist, 'LICENSE'), 'stand-in')
  writeFileSync(addon, 'the Electron-ABI addon stand-in')
  const run = spawnSync(
    process.execPath,
    ['node_modules/electron-builder/cli.js', '--linux', 'dir', '--x64', `-c.electronDist=${dist}`, `-c.directories.output=${output}`],
    { encoding: 'utf8', env: { ...process.env, TRACEDECK_ELECTRON_BINDING: addon }, timeout: 240_000 },
  )
  if (run.status !== 0) throw new Error(`electron-builder failed:\n${run.stdout}\n${run.stderr}`)
  app = join(output, 'linux-unpacked')
  files = asar.listPackage(join(app, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replace(/\\/g, '/'))
}, 300_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation, which does reject a wrong key", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined()
    await expect(validateConfiguration({ ...structuredClone(config), linux: { targets: ['AppImage'] } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/)
  })

  it('builds AppImage + deb, dmg + zip per arch, and NSIS, with an icon for each OS generated from one source', () => {
    const targets = (os: string) => (config[os] as { target: { target: string; arch: string[] }[] }).target
    expect(targets('linux').map((t) => t.target)).toEqual(['AppImage', 'deb'])
    expect(targets('mac')).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }, { target: 'zip', arch: ['arm64', 'x64'] }])
    expect(targets('win').map((t) => t.target)).toEqual(['nsis'])
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(`build/icons/${size}x${size}.png`), `${size}px`).toBe(true)
    expect(readFileSync('build/icons/icon.icns').subarray(0, 4).toString()).toBe('icns')
    expect([...readFileSync('build/icons/icon.ico').subarray(0, 4)]).toEqual([0, 0, 1, 0])
    expect(config.fileAssociations).toEqual(expect.arrayContaining([expect.objectContaining({ ext: 'json', rank: 'Alternate' })]))
  })
})

describe('the packaged app (Linux, unpacked)', () => {
  it('app.asar holds the bundles and better-sqlite3, and no sources or tests', () => {
    const pkg = JSON.parse(asar.extractFile(join(app, 'resources', 'app.asar'), 'package.json').toString())
    for (const file of [pkg.main.replace(/^\.\//, ''), 'out/main/import-worker.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'node_modules/better-sqlite3/lib/index.js']) {
      expect(files, file).toContain(`/${file}`)
    }
    // Every chunk the entry imports is in the archive.
    const entry = asar.extractFile(join(app, 'resources', 'app.asar'), 'out/main/index.js').toString()
    for (const [, chunk] of entry.matchAll(/from "\.\/(chunks\/[^"]+)"/g)) expect(files).toContain(`/out/main/${chunk}`)
    expect(files.some((file) => /^\/(src|test|scripts|docs)\//.test(file))).toBe(false)
    expect(files.some((file) => file.endsWith('.map'))).toBe(false)
  })

  it('the native addon is unpacked from the asar and is the Electron build, not the Node one', () => {
    const unpacked = join(app, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
    expect(readFileSync(unpacked, 'utf8')).toBe('the Electron-ABI addon stand-in')
    // …and the project's own Node build, which the CLI and tests use, is untouched.
    expect(readFileSync('node_modules/better-sqlite3/build/Release/better_sqlite3.node').length).toBeGreaterThan(100_000)
  })

  it('resources/ is where the app looks for it (<resourcesPath>/resources)', () => {
    expect(existsSync(join(app, 'resources', 'resources', 'sample-agent-run.json'))).toBe(true)
    expect(existsSync(join(app, 'resources', 'resources', 'prices.json'))).toBe(true)
  })

  it('flips the fuses: no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect; asar integrity and asar-only on', () => {
    const binary = readFileSync(join(app, 'tracedeck'))
    const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2
    expect(binary.subarray(at, at + 6).toString()).toBe('010011')
  })
})
