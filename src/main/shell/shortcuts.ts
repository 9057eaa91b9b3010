/**
 * Help → Keyboard shortcuts: the "Controls and keyboard" table of docs/replay.md, bundled, so the
 * dialog and the documentation cannot drift apart.
 */
import replayDoc from '../../../docs/replay.md?raw'

/** "Control: keys" lines from the first Markdown table under the "Controls and keyboard" heading. */
export function shortcutLines(markdown: string = replayDoc): string[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Controls and keyboard'))
  if (!section) return []
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // the header row and its --- row
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[1] && cells[2])
    .map((cells) => `${cells[1]}: ${cells[2]}`)
}

/** The dialog text. */
export function shortcutsText(): string {
  return [...shortcutLines(), 'Open files: Ctrl/Cmd+O, or drop them on the window'].join('\n')
}
