/**
 * A write-ahead log that does not belong to the library (audit finding 11): a `library.db-wal`
 * copied from another library, or left beside a file restored from a backup. SQLite cannot tell
 * (a WAL records nothing of its database) and answers "database disk image is malformed", or
 * worse, shows the other library's pages. When opening fails that way with a -wal present, the
 * library file alone is checked on a copy: intact without the log means the log is foreign (or
 * damaged), and moving it aside brings the library back.
 */
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/** Libraries above this size are not copied to be checked (the message then hedges). */
const CHECK_LIMIT = 2 * 1024 ** 3

const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_IOERR_SHORT_READ'])

/** An error opening a library whose -wal file does not belong to it; `walPath` can be moved aside. */
export class ForeignWalError extends Error {
  readonly code = 'foreign-wal'
  constructor(
    readonly dbPath: string,
    readonly walPath: string,
    checked: boolean,
  ) {
    super(
      `The library ${dbPath} cannot be read with the write-ahead log beside it (${walPath}): ` +
        (checked
          ? 'the library file itself is intact, so the log belongs to another database (copied in, or left from an older file). '
          : 'the log looks foreign or damaged. ') +
        'Move the log aside to open the library: tracedeck --move-wal-aside, or "Move it aside" in the app.',
    )
    this.name = 'ForeignWalError'
  }
}

export const walPathOf = (dbPath: string): string => `${dbPath}-wal`

/** A non-empty -wal with no -shm index beside it. */
export function hasLonelyWal(dbPath: string): boolean {
  const wal = walPathOf(dbPath)
  return existsSync(wal) && statSync(wal).size > 0 && !existsSync(`${dbPath}-shm`)
}

/** Whether an open error is SQLite reading pages that make no sense. */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? ''
  return CORRUPT.has(code) || /malformed|not a database/i.test((err as Error)?.message ?? '')
}

/**
 * Called when opening `dbPath` failed with corruption: a ForeignWalError when a non-empty -wal
 * is beside it and the library file alone is intact (or too big to check), else null.
 */
export function diagnoseWal(dbPath: string, nativeBinding?: string): ForeignWalError | null {
  const wal = walPathOf(dbPath)
  if (!existsSync(wal) || statSync(wal).size === 0) return null
  if (statSync(dbPath).size > CHECK_LIMIT) return new ForeignWalError(dbPath, wal, false)
  return copyIsIntact(dbPath, false, nativeBinding) ? new ForeignWalError(dbPath, wal, true) : null
}

/** Quick-checks a copy of the library (with its -wal when `withWal`) in a temp folder. */
function copyIsIntact(dbPath: string, withWal: boolean, nativeBinding?: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), `tracedeck-walcheck-${process.pid}-`))
  try {
    const copy = join(dir, 'library.db')
    copyFileSync(dbPath, copy)
    if (withWal) copyFileSync(walPathOf(dbPath), walPathOf(copy))
    const db = new Database(copy, nativeBinding ? { nativeBinding } : {})
    try {
      return db.pragma('quick_check', { simple: true }) === 'ok'
    } finally {
      db.close()
    }
  } catch {
    return false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Run before the library is opened for writing. A -wal without its -shm index was copied or
 * restored alone (a crash leaves both; a running tracedeck has both): it is checked on copies,
 * never on the library itself, whose first read-write connection would merge the log in for
 * good. Intact alone but not with the log: a ForeignWalError.
 */
export function precheckWal(dbPath: string, nativeBinding?: string): void {
  if (!existsSync(dbPath) || !hasLonelyWal(dbPath)) return
  if (statSync(dbPath).size > CHECK_LIMIT) return
  if (copyIsIntact(dbPath, true, nativeBinding)) return
  if (copyIsIntact(dbPath, false, nativeBinding)) throw new ForeignWalError(dbPath, walPathOf(dbPath), true)
}

/** Moves `<db>-wal` (and its `-shm` index) aside as `<db>-wal.foreign-<time>`; returns the new path. */
export function moveWalAside(dbPath: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  const target = `${walPathOf(dbPath)}.foreign-${stamp}`
  renameSync(walPathOf(dbPath), target)
  rmSync(`${dbPath}-shm`, { force: true })
  return target
}
