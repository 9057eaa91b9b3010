/**
 * The keyboard shortcuts of every view, from one source: the replay table of docs/replay.md
 * ("Controls and keyboard", bundled as text by each caller) and the lists below. The in-app
 * shortcut sheet (`?` anywhere, or the top bar's ? button) and the desktop Help → Keyboard
 * shortcuts dialog both read them, so they cannot drift apart.
 */

/** [keys, what they do]. */
export type ShortcutRow = readonly [keys: string, action: string]

/** "Control", "Keys", "What it does" rows of the first table under "## Controls and keyboard". */
export function replayShortcutRows(
  markdown: string,
): { control: string; keys: string; what: string }[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Controls and keyboard'))
  if (!section) return []
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // the header row and its --- row
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[1] && cells[2])
    .map((cells) => ({ control: cells[1], keys: cells[2], what: cells[3] ?? '' }))
}

/** The comparison view's keys (its panes' own shortcuts are off there). */
export const COMPARE_SHORTCUTS: readonly ShortcutRow[] = [
  ['← K / → J', 'Previous / next pair'],
  ['Space', 'Play / Pause'],
  ['Home / End', 'First / last pair'],
  ['F', 'First divergence'],
  ['D / Shift+D', 'Next / previous divergence'],
  ['L', 'Lock / unlock the panes'],
  ['[ / ]', 'Slower / faster'],
  ['X', 'Swap A and B'],
]

/** Keys that work in every view. */
export const GLOBAL_SHORTCUTS: readonly ShortcutRow[] = [
  ['?', 'This sheet of keyboard shortcuts'],
  ['Ctrl/Cmd+O', 'Open trace files (or drop them on the window)'],
  ['Esc', 'Close a dialog or the summary report'],
]

/** Keys of the library and sessions tables. */
export const LIST_SHORTCUTS: readonly ShortcutRow[] = [
  ['↑ ↓ · PgUp PgDn · Home End', 'Move the focus through the rows (Tab into the table first)'],
  ['Enter', 'Open the focused trace or session'],
  ['Space · Shift+↑ ↓', 'Select the focused row · extend the selection'],
  ['Ctrl/Cmd+A', 'Select every row'],
]
