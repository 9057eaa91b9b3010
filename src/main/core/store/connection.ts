/**
 * Opening the SQLite library: WAL journal (readers never block on an import and never see half
 * of one), foreign keys on, a busy timeout so a second connection (the import worker) waits for
 * the write lock instead of failing, then the numbered migrations.
 */
import Database from 'better-sqlite3'
import { migrate } from './migrate'
import { MIGRATIONS } from './migrations'
import { diagnoseWal, isCorruption, precheckWal } from './wal-check'

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
