#!/usr/bin/env node
/**
 * Makes better-sqlite3 usable by both runtimes that load it, without one build clobbering the
 * other (see DEVELOPERS.md, "Native modules"):
 *
 *   node scripts/ensure-native.js node      the Node build in node_modules/better-sqlite3
 *                                           (tests, CLI, browser host); first step of `npm test`
 *   node scripts/ensure-native.js electron  Electron's binary + a better-sqlite3 build for
 *                                           Electron's ABI in a separate cache dir (`npm start`);
 *                                           run by hand it retries a remembered failure
 *
 * `.npmrc` sets ignore-scripts=true, so `npm install` never runs install scripts: it cannot fail
 * on a machine that cannot download Electron. This script runs the ones we need, on demand.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as electron from './native/electron-sqlite.js'
import * as node from './native/node-sqlite.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const electronBinary = () => electron.electronBinary(root)
export const ensureElectron = (options) => electron.ensureElectron(root, options)
export const ensureElectronSqlite = (options) => electron.ensureElectronSqlite(root, options)
export const ensureNode = (options) => node.ensureNode(root, options)

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) {
  const mode = process.argv[2] ?? 'node'
  const result = mode === 'electron' ? await ensureElectron({ retry: true }) : mode === 'node' ? await ensureNode() : null
  if (!result) {
    console.error(`usage: node scripts/ensure-native.js node|electron (got "${mode}")`)
    process.exit(2)
  }
  if (!result.ok) {
    console.error(`tracedeck: ${result.reason}`)
    process.exit(1)
  }
}
