/** The native menu: File (Open…, Open sample trace, Quit), Edit, View, Window. */
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  open(): void
  openSample(): void
  quit(): void
}

/** The menu template for a platform (macOS gets the app menu first). */
export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform = process.platform, devTools = false): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Open sample trace', click: () => actions.openSample() },
      { type: 'separator' },
      { label: 'Quit', accelerator: mac ? 'Cmd+Q' : 'Ctrl+Q', click: () => actions.quit() },
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
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ]
}
