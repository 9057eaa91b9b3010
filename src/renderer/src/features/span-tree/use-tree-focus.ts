/**
 * Keyboard focus of the execution tree (WAI-ARIA tree, roving tabindex): one row is in the tab
 * order — the focused span, which follows the current step until the arrow keys move it. Keys
 * pressed on a row navigate the tree (see treeKeyAction) and are consumed, so the replay's window
 * shortcuts (← → Home End) only act when the tree does not have the focus. A mouse click jumps
 * without pulling the focus into the tree, so arrows keep stepping the replay after a click.
 */
import type { Virtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import { useStore } from 'zustand'
import { treeKeyAction } from '../../../../shared/replay'
import type { ReplayStore } from '../../stores/replay-store'

/** Keys the tree owns while a row has the focus (even where they do nothing, e.g. → on a leaf). */
const TREE_KEYS = new Set([
  'ArrowDown',
  'ArrowUp',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageDown',
  'PageUp',
  'Enter',
])

export interface TreeFocus {
  /** The focused span (visible). */
  active: number
  /** The span whose row takes tabindex 0 (the focused one when it is rendered). */
  tabbable: number
  onKeyDown(e: KeyboardEvent<HTMLElement>): void
  onRowFocus(index: number): void
  /** A click leaves the focus outside the tree when it was not already in it. */
  onRowMouseDown(e: { preventDefault(): void }): void
}

export function useTreeFocus(
  store: ReplayStore,
  scrollRef: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  rowHeight: number,
): TreeFocus {
  const current = useStore(store, (s) => s.current)
  const rows = useStore(store, (s) => s.rows)
  // The focus resets to the current step whenever the step changes.
  const [moved, setMoved] = useState({ current, index: current })
  const wanted = moved.current === current ? moved.index : current
  const hider = rows.rowOf(wanted) >= 0 ? -1 : rows.hiddenBy(wanted)
  const active = hider >= 0 ? hider : wanted
  const activeRow = rows.rowOf(active)
  const wantDomFocus = useRef(false)

  const hasFocus = (): boolean =>
    Boolean(scrollRef.current?.contains(document.activeElement ?? null))

  // The step changed while a row had the focus: the focus follows it to its row.
  useEffect(() => {
    if (hasFocus()) wantDomFocus.current = true
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on a new step
  }, [current])

  // Moves the DOM focus to the active row once it is rendered (scrolling it in first).
  useEffect(() => {
    if (!wantDomFocus.current || activeRow < 0) return
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)
    if (el) {
      wantDomFocus.current = false
      if (document.activeElement !== el) el.focus({ preventScroll: true })
      virtualizer.scrollToIndex(activeRow, { align: 'auto' })
    } else {
      virtualizer.scrollToIndex(activeRow, { align: 'auto' }) // renders it; this effect runs again
    }
  })

  const items = virtualizer.getVirtualItems()
  const rendered = items.some((item) => item.index === activeRow)
  const tabbable = rendered || !items.length ? active : rows.spanAt(items[0].index)

  return {
    active,
    tabbable,
    onKeyDown(e) {
      if (!TREE_KEYS.has(e.key) || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return
      e.preventDefault()
      const s = store.getState()
      if (!s.cols) return
      const action = treeKeyAction(e.key, active, {
        rows: s.rows,
        subtreeEnd: s.cols.subtreeEnd,
        parentIndex: s.cols.parentIndex,
        collapsed: s.collapsed,
        pageRows: Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight),
      })
      if (!action) return
      wantDomFocus.current = true
      if (action.kind === 'focus') setMoved({ current, index: action.index })
      else if (action.kind === 'toggle') s.toggleCollapse(action.index)
      else s.goTo(action.index, 'tree')
    },
    onRowFocus(index) {
      if (index !== active) setMoved({ current, index })
    },
    onRowMouseDown(e) {
      if (hasFocus()) return
      // As a click on plain text would: the focus leaves any field or button (so the window
      // shortcuts act next) without entering the tree.
      e.preventDefault()
      const el = document.activeElement
      if (el instanceof HTMLElement) el.blur()
    },
  }
}
