/**
 * Opening the library in the desktop app without dead ends: the folder is created when missing,
 * a corrupt library.db can be moved aside (kept, renamed) and a new one started from the dialog,
 * and a better-sqlite3 that does not load in Electron is named as such, not blamed on the file.
 */
import { ForeignWalError, moveWalAside } from '../core/store/wal-check'
import type { Dialog, Shell } from 'electron'
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'

export type LibraryProblem = 'native' | 'corrupt' | 'other'

/** What kind of failure an error from opening the library is. */
export function libraryProblem(message: string): LibraryProblem {
  if (/NODE_MODULE_VERSION|different Node\.js version|invalid ELF|wrong ELF class|not a valid Win32|file too short|cannot read file data|incompatible architecture|Could not locate the bindings|mach-o/i.test(message)) {
    return 'native'
  }
  if (/file is not a database|database disk image is malformed|SQLITE_NOTADB|SQLITE_CORRUPT/i.test(message)) return 'corrupt'
  return 'other'
}

/** Renames the library file (and its -wal/-shm) to `<file>.broken-<time>`; returns the new name. */
export function moveAside(dbPath: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  const target = `${dbPath}.broken-${stamp}`
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, target + suffix)
  }
  return target
}

/**
 * Opens the library with `open`, asking the user what to do when it fails. Resolves to the
 * library, or undefined when the user chose to quit.
 */
export async function openLibraryInteractively<L>(
  dbPath: string,
  open: () => L,
  ui: { dialog: Pick<Dialog, 'showMessageBox'>; shell: Pick<Shell, 'showItemInFolder'>; packaged: boolean },
): Promise<L | undefined> {
  for (;;) {
    try {
      mkdirSync(dirname(dbPath), { recursive: true })
      return open()
    } catch (error) {
      const message = (error as Error).message
      if (error instanceof ForeignWalError) {
        // The library is intact; only the log beside it is not its own (finding 11).
        const buttons = ['Move the log aside', 'Show in folder', 'Quit']
        const { response } = await ui.dialog.showMessageBox({ type: 'error', message: 'tracedeck cannot open its library', detail: message, buttons, defaultId: 0, cancelId: 2 })
        if (response === 0) {
          moveWalAside(dbPath)
          continue
        }
        if (response === 1) ui.shell.showItemInFolder(error.walPath)
        return undefined
      }
      const problem = libraryProblem(message)
      const buttons =
        problem === 'corrupt' ? ['Move it aside and start a new library', 'Show in folder', 'Quit'] : problem === 'native' ? ['Quit'] : ['Try again', 'Quit']
      const detail =
        problem === 'native'
          ? `${message}\n\nbetter-sqlite3 is not built for this Electron. ${ui.packaged ? 'Reinstall tracedeck.' : 'Start tracedeck with `npm start`, which checks and rebuilds it.'}`
          : problem === 'corrupt'
            ? `${dbPath}\n\n${message}\n\nMoving it aside keeps the file (renamed to library.db.broken-…) and starts an empty library.`
            : `${dbPath}\n\n${message}`
      const { response } = await ui.dialog.showMessageBox({ type: 'error', message: 'tracedeck cannot open its library', detail, buttons, defaultId: 0, cancelId: buttons.length - 1 })
      const choice = buttons[response]
      if (choice === 'Move it aside and start a new library') moveAside(dbPath)
      else if (choice === 'Show in folder') {
        ui.shell.showItemInFolder(dbPath)
        return undefined
      } else if (choice !== 'Try again') return undefined
    }
  }
}
