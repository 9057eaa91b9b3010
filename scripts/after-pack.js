/**
 * electron-builder's afterPack hook (electron-builder.yml): puts better-sqlite3 built for the
 * packaged Electron and arch into the app, in place of the Node build electron-builder copied
 * from node_modules (which it must not rebuild in place: the CLI and the tests use it). The addon
 * comes from scripts/ensure-native.js (a prebuilt download, else a compile), or from the file
 * named by TRACEDECK_ELECTRON_BINDING (an addon built elsewhere, e.g. on an offline machine).
 */
import { copyFileSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectronSqlite } from './native/electron-sqlite.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'] // builder-util's Arch enum

/** Where the unpacked addon sits in the packaged app. */
function unpackedAddon(context) {
  const resources =
    context.electronPlatformName === 'darwin'
      ? join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
      : join(context.appOutDir, 'resources')
  return join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
}

export default async function afterPack(context) {
  const arch = ARCH_NAMES[context.arch]
  const target = unpackedAddon(context)
  if (!existsSync(target)) throw new Error(`tracedeck: ${target} is missing: the native addon was not unpacked from the asar`)
  let binding = process.env.TRACEDECK_ELECTRON_BINDING
  if (!binding) {
    if (context.electronPlatformName !== process.platform) {
      throw new Error(`tracedeck: build the ${context.electronPlatformName} installer on ${context.electronPlatformName}: better-sqlite3 for it cannot be fetched or built here`)
    }
    const result = await ensureElectronSqlite(root, { arch, retry: true })
    if (!result.ok) throw new Error(`tracedeck: ${result.reason}`)
    binding = result.binding
  }
  copyFileSync(binding, target)
  console.error(`tracedeck: better-sqlite3 for Electron (${context.electronPlatformName}-${arch}) put into ${target}`)
}
