/**
 * Write transactions that share a library with other processes (the desktop app, `serve` and
 * the CLI on one library is normal use). Every write takes SQLite's write lock up front
 * (`BEGIN IMMEDIATE`): a deferred transaction that reads first and then upgrades to a write gets
 * SQLITE_BUSY at once, without waiting, when another connection wrote in between. Waiting is
 * bounded: a first short try so the caller can say it is waiting, then the connection's busy
 * timeout, again and again up to `maxWaitMs`.
 */
import { ApiError } from '../../../shared/api'
import type { Db } from './connection'

/** How long the first attempt waits before the caller hears "waiting for another import". */
const FIRST_TRY_MS = 300
/** The longest a write waits for another process's import, in all. */
export const MAX_WRITE_WAIT_MS = 5 * 60_000

export const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: string } | null)?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED'
}

/** The message a write that waited its whole bound ends with. */
export const BUSY_MESSAGE =
  'the library is busy: another tracedeck process (an import?) holds its write lock; try again when it has finished'

export interface WriteOptions {
  /** Called once, when the first short attempt found the library locked. */
  onWait?: () => void
  maxWaitMs?: number
}

/**
 * Runs `fn` in one BEGIN IMMEDIATE transaction. When another connection holds the write lock it
 * waits (bounded), calling `onWait` once; after the bound it throws an ApiError('busy').
 */
export function writeTransaction<T>(db: Db, fn: () => T, opts: WriteOptions = {}): T {
  const tx = db.transaction(fn)
  const timeout = db.pragma('busy_timeout', { simple: true }) as number
  const deadline = Date.now() + (opts.maxWaitMs ?? MAX_WRITE_WAIT_MS)
  let waited = false
  try {
    db.pragma(`busy_timeout = ${Math.min(FIRST_TRY_MS, Math.trunc(timeout))}`)
    for (;;) {
      try {
        return tx.immediate()
      } catch (err) {
        if (!isBusy(err) || db.inTransaction) throw err
        const left = deadline - Date.now()
        if (left <= 0) throw new ApiError('busy', BUSY_MESSAGE)
        if (!waited) {
          waited = true
          opts.onWait?.()
        }
        // PRAGMA takes no bound parameters; an integer computed here.
        db.pragma(`busy_timeout = ${Math.max(1, Math.min(Math.trunc(timeout) || 10_000, left))}`)
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${Math.trunc(timeout)}`)
  }
}
