/**
 * Keyboard navigation of the execution tree (WAI-ARIA tree pattern), as pure logic: given the
 * focused span and a key, what happens — move the focus, collapse or expand a subtree, or jump
 * the replay to the focused span. The view applies the result; nothing here touches the DOM.
 *
 *   ↓ / ↑            next / previous visible row        Home / End   first / last row
 *   PageDown / Up    a page of rows                     Enter        jump to the focused span
 *   →  on a collapsed span: expand; on an expanded one: its first child
 *   ←  on an expanded span: collapse; otherwise: its parent
 */
import type { RowModel } from './tree-rows'

export type TreeKeyResult =
  | { kind: 'focus'; index: number }
  | { kind: 'toggle'; index: number }
  | { kind: 'jump'; index: number }
  | null

export interface TreeKeyContext {
  rows: RowModel
  subtreeEnd: ArrayLike<number>
  parentIndex: ArrayLike<number>
  collapsed: ReadonlySet<number>
  /** Rows per page, for PageUp / PageDown. */
  pageRows: number
}

/** What `key` does with the focus on span `focused` (a visible span); null when nothing. */
export function treeKeyAction(
  key: string,
  focused: number,
  { rows, subtreeEnd, parentIndex, collapsed, pageRows }: TreeKeyContext,
): TreeKeyResult {
  const row = rows.rowOf(focused)
  if (row < 0 || !rows.rowCount) return null
  const toRow = (r: number): TreeKeyResult => {
    const target = rows.spanAt(Math.max(0, Math.min(rows.rowCount - 1, r)))
    return target === focused ? null : { kind: 'focus', index: target }
  }
  const parent = subtreeEnd[focused] > focused + 1
  const open = parent && !collapsed.has(focused)
  switch (key) {
    case 'ArrowDown':
      return toRow(row + 1)
    case 'ArrowUp':
      return toRow(row - 1)
    case 'Home':
      return toRow(0)
    case 'End':
      return toRow(rows.rowCount - 1)
    case 'PageDown':
      return toRow(row + Math.max(1, pageRows - 1))
    case 'PageUp':
      return toRow(row - Math.max(1, pageRows - 1))
    case 'ArrowRight':
      if (!parent) return null
      // Step order puts the first child right after its parent.
      return open ? { kind: 'focus', index: focused + 1 } : { kind: 'toggle', index: focused }
    case 'ArrowLeft':
      if (open) return { kind: 'toggle', index: focused }
      return parentIndex[focused] >= 0 ? { kind: 'focus', index: parentIndex[focused] } : null
    case 'Enter':
      return { kind: 'jump', index: focused }
    default:
      return null
  }
}
