/**
 * Opening the SQLite library: WAL journal (readers never block on an import and never see half
 * of one), foreign keys on, a busy timeout so a second connection (the import worker) waits for
 * the write lock instead of failing, then the numbered migrations.
 */
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './migrate'
import { MIGRATIONS } from './migrations'
import { diagnoseWal, isCorruption, precheckWal } from './wal-check'
import { isDiskFull, noRoom, openReadOnly, readOnlyReason, type ReadOnlyLibrary } from './storage'

export type Db = Database.Database

/**
 * Opens (creating if needed) the library at `path` (or ':memory:') and brings its schema up to
 * date. `nativeBinding` is the better-sqlite3 addon to load (Electron passes its own ABI build).
 */
export function openDatabase(path: string, nativeBinding?: string): Db {
  // A foreign -wal must be found before a read-write connection merges it in (finding 11).
  if (path !== ':memory:') precheckWal(path, nativeBinding)
  const db = new Database(path, nativeBinding ? { nativeBinding } : {})
  try {
    // The busy timeout first: switching to WAL takes a lock another process may hold.
    db.pragma('busy_timeout = 10000')
    if (path !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS)
    return db
  } catch (err) {
    db.close()
    // Corruption with a -wal beside an intact library file: say what it is (finding 11).
    if (path !== ':memory:' && isCorruption(err)) throw diagnoseWal(path, nativeBinding) ?? err
    throw err
  }
}

/** The schema version this build writes. */
const LATEST = Math.max(0, ...MIGRATIONS.map((m) => m.version))

/** Errors of a read-write open that a read-only connection may still get past. */
const cannotWrite = (err: unknown): boolean =>
  isDiskFull(err) || /^SQLITE_(CANTOPEN|READONLY|IOERR)/.test((err as { code?: string } | null)?.code ?? '')

/**
 * Opens the library like openDatabase when it can be written; when it cannot (a read-only
 * folder, mount or file, or a full disk that has no room for the `-shm` index), opens it for
 * browsing only (store/storage.ts) and says why in `readOnly`.
 */
export function openLibraryDatabase(
  path: string,
  nativeBinding?: string,
): { db: Db; readOnly: ReadOnlyLibrary | null } {
  const reason = readOnlyReason(path)
  if (!reason) {
    try {
      return { db: openDatabase(path, nativeBinding), readOnly: null }
    } catch (err) {
      if (path === ':memory:' || !existsSync(path) || !cannotWrite(err)) throw err
      const why = isDiskFull(err) || noRoom(dirname(path))
        ? `the disk holding ${dirname(path)} is full: browsing only until some space is freed`
        : `the library ${path} cannot be written (${(err as Error).message}): browsing only`
      return readOnlyOpen(path, why, nativeBinding)
    }
  }
  return readOnlyOpen(path, reason, nativeBinding)
}

function readOnlyOpen(path: string, reason: string, nativeBinding?: string): { db: Db; readOnly: ReadOnlyLibrary } {
  const { db, snapshot } = openReadOnly(path, LATEST, (d) => migrate(d, MIGRATIONS), nativeBinding)
  db.pragma('foreign_keys = ON')
  return { db, readOnly: { reason, ...(snapshot ? { snapshot } : {}) } }
}
