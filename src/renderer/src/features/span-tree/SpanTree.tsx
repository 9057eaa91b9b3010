/**
 * The execution tree: every span in step order with its replay state (✓ completed, ▶ current,
 * pending, ✗ failed, ↻ retry), duration, tokens and status. Virtualised: only the rows on
 * screen exist in the DOM, and row ↔ span mapping comes from the store's row model, so a
 * 1M-span trace renders as fast as a 10-span one. Click a row to jump; click the chevron to
 * collapse a subtree. By keyboard it is an ARIA tree with one row in the tab order: arrows move,
 * ← / → collapse and expand, Enter jumps (use-tree-focus.ts). Search matches and the owner's `marks` (sorted span indices, e.g. the
 * divergences of a comparison) are highlighted apart, so both can show at once.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { useStore } from 'zustand'
import {
  hasChildren,
  matchPosition,
  spanKind,
  spanName,
  spanTokens,
  statusLabel,
  stepState,
  STEP_ICONS,
} from '../../../../shared/replay'
import { formatCount, formatDuration, formatTokens } from '../../lib/format'
import type { ReplayStore } from '../../stores/replay-store'
import { useTreeFocus } from './use-tree-focus'
import './span-tree.css'

const ROW_H = 24
/** Stable identity: a new function per render would make the virtualizer re-measure every row. */
const rowSize = () => ROW_H
const INDENT = 14

const STATE_LABELS = {
  completed: 'completed',
  current: 'current step',
  pending: 'pending',
  failed: 'failed',
  retry: 'retried',
} as const

const NO_MARKS = new Int32Array(0)

export function SpanTree({
  store,
  marks = NO_MARKS,
  markLabel = 'marked',
}: {
  store: ReplayStore
  marks?: ArrayLike<number>
  markLabel?: string
}) {
  const cols = useStore(store, (s) => s.cols)
  const rows = useStore(store, (s) => s.rows)
  const current = useStore(store, (s) => s.current)
  const source = useStore(store, (s) => s.source)
  const collapsed = useStore(store, (s) => s.collapsed)
  const matches = useStore(store, (s) => s.matches)
  const scrollRef = useRef<HTMLDivElement>(null)

  // eslint-disable-next-line react-hooks/incompatible-library -- the row model is the source of truth
  const virtualizer = useVirtualizer({
    count: rows.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowSize,
    overscan: 12,
  })

  const focus = useTreeFocus(store, scrollRef, virtualizer, ROW_H)

  // Keep the current step in view, except when the user just clicked it here (no jumpy scroll).
  const currentRow = rows.rowOf(current)
  useEffect(() => {
    if (currentRow >= 0 && source !== 'tree')
      virtualizer.scrollToIndex(currentRow, { align: 'auto' })
  }, [currentRow, source, virtualizer])

  if (!cols) return null
  const items = virtualizer.getVirtualItems()
  return (
    <div className="td-tree-box">
      <div className="td-tree__head" aria-hidden>
        <span className="td-tree__title td-ellipsis">
          <span className="td-tree__title-long">Execution tree · </span>
          {formatCount(cols.count)} spans
        </span>
        <span>Duration</span>
        <span className="td-tree__tokens">Tokens</span>
        <span className="td-tree__status">Status</span>
      </div>
      <div
        className="td-tree"
        role="tree"
        aria-label="Execution tree"
        ref={scrollRef}
        data-testid="span-tree"
        onKeyDown={focus.onKeyDown}
      >
        <div className="td-tree__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const i = rows.spanAt(item.index)
            const state = stepState(i, current, cols.status[i])
            const kids = hasChildren(cols, i)
            const isCollapsed = collapsed.has(i)
            const isMatch = matches.length > 0 && matchPosition(matches, i) >= 0
            const isMark = marks.length > 0 && matchPosition(marks, i) >= 0
            const tokens = spanTokens(cols, i)
            const kind = spanKind(cols, i)
            const status = statusLabel(cols.status[i])
            return (
              <div
                key={i}
                role="treeitem"
                aria-level={cols.depth[i] + 1}
                aria-selected={i === current}
                aria-expanded={kids ? !isCollapsed : undefined}
                aria-label={`${spanName(cols, i)}, ${STATE_LABELS[state]}, ${status}${isMark ? `, ${markLabel}` : ''}${isMatch ? ', search match' : ''}`}
                tabIndex={i === focus.tabbable ? 0 : -1}
                data-index={i}
                data-state={state}
                className={`td-tree__row td-tree__row--${state}${isMatch ? ' td-tree__row--match' : ''}${isMark ? ' td-tree__row--mark' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => store.getState().goTo(i, 'tree')}
                onMouseDown={focus.onRowMouseDown}
                onFocus={() => focus.onRowFocus(i)}
              >
                <span
                  className="td-tree__name"
                  style={{ paddingLeft: 6 + Math.min(cols.depth[i], 40) * INDENT }}
                >
                  {kids ? (
                    <button
                      type="button"
                      className="td-tree__toggle"
                      aria-label={isCollapsed ? 'Expand' : 'Collapse'}
                      tabIndex={-1}
                      onClick={(e) => {
                        e.stopPropagation()
                        store.getState().toggleCollapse(i)
                      }}
                    >
                      {isCollapsed ? '▸' : '▾'}
                    </button>
                  ) : (
                    <span className="td-tree__toggle" />
                  )}
                  <span className={`td-tree__state td-tree__state--${state}`} aria-hidden>
                    {STEP_ICONS[state]}
                  </span>
                  <span
                    className="td-tree__kind"
                    style={{ background: `var(--kind-${kind})` }}
                    aria-hidden
                  />
                  <span className="td-tree__label td-ellipsis" title={spanName(cols, i)}>
                    {spanName(cols, i)}
                  </span>
                  {isCollapsed && (
                    <span className="td-tree__hidden">+{cols.subtreeEnd[i] - i - 1}</span>
                  )}
                </span>
                <span className="td-tree__num">{formatDuration(cols.duration[i])}</span>
                <span className="td-tree__num td-tree__tokens">
                  {Number.isNaN(tokens) ? '' : formatTokens(tokens)}
                </span>
                <span className={`td-tree__status td-tree__status--${status.toLowerCase()}`}>
                  {status}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
