/**
 * Audit finding 11: a -wal file from another library beside an intact one. Opening says what it
 * is and names both paths (not "database disk image is malformed"); moving the log aside (CLI
 * `--move-wal-aside`) brings the library back with its own traces.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createLibrary } from '../../src/main/core/library-service'
import { ForeignWalError, moveWalAside } from '../../src/main/core/store/wal-check'
import { agentRunsOtlp } from '../cli/otlp-fixture'
import { writeTemp } from '../golden/harness'

const CLI = resolve(process.env.TRACEDECK_OUT ?? 'out', 'main', 'cli.js')

async function libraryWithForeignWal(): Promise<{ a: string; names: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-wal-'))
  const a = join(dir, 'library.db')
  const b = join(dir, 'other.db')
  const la = createLibrary({ dbPath: a, useWorker: false })
  await la.handlers.importFiles({ paths: [writeTemp(await agentRunsOtlp({ runs: 3 }), 'a.json')], jobId: 'a' })
  const names = (await la.handlers.listTraces({})).map((t) => t.id).sort()
  la.close()
  // Another library, its last imports left in an unmerged log, which is copied beside the first.
  const base = createLibrary({ dbPath: b, useWorker: false })
  await base.handlers.importFiles({ paths: [writeTemp(await agentRunsOtlp({ runs: 20 }), 'b.json')], jobId: 'b' })
  base.close()
  const lb = createLibrary({ dbPath: b, useWorker: false })
  lb.db.pragma('wal_autocheckpoint = 0')
  for (let i = 0; i < 4; i++)
    await lb.handlers.importFiles({
      paths: [writeTemp(await agentRunsOtlp({ runs: 30, startMs: Date.UTC(2024, i, 1) }), `b${i}.json`)],
      jobId: `b${i}`,
    })
  copyFileSync(`${b}-wal`, `${a}-wal`)
  lb.close()
  rmSync(`${a}-shm`, { force: true })
  return { a, names }
}

describe('a foreign -wal beside the library', () => {
  it('is named as such on open, and moving it aside brings the library back', async () => {
    const { a, names } = await libraryWithForeignWal()
    let caught: unknown
    try {
      createLibrary({ dbPath: a, useWorker: false }).close()
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(ForeignWalError)
    const message = (caught as Error).message
    expect(message).toContain(a)
    expect(message).toContain(`${a}-wal`)
    expect(message).toMatch(/intact.*another database.*--move-wal-aside/)
    const moved = moveWalAside(a)
    expect(existsSync(moved)).toBe(true)
    const lib = createLibrary({ dbPath: a, useWorker: false })
    expect((await lib.handlers.listTraces({})).map((t) => t.id).sort()).toEqual(names)
    lib.close()
    const check = new Database(a, { readonly: true })
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
    check.close()
  })

  it('the CLI names it in one line and --move-wal-aside recovers', async () => {
    const { a, names } = await libraryWithForeignWal()
    const run = (args: string[]) =>
      spawnSync(process.execPath, [CLI, '--db', a, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    const failed = run(['--json', 'list'])
    expect(failed.status).not.toBe(0)
    expect(failed.stderr.trim().split('\n')).toHaveLength(1)
    expect(failed.stderr).toMatch(/write-ahead log .*-wal.*--move-wal-aside/)
    const fixed = run(['--move-wal-aside', '--json', 'list'])
    expect(fixed.status, fixed.stderr).toBe(0)
    expect(fixed.stderr).toMatch(/moved .*-wal aside/)
    expect((JSON.parse(fixed.stdout) as { id: string }[]).map((t) => t.id).sort()).toEqual(names)
  })
})
