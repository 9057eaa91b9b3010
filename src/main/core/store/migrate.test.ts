import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from './migrate'
import { MIGRATIONS } from './migrations'
import { openDatabase } from './connection'

describe('migrations', () => {
  it('bring a new in-memory database to the latest version with every table', () => {
    const db = openDatabase(':memory:')
    const latest = Math.max(...MIGRATIONS.map((m) => m.version))
    expect(db.pragma('user_version', { simple: true })).toBe(latest)
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
      .pluck()
      .all()
    expect(tables).toEqual(
      expect.arrayContaining([
        'files',
        'traces',
        'spans',
        'span_payloads',
        'span_fts',
        'trace_span_tables',
        'live_pending',
      ]),
    )
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })

  it('are idempotent: running them again changes nothing', () => {
    const db = openDatabase(':memory:')
    const before = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()
    expect(migrate(db, MIGRATIONS)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)))
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(before)
    db.close()
  })

  it('apply in number order, and a failing migration leaves the previous version intact', () => {
    const db = new Database(':memory:')
    const ok = [
      { version: 2, name: 'b', sql: 'ALTER TABLE t ADD COLUMN b INTEGER' },
      { version: 1, name: 'a', sql: 'CREATE TABLE t (a INTEGER)' },
    ]
    expect(migrate(db, ok)).toBe(2)
    const bad = [...ok, { version: 3, name: 'c', sql: 'CREATE TABLE u (x); THIS IS NOT SQL' }]
    expect(() => migrate(db, bad)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'u'").pluck().get()).toBe(0)
    db.close()
  })

  it('refuse a library written by a newer version', () => {
    const db = new Database(':memory:')
    db.pragma('user_version = 99')
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer tracedeck/)
    db.close()
  })
})
