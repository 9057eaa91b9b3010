/**
 * The main window's size, position and maximised state, kept in userData/window-state.json and
 * fitted back onto a display that still exists (a monitor may have been unplugged).
 */
import type { Rectangle } from 'electron'
import { readFileSync, writeFileSync } from 'node:fs'

export interface WindowState {
  bounds?: Rectangle
  maximized?: boolean
}

/** Reads the saved state; nothing (defaults) when absent or unreadable. */
export function loadWindowState(file: string): WindowState {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as WindowState
    const b = state.bounds
    const valid = b && [b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n)) && b.width > 0 && b.height > 0
    return { bounds: valid ? b : undefined, maximized: state.maximized === true }
  } catch {
    return {}
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state))
  } catch (error) {
    console.warn(`tracedeck: could not save the window position to ${file}: ${(error as Error).message}`)
  }
}

/**
 * Bounds that fit `workArea` (the display the saved bounds are on, or the primary display):
 * at most its size, moved inside it. Without saved bounds, the default size fitted and centred.
 */
export function fitBounds(saved: Rectangle | undefined, workArea: Rectangle, fallback = { width: 1400, height: 900 }): Rectangle {
  const width = Math.min(saved?.width ?? fallback.width, workArea.width)
  const height = Math.min(saved?.height ?? fallback.height, workArea.height)
  const centred = { x: workArea.x + Math.round((workArea.width - width) / 2), y: workArea.y + Math.round((workArea.height - height) / 2) }
  const x = saved ? Math.min(Math.max(saved.x, workArea.x), workArea.x + workArea.width - width) : centred.x
  const y = saved ? Math.min(Math.max(saved.y, workArea.y), workArea.y + workArea.height - height) : centred.y
  return { x, y, width, height }
}
