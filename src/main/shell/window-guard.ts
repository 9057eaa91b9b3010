/**
 * What happens when the page breaks: a renderer crash or OOM, a hang, a failed load or a preload
 * error gets a dialog offering Reload or Quit (instead of a blank or invisible window), and a
 * window whose page never signals ready-to-show is shown anyway after a while.
 */
import type { BrowserWindow, Dialog } from 'electron'

/** After this long without ready-to-show the window is shown as it is. */
export const SHOW_ANYWAY_MS = 8000
/** Chromium's net error for a load replaced by another (not a failure). */
const ERR_ABORTED = -3

export interface GuardUi {
  dialog: Pick<Dialog, 'showMessageBox'>
  quit(): void
}

/** Installs the handlers on a window. */
export function guardWindow(window: BrowserWindow, ui: GuardUi): void {
  const contents = window.webContents
  let asking = false
  const ask = async (message: string, detail: string, options: { wait?: boolean } = {}): Promise<void> => {
    if (asking || window.isDestroyed()) return
    asking = true
    const buttons = [...(options.wait ? ['Wait'] : []), 'Reload', 'Quit']
    try {
      if (!window.isVisible()) window.show()
      const { response } = await ui.dialog.showMessageBox(window, { type: 'error', message, detail, buttons, defaultId: 0, cancelId: 0, noLink: true })
      const choice = buttons[response]
      if (choice === 'Reload' && !window.isDestroyed()) contents.reload()
      else if (choice === 'Quit') ui.quit()
    } finally {
      asking = false
    }
  }

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return
    const oom = details.reason === 'oom' ? ' It ran out of memory; a very large trace may need more than this machine has.' : ''
    void ask('The tracedeck window stopped working', `The page's process ended (${details.reason}, exit code ${details.exitCode}).${oom} Your library is unchanged.`)
  })
  contents.on('unresponsive', () => {
    void ask('The tracedeck window is not responding', 'It may be busy with a large trace. Wait, reload the window, or quit.', { wait: true })
  })
  contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === ERR_ABORTED) return
    void ask('The tracedeck window could not load', `${url}\n\n${description} (${code})`)
  })
  contents.on('preload-error', (_event, path, error) => {
    console.error(`tracedeck: the preload ${path} failed: ${error.stack ?? error.message}`)
    void ask('The tracedeck window could not connect to the app', `The preload script failed: ${error.message}`)
  })
  const late = setTimeout(() => {
    if (!window.isDestroyed() && !window.isVisible()) window.show()
  }, SHOW_ANYWAY_MS)
  window.once('ready-to-show', () => clearTimeout(late))
  window.once('closed', () => clearTimeout(late))
}
