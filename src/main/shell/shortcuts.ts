/**
 * Help → Keyboard shortcuts: the "Controls and keyboard" table of docs/replay.md, bundled, so the
 * dialog and the documentation cannot drift apart.
 */
import replayDoc from '../../../docs/replay.md?raw'
import { COMPARE_SHORTCUTS, replayShortcutRows } from '../../shared/shortcut-table'

/** "Control: keys" lines of the replay table under docs/replay.md's "Controls and keyboard". */
export function shortcutLines(markdown: string = replayDoc): string[] {
  return replayShortcutRows(markdown).map((r) => `${r.control}: ${r.keys}`)
}

/** The dialog text: the same lists as the in-app shortcut sheet (`?`). */
export function shortcutsText(): string {
  return [
    ...shortcutLines(),
    '',
    'Compare:',
    ...COMPARE_SHORTCUTS.map(([keys, action]) => `${action}: ${keys}`),
    '',
    'Open files: Ctrl/Cmd+O, or drop them on the window',
    'In the app, ? shows every view\'s shortcuts',
  ].join('\n')
}
