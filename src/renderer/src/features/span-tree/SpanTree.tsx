/**
 * The execution tree: every span in step order with its replay state (✓ completed, ▶ current,
 * pending, ✗ failed, ↻ retry), duration, tokens and status. Virtualised: only the rows on
 * screen exist in the DOM, and row ↔ span mapping comes from the store's row model, so a
 * 1M-span trace renders as fast as a 10-span one. Click a row to jump; click the chevron to
 * collapse a subtree. By keyboard it is an ARIA tree with one row in the tab order: arrows move,
 * ← / → collapse and expand, Enter jumps (use-tree-focus.ts). Search matches and the owner's `marks` (sorted span indices, e.g. the
 * divergences of a comparison) are highlighted apart, so both can show at once.
 *
 * The tree and the timeline share one row model (Jaeger's layout): the same row height, the
 * first row at the same height (the tree's heading is as tall as the minimap and time axis), one
 * scroll position (`rowTop` in the store) and one hovered row, so a label and its bar are always
 * on the same line. Indentation stops at INDENT_CAP levels; deeper rows show their depth as a
 * number, so names keep their room; the full name is the row's tooltip.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef } from 'react'
import { useStore } from 'zustand'
import {
  hasChildren,
  matchPosition,
  spanKind,
  spanName,
  spanTokens,
  statusLabel,
  stepState,
  subtreeErrorCounter,
  STEP_ICONS,
} from '../../../../shared/replay'
import { formatCount, formatDuration, formatTokens } from '../../lib/format'
import type { ReplayStore } from '../../stores/replay-store'
import { useTreeFocus } from './use-tree-focus'
import { ROW_H } from '../timeline/draw-rows'
import './span-tree.css'

/** Stable identity: a new function per render would make the virtualizer re-measure every row. */
const rowSize = () => ROW_H
const INDENT = 12
/**
 * Levels of indentation drawn (and never more than a sixth of the tree's width); deeper spans
 * show their depth as a number, as do all spans past DEPTH_NUMBER_FROM levels.
 */
export const INDENT_CAP = 12
const DEPTH_NUMBER_FROM = 7

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
  const hoverRow = useStore(store, (s) => s.hoverRow)
  const scrollRef = useRef<HTMLDivElement>(null)
  const errorsIn = useMemo(() => (cols ? subtreeErrorCounter(cols) : null), [cols])

  // eslint-disable-next-line react-hooks/incompatible-library -- the row model is the source of truth
  const virtualizer = useVirtualizer({
    count: rows.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowSize,
    overscan: 12,
  })

  const focus = useTreeFocus(store, scrollRef, virtualizer, ROW_H)

  // One scroll position with the timeline: the timeline keeps the current step in view (away
  // from the edges) and the tree follows; scrolling the tree moves the timeline's rows.
  useEffect(() => {
    const el = scrollRef.current
    const apply = (rowTop: number) => {
      if (el && Math.abs(el.scrollTop - rowTop * ROW_H) > 1) el.scrollTop = rowTop * ROW_H
    }
    apply(store.getState().rowTop)
    return store.subscribe((s, prev) => {
      if (s.rowTop !== prev.rowTop) apply(s.rowTop)
    })
  }, [store, cols])
  const onScroll = () => {
    const el = scrollRef.current
    if (el) store.getState().setRowTop(el.scrollTop / ROW_H)
  }
  // Without a timeline beside it (none today), the tree would keep the current row in view itself.
  const currentRow = rows.rowOf(current)
  useEffect(() => {
    if (currentRow < 0 || source === 'tree') return
    const el = scrollRef.current
    if (!el) return
    const top = currentRow * ROW_H
    if (top < el.scrollTop || top + ROW_H > el.scrollTop + el.clientHeight)
      virtualizer.scrollToIndex(currentRow, { align: 'center' })
  }, [currentRow, source, virtualizer])

  if (!cols) return null
  const items = virtualizer.getVirtualItems()
  return (
    <div className={`td-tree-box${hasTokens(cols) ? '' : ' td-tree-box--no-tokens'}`}>
      <div className="td-tree__top" aria-hidden>
        <span className="td-tree__title td-ellipsis">
          <span className="td-tree__title-long">Execution tree · </span>
          {formatCount(cols.count)} spans
        </span>
        {maxDepth(cols) > 0 && <span className="td-tree__depth-note">depth {maxDepth(cols)}</span>}
      </div>
      <div className="td-tree__head" aria-hidden>
        <span>Name</span>
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
        onScroll={onScroll}
        onMouseLeave={() => store.getState().setHoverRow(-1)}
      >
        {/* Room to scroll as far as the timeline can (its rows area is shorter). */}
        <div
          className="td-tree__sizer"
          style={{ height: virtualizer.getTotalSize() + TAIL_ROWS * ROW_H }}
        >
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
            const depth = cols.depth[i]
            const hiddenErrors = isCollapsed && errorsIn ? errorsIn(i) : 0
            const name = spanName(cols, i)
            return (
              <div
                key={i}
                role="treeitem"
                aria-level={cols.depth[i] + 1}
                aria-selected={i === current}
                aria-expanded={kids ? !isCollapsed : undefined}
                aria-label={`${name}, ${STATE_LABELS[state]}, ${status}${hiddenErrors ? `, hides ${hiddenErrors} failed` : ''}${isMark ? `, ${markLabel}` : ''}${isMatch ? ', search match' : ''}`}
                tabIndex={i === focus.tabbable ? 0 : -1}
                data-index={i}
                data-state={state}
                className={`td-tree__row td-tree__row--${state}${isMatch ? ' td-tree__row--match' : ''}${isMark ? ' td-tree__row--mark' : ''}${item.index === hoverRow ? ' td-tree__row--hover' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                title={`${name} · depth ${depth}`}
                onClick={() => store.getState().goTo(i, 'tree')}
                onMouseEnter={() => store.getState().setHoverRow(item.index)}
                onMouseDown={focus.onRowMouseDown}
                onFocus={() => focus.onRowFocus(i)}
              >
                <span
                  className="td-tree__name"
                  style={{
                    paddingLeft: `min(${6 + Math.min(depth, INDENT_CAP) * INDENT}px, 16cqw)`,
                  }}
                >
                  {depth >= DEPTH_NUMBER_FROM && (
                    <span className="td-tree__depth" aria-hidden>
                      {depth}
                    </span>
                  )}
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
                  <span className="td-tree__label td-ellipsis">{name}</span>
                  {isCollapsed && (
                    <span className="td-tree__hidden">+{cols.subtreeEnd[i] - i - 1}</span>
                  )}
                  {hiddenErrors > 0 && (
                    <span
                      className="td-tree__hidden td-tree__hidden--error"
                      title={`This collapsed subtree hides ${hiddenErrors} failed span${hiddenErrors === 1 ? '' : 's'}`}
                      data-testid="hidden-errors"
                    >
                      ✗ {hiddenErrors}
                    </span>
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

/** Empty rows below the last one, so the tree can scroll as far as the timeline's shorter rows area. */
const TAIL_ROWS = 12

const depthCache = new WeakMap<object, number>()
/** The deepest span's depth (0: flat), computed once per trace. */
function maxDepth(cols: { depth: Int32Array }): number {
  let d = depthCache.get(cols.depth)
  if (d === undefined) {
    d = 0
    for (let i = 0; i < cols.depth.length; i++) if (cols.depth[i] > d) d = cols.depth[i]
    depthCache.set(cols.depth, d)
  }
  return d
}

const tokensCache = new WeakMap<object, boolean>()
/** Whether any span states tokens (else the Tokens column is left out: Zipkin, Jaeger, Chrome). */
function hasTokens(cols: { inputTokens: Float64Array; outputTokens: Float64Array }): boolean {
  let has = tokensCache.get(cols.inputTokens)
  if (has === undefined) {
    has = false
    for (let i = 0; i < cols.inputTokens.length && !has; i++)
      has = !Number.isNaN(cols.inputTokens[i]) || !Number.isNaN(cols.outputTokens[i])
    tokensCache.set(cols.inputTokens, has)
  }
  return has
}
