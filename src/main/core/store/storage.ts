/**
 * Storage that cannot be written (audit finding 10): a read-only folder or mount, a read-only
 * library file, a full disk. Browsing must still work and every write must say why in one plain
 * line naming the path, never a raw SQLite message.
 *
 * Opening read-only: SQLite refuses even a read-only connection to a WAL library in a folder it
 * cannot create the `-shm` index in (SQLITE_CANTOPEN / SQLITE_READONLY_DIRECTORY). The URI
 * parameter `?immutable=1` would avoid that, but better-sqlite3 is built with SQLITE_USE_URI=0
 * and exposes no open flags, so it is out of reach; `locking_mode=EXCLUSIVE` (heap wal-index)
 * fails with SQLITE_IOERR_LOCK on a read-only mount. So: a direct read-only connection when it
 * can read (a `-shm` already there, a writable folder with a read-only file, an up-to-date
 * schema), else a snapshot: the library file (and a non-empty `-wal`) copied into the temp
 * folder, opened there with the schema brought up to date and `query_only` on. A snapshot costs
 * the library's size in the temp folder and a copy's time; nothing can change the original
 * meanwhile (no process can write a folder that is read-only for it).
 */
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync, statfsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { ApiError } from '../../../shared/api'

/** Why the library cannot be written, as the one line a write answers with. */
export interface ReadOnlyLibrary {
  reason: string
  /** The temp-folder copy browsed instead of the library (removed on close). */
  snapshot?: string
}

const READ_ONLY_CODES = new Set(['EACCES', 'EROFS', 'EPERM'])

/** Whether `path` exists and this process may not write it (a read-only mount too, for root). */
function notWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return false
  } catch (err) {
    return READ_ONLY_CODES.has((err as NodeJS.ErrnoException).code ?? '')
  }
}

/** A library that cannot be opened at all (read-only folder with no library in it, …). */
export class StorageError extends Error {
  readonly code = 'read-only'
  constructor(message: string) {
    super(message)
    this.name = 'StorageError'
  }
}

/**
 * Why `dbPath` cannot be written, or null when it can. Throws a StorageError when there is no
 * library to browse and none can be created.
 */
export function readOnlyReason(dbPath: string): string | null {
  if (dbPath === ':memory:' || dbPath === '') return null
  const dir = dirname(dbPath)
  if (!existsSync(dbPath)) {
    if (existsSync(dir) && notWritable(dir))
      throw new StorageError(
        `the library folder ${dir} is read-only: there is no library ${basename(dbPath)} to browse there and none can be created`,
      )
    return null
  }
  if (notWritable(dir)) return `the library folder ${dir} is read-only: browsing only`
  if (notWritable(dbPath)) return `the library file ${dbPath} is read-only: browsing only`
  for (const side of [`${dbPath}-wal`, `${dbPath}-shm`])
    if (existsSync(side) && notWritable(side)) return `the library's log ${side} is read-only: browsing only`
  return null
}

/** Prefix of a read-only library's snapshot folder in the temp folder, with the owner's pid. */
export const snapshotDirPrefix = (pid = process.pid): string => `tracedeck-readonly-${pid}-`

/**
 * Opens the library for browsing only (see the module comment). `latest` is the schema version
 * this build needs; `migrate` brings a snapshot's schema up to it.
 */
export function openReadOnly(
  dbPath: string,
  latest: number,
  migrate: (db: Database.Database) => void,
  nativeBinding?: string,
): { db: Database.Database; snapshot?: string } {
  const options = (o: Database.Options) => (nativeBinding ? { ...o, nativeBinding } : o)
  let direct: Database.Database | undefined
  try {
    direct = new Database(dbPath, options({ readonly: true, fileMustExist: true }))
    const version = direct.pragma('user_version', { simple: true }) as number
    if (version > latest) {
      direct.close()
      throw new Error(`The library was written by a newer tracedeck (schema ${version}, this version knows ${latest}).`)
    }
    if (version === latest) {
      direct.prepare('SELECT count(*) FROM sqlite_master').get()
      return { db: direct }
    }
    direct.close() // an older schema: a snapshot can be brought up to date, the original cannot
  } catch (err) {
    if (/newer tracedeck/.test((err as Error).message)) throw err
    direct?.close()
  }
  const dir = mkdtempSync(join(tmpdir(), snapshotDirPrefix()))
  try {
    const copy = join(dir, basename(dbPath))
    copyFileSync(dbPath, copy)
    const wal = `${dbPath}-wal`
    if (existsSync(wal) && statSync(wal).size > 0) copyFileSync(wal, `${copy}-wal`)
    const db = new Database(copy, options({ fileMustExist: true }))
    try {
      migrate(db)
      db.pragma('query_only = 1') // the copy is for reading: a write fails as on the original
    } catch (err) {
      db.close()
      throw err
    }
    return { db, snapshot: dir }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    if (isDiskFull(err))
      throw new StorageError(
        `the library folder ${dirname(dbPath)} is read-only and the temp folder ${tmpdir()} has no room for a copy to browse`,
      )
    throw err
  }
}

/** SQLite or the file system saying there is no room left. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? ''
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT'
}

/** SQLite refusing a write on a read-only connection, file, folder or mount. */
export function isReadOnlyError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? ''
  return code.startsWith('SQLITE_READONLY') || code === 'EROFS'
}

/** Whether the file system holding `dir` has (almost) no room left. */
export function noRoom(dir: string): boolean {
  try {
    const fs = statfsSync(dir)
    return fs.bavail * fs.bsize < 64 * 1024
  } catch {
    return false
  }
}

/** Where a full disk was met: the file the error names, else the library's folder. */
function fullPath(err: unknown, dbPath: string): string {
  const path = (err as { path?: unknown } | null)?.path
  return typeof path === 'string' ? dirname(path) : dirname(dbPath)
}

/** The one line for a write that met a full disk or a read-only library; null for other errors. */
export function storageMessage(err: unknown, dbPath: string): string | null {
  const code = (err as { code?: string } | null)?.code ?? ''
  // SQLite reports a -shm or -wal that cannot grow as an I/O error.
  if (isDiskFull(err) || (code.startsWith('SQLITE_IOERR') && noRoom(fullPath(err, dbPath))))
    return `the disk holding ${fullPath(err, dbPath)} is full: nothing was saved and the library is as it was; free some space and try again`
  if (isReadOnlyError(err))
    return readOnlyReason(dbPath) ?? `the library ${dbPath} cannot be written: browsing only`
  return null
}

/** An ApiError for a storage failure of a write (see storageMessage), else `err` unchanged. */
export function storageApiError(err: unknown, dbPath: string): unknown {
  if (err instanceof ApiError) return err
  if (isDiskFull(err)) return new ApiError('disk-full', storageMessage(err, dbPath) as string)
  if (isReadOnlyError(err)) return new ApiError('read-only', storageMessage(err, dbPath) as string)
  return err
}
