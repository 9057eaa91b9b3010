#!/usr/bin/env node
/**
 * The `tracedeck` command (package.json "bin"): runs the built CLI, out/main/cli.js. On a fresh
 * clone it builds first, and makes sure better-sqlite3 is built for this Node, so
 * `npm install && npx tracedeck …` works with nothing else to run.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'out', 'main', 'cli.js')

function fail(message) {
  process.stderr.write(`tracedeck: ${message}\n`)
  process.exit(1)
}

if (!existsSync(cli)) {
  process.stderr.write('tracedeck: building the app (first run)…\n')
  const viteBin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  if (!existsSync(viteBin)) fail('dependencies are missing: run `npm install` in the tracedeck folder first')
  const built = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (built.status !== 0 || !existsSync(cli)) fail('the build failed (run `npm run build` to see why)')
}

// A missing or wrong-ABI better-sqlite3 (npm install skips install scripts) is fixed once here.
try {
  const Database = createRequire(join(root, 'package.json'))('better-sqlite3')
  new Database(':memory:').close()
} catch (error) {
  const { ensureNode } = await import(pathToFileURL(join(root, 'scripts', 'ensure-native.js')).href)
  const result = await ensureNode()
  if (!result.ok) fail(`${result.reason}\n(first error: ${error.message.split('\n')[0]})`)
}

// `tracedeck list | head` closes stdout early; that ends the command, it is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})
const { runCli } = await import(pathToFileURL(cli).href)
process.exitCode = await runCli(process.argv)
