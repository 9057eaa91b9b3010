/**
 * Recently opened trace files (File → Open Recent on Windows and Linux; macOS and the Windows
 * jump list get them through app.addRecentDocument), kept in userData/recent.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const LIMIT = 10

export class RecentFiles {
  private paths: string[]

  constructor(private readonly file: string) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as unknown
      this.paths = Array.isArray(saved) ? saved.filter((path): path is string => typeof path === 'string') : []
    } catch {
      this.paths = []
    }
  }

  /** The files, newest first, that still exist. */
  list(): string[] {
    return this.paths.filter((path) => existsSync(path))
  }

  add(paths: readonly string[]): void {
    this.paths = [...[...paths].reverse(), ...this.paths.filter((path) => !paths.includes(path))].slice(0, LIMIT)
    this.save()
  }

  clear(): void {
    this.paths = []
    this.save()
  }

  private save(): void {
    try {
      writeFileSync(this.file, JSON.stringify(this.paths))
    } catch (error) {
      console.warn(`tracedeck: could not save the recent files to ${this.file}: ${(error as Error).message}`)
    }
  }
}
