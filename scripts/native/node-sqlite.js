/**
 * The Node build of better-sqlite3 in node_modules/better-sqlite3: the CLI, the browser host and
 * the tests load it. The desktop app never does (it has its own Electron build), so only those
 * need this step.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { run, summarize, toolchain } from './run.js'

function probe(root) {
  return run(process.execPath, ['-e', "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get()"], {
    cwd: root,
  })
}

/**
 * Ensures node_modules/better-sqlite3 loads in this Node; rebuilds it when it does not (a
 * prebuilt download, else a compile against this Node's headers, whose lines are shown as they
 * come). Resolves to { ok, reason }.
 */
export async function ensureNode(root, { quiet = false } = {}) {
  if (!existsSync(join(root, 'node_modules', 'better-sqlite3'))) {
    return { ok: false, reason: 'node_modules/better-sqlite3 is missing: run `npm install` first' }
  }
  if ((await probe(root)).ok) return { ok: true, reason: 'better-sqlite3 loads in this Node' }
  if (!quiet) {
    console.error(
      `tracedeck: building better-sqlite3 for Node ${process.version} (one time). A prebuilt download takes seconds; ` +
        `without one SQLite is compiled, which takes about a minute (up to 5 on a slow machine) and needs ${toolchain()}…`,
    )
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  // --foreground-scripts: npm otherwise hides the install script's output (the compiler's lines).
  const rebuilt = await run(npm, ['rebuild', 'better-sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
    cwd: root,
    mode: quiet ? 'quiet' : 'tee',
    label: 'building better-sqlite3 for Node',
  })
  const after = await probe(root)
  if (after.ok) return { ok: true, reason: 'better-sqlite3 rebuilt for this Node' }
  return {
    ok: false,
    reason:
      `better-sqlite3 does not load in Node ${process.version} (${summarize(rebuilt.output || after.output)}). ` +
      `Building it needs ${toolchain()}; or use Node 22 or 24, for which a prebuilt binary exists`,
  }
}
