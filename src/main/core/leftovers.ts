/**
 * Files a killed process leaves behind (audit finding 3): the payload spool of a streamed import
 * beside the library (`<library>-import-<pid>-<thread>-<random>.tmp`) and the browser host's
 * upload folders (`<tmp>/tracedeck-uploads-<pid>-<random>`). Both carry the owner's pid; at the
 * next start those whose owner is no longer running are removed. A live process's files are
 * never touched (a pid that cannot be signalled for lack of permission counts as alive).
 */
import { readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'

/** Whether a process with this pid is running (or may be: not ours to signal). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Removes entries of `dir` matching `pattern` (group 1: the owner's pid) whose owner is gone. */
function removeDead(dir: string, pattern: RegExp): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return [] // no folder (yet), or not readable: nothing of ours to clean
  }
  const removed: string[] = []
  for (const name of names) {
    const m = pattern.exec(name)
    if (!m || pidAlive(Number(m[1]))) continue
    const path = join(dir, name)
    try {
      rmSync(path, { recursive: true, force: true })
      removed.push(path)
    } catch {
      continue // in use or not ours to delete: left for a later start
    }
  }
  return removed
}

/** The import spools of dead processes beside `dbPath` (and in the temp folder); returns them. */
export function removeStaleSpools(dbPath: string): string[] {
  const removed = removeDead(tmpdir(), /^tracedeck-import-(\d+)-\d+-[0-9a-f]+\.tmp$/)
  if (dbPath === ':memory:' || dbPath === '') return removed
  const own = new RegExp(`^${escape(basename(dbPath))}-import-(\\d+)-\\d+-[0-9a-f]+\\.tmp$`)
  return [...removed, ...removeDead(dirname(dbPath), own)]
}

/** Prefix of the browser host's upload folder in the temp folder, with the owner's pid. */
export const uploadDirPrefix = (pid = process.pid): string => `tracedeck-uploads-${pid}-`

/** The upload folders of browser hosts that are no longer running; returns them. */
export function removeStaleUploads(dir = tmpdir()): string[] {
  return removeDead(dir, /^tracedeck-uploads-(\d+)-[A-Za-z0-9]+$/)
}

/** The temp-folder copies of read-only libraries (store/storage.ts) of processes now gone. */
export function removeStaleSnapshots(dir = tmpdir()): string[] {
  return removeDead(dir, /^tracedeck-readonly-(\d+)-[A-Za-z0-9]+$/)
}
