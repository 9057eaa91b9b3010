/**
 * A copy of the project in a temp folder for driving scripts/start.js and scripts/ensure-native.js
 * as `npm start` would, with a fake Electron: its own scripts/ and node_modules/electron (the real
 * package, whose install.js really runs), every other dependency linked to ours, and out/ linked
 * to our build. Downloads come from a local mirror standing in for GitHub (see mirror.ts).
 *
 * The fake `electron` binary acts as Node when ELECTRON_RUN_AS_NODE is set (the scripts' probes;
 * FAKE_ARCH makes `-p process.arch` answer another arch, as Electron under Rosetta does), else
 * records its argv to FAKE_LOG and, per FAKE_ELECTRON_MODE, exits 0, crashes, or aborts with
 * Chromium's SUID-sandbox FATAL line and SIGTRAP as Electron does on Ubuntu 24.04.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const REPO = resolve('.')

export const FAKE_ELECTRON = `#!/bin/bash
if [ -n "$ELECTRON_RUN_AS_NODE" ]; then
  if [ "$1" = "-p" ] && [ "$2" = "process.arch" ] && [ -n "$FAKE_ARCH" ]; then echo "$FAKE_ARCH"; exit 0; fi
  exec "$FAKE_NODE" "$@"
fi
printf '%s\\n' "$@" > "$FAKE_LOG"
case "$FAKE_ELECTRON_MODE" in
  suid)
    echo "[4711:1203/101010.123456:FATAL:sandbox/linux/suid/client/setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that $(dirname "$0")/chrome-sandbox is owned by root and has mode 4755." >&2
    kill -TRAP $$ ;;
  crash) echo "[4711:1203/101010.123456:ERROR:ozone_platform_x11.cc(240)] Missing X server or \\$DISPLAY" >&2; exit 1 ;;
  *) exit 0 ;;
esac
`

export interface Project {
  root: string
  /** Where the fake Electron writes the argv it was started with. */
  log: string
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv
  remove(): void
}

/** `withoutNodeBuild`: better-sqlite3 copied without its build/, as after `npm install` where no Node prebuild exists. */
export function makeProject({ withoutNodeBuild = false } = {}): Project {
  const root = mkdtempSync(join(tmpdir(), 'tracedeck-fake-project-'))
  cpSync(join(REPO, 'scripts'), join(root, 'scripts'), { recursive: true })
  writeFileSync(join(root, 'package.json'), readFileSync(join(REPO, 'package.json')))
  symlinkSync(join(REPO, 'out'), join(root, 'out'))
  const modules = join(root, 'node_modules')
  mkdirSync(modules)
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    if (entry === 'electron' || entry === '.cache' || entry === '.bin' || (withoutNodeBuild && entry === 'better-sqlite3')) continue
    symlinkSync(join(REPO, 'node_modules', entry), join(modules, entry))
  }
  cpSync(join(REPO, 'node_modules', 'electron'), join(modules, 'electron'), {
    recursive: true,
    filter: (source) => !/[\\/]electron[\\/](dist|path\.txt)/.test(source.slice(join(REPO, 'node_modules').length)),
  })
  if (withoutNodeBuild) {
    const from = join(REPO, 'node_modules', 'better-sqlite3')
    cpSync(from, join(modules, 'better-sqlite3'), { recursive: true, filter: (source) => !source.slice(from.length).startsWith('/build') })
  }
  const log = join(root, 'electron-argv.txt')
  return {
    root,
    log,
    env: (extra = {}) => ({
      ...process.env,
      DISPLAY: ':99',
      FAKE_NODE: process.execPath,
      FAKE_LOG: log,
      TRACEDECK_SKIP_BUILD: '1',
      TRACEDECK_DB: join(root, 'library.db'),
      INIT_CWD: root,
      // Every download cache in the project folder: nothing from an earlier run is reused.
      electron_config_cache: join(root, 'cache', 'electron'),
      npm_config_cache: join(root, 'cache', 'npm'),
      npm_config_devdir: join(root, 'cache', 'gyp'),
      ELECTRON_GET_NO_PROGRESS: '1',
      ...extra,
    }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}
