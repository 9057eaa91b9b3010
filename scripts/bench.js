#!/usr/bin/env node
/**
 * `npm run bench`: runs every `bench:<name>` script of package.json in turn (each owner adds
 * theirs; each writes .bench/<name>.json and prints its own table), then a summary. Exit status
 * 1 when any benchmark failed. `npm run bench -- <name>…` runs only those.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {}
const wanted = process.argv.slice(2)
const names = Object.keys(scripts)
  .filter((name) => name.startsWith('bench:'))
  .map((name) => name.slice('bench:'.length))
  .filter((name) => wanted.length === 0 || wanted.includes(name))

if (names.length === 0) {
  console.log(wanted.length ? `No bench:* script named ${wanted.join(', ')}` : 'No bench:* scripts in package.json yet.')
  process.exit(wanted.length ? 1 : 0)
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const results = []
for (const name of names) {
  console.log(`\n=== bench:${name} ===`)
  const started = Date.now()
  const run = spawnSync(npm, ['run', '--silent', `bench:${name}`], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  const output = join(root, '.bench', `${name}.json`)
  results.push({
    name,
    ok: run.status === 0,
    seconds: (Date.now() - started) / 1000,
    output: existsSync(output) ? `.bench/${name}.json` : '(no .bench file)',
  })
}

console.log('\nBENCHMARK        STATUS  TIME      RESULTS')
for (const r of results) {
  console.log(`${r.name.padEnd(16)} ${(r.ok ? 'ok' : 'FAILED').padEnd(7)} ${`${r.seconds.toFixed(1)} s`.padStart(8)}  ${r.output}`)
}
const failed = results.filter((r) => !r.ok).length
console.log(`\n${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
