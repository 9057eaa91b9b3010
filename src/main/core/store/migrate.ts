/**
 * The migrations runner: applies each migration whose number is above `PRAGMA user_version`, in
 * order, each in its own transaction together with the version bump, so a failed migration
 * leaves the database at the previous version.
 */
import type Database from 'better-sqlite3'
import type { Migration } from './migrations'

/** Applies pending migrations; returns the schema version afterwards. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number
  const sorted = [...migrations].sort((a, b) => a.version - b.version)
  const latest = sorted.length ? sorted[sorted.length - 1].version : 0
  if (current > latest) {
    throw new Error(
      `The library was written by a newer tracedeck (schema ${current}, this version knows ${latest}).`,
    )
  }
  for (const m of sorted) {
    if (m.version <= current) continue
    // IMMEDIATE: two processes opening a fresh library at once take turns; the version is read
    // again under the lock, so the second one skips what the first just applied.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return
      db.exec(m.sql)
      // PRAGMA takes no bound parameters; the version is an integer from our own table.
      db.pragma(`user_version = ${Math.trunc(m.version)}`)
    }).immediate()
  }
  return db.pragma('user_version', { simple: true }) as number
}
