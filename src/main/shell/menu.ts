/**
 * The native menu. macOS: the app menu (About, Hide, Quit ⌘Q), File (Open…, Open Recent, Open
 * sample trace, Close Window ⌘W), Edit, View, Window, Help. Windows and Linux: File ends with
 * Quit, Window has Close, Help has About.
 */
import type { MenuItemConstructorOptions } from 'electron'
import { basename } from 'node:path'

export interface MenuActions {
  open(): void
  openSample(): void
  openRecent(path: string): void
  clearRecent(): void
  shortcuts(): void
  about(): void
  quit(): void
}

function recentMenu(actions: MenuActions, recent: readonly string[], mac: boolean): MenuItemConstructorOptions {
  // macOS keeps the list itself (app.addRecentDocument); choosing one arrives as 'open-file'.
  if (mac) return { label: 'Open Recent', role: 'recentDocuments', submenu: [{ label: 'Clear Menu', role: 'clearRecentDocuments' }] }
  const items: MenuItemConstructorOptions[] = recent.map((path) => ({ label: basename(path), toolTip: path, click: () => actions.openRecent(path) }))
  return {
    label: 'Open Recent',
    submenu: [...(items.length ? items : [{ label: 'No recent files', enabled: false }]), { type: 'separator' }, { label: 'Clear Menu', enabled: items.length > 0, click: () => actions.clearRecent() }],
  }
}

/** The menu template for a platform, with the recent files for Windows and Linux. */
export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform = process.platform, devTools = false, recent: readonly string[] = []): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      // Not registered as a shortcut on Windows/Linux: the page's own Ctrl+O handler (a user
      // gesture, which a file chooser needs) takes the key; a click here uses the native dialog.
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', registerAccelerator: mac, click: () => actions.open() },
      recentMenu(actions, recent, mac),
      { label: 'Open sample trace', click: () => actions.openSample() },
      { type: 'separator' },
      mac ? { role: 'close' } : { label: 'Quit', accelerator: 'Ctrl+Q', click: () => actions.quit() },
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(devTools ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Keyboard shortcuts', accelerator: mac ? undefined : 'F1', click: () => actions.shortcuts() },
      ...(mac ? [] : ([{ type: 'separator' }, { label: 'About tracedeck', click: () => actions.about() }] as MenuItemConstructorOptions[])),
    ],
  }
  return [...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help]
}
