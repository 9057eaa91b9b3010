/**
 * One side of the comparison: a compact side header (A or B, name, status, id, where the pane
 * stands) over a full ReplayPane (timeline, tree, detail, search). Divergent spans are the pane's
 * marks. Locked, the pane has no controls of its own and, on a gap row where it has no span, its
 * detail shows an empty slot naming what the other trace did there. Unlocked, the pane's own
 * transport appears so it can be stepped alone.
 */
import { useState } from 'react'
import { useStore } from 'zustand'
import { spanName } from '../../../../shared/replay'
import { StatusBadge } from '../../components/Badge'
import type { CompareStore, Side } from '../../stores/compare-store'
import type { ReplayStore } from '../../stores/replay-store'
import { ReplayPane } from '../replay/ReplayPane'

const OTHER: Record<Side, Side> = { a: 'b', b: 'a' }
// A pane is half a window wide: its tree needs a larger share than in single replay to show
// span names. Only a first default — once the user drags the divider, their size is kept.
const TREE_SHARE = '0.42'

function defaultTreeWidth(side: Side): void {
  try {
    const key = `compare-${side}.tree`
    if (localStorage.getItem(key) === null) localStorage.setItem(key, TREE_SHARE)
  } catch (error) {
    console.warn('tracedeck: could not store the default tree width', error)
  }
}

export function ComparePane({
  side,
  store,
  panes,
}: {
  side: Side
  store: CompareStore
  panes: Record<Side, ReplayStore>
}) {
  const pane = panes[side]
  const locked = useStore(store, (s) => s.locked)
  const c = useStore(store, (s) => s.comparison)
  const index = useStore(store, (s) => s.index)
  const row = useStore(store, (s) => s.row)
  const detail = useStore(pane, (s) => s.detail)
  const current = useStore(pane, (s) => s.current)
  const count = useStore(pane, (s) => s.cols?.count ?? 0)
  const otherCols = useStore(panes[OTHER[side]], (s) => s.cols)
  useState(() => defaultTreeWidth(side)) // before the pane (and its SplitPane) first renders

  const own = c ? (side === 'a' ? c.rowA[row] : c.rowB[row]) : 0
  const theirs = c ? (side === 'a' ? c.rowB[row] : c.rowA[row]) : -1
  const gap = Boolean(c && locked && own < 0)
  const letter = side.toUpperCase()
  const t = detail?.trace

  return (
    <div
      className={`td-cpane td-cpane--${side}${gap ? ' td-cpane--gap' : ''}`}
      data-testid={`compare-pane-${side}`}
    >
      <div className="td-cpane__head">
        <span className="td-cpane__tag" aria-hidden>
          {letter}
        </span>
        <span className="td-cpane__name td-ellipsis" title={t?.name}>
          {t?.name ?? 'Loading…'}
        </span>
        {t && <StatusBadge status={t.status} />}
        {t && (
          <code className="td-cpane__id" title={`Trace id ${t.id}`}>
            {t.id.slice(0, 12)}
          </code>
        )}
        <span className="td-cpane__spacer" />
        <span className="td-cpane__step" data-testid={`pane-${side}-step`}>
          {gap ? 'no span here' : count ? `step ${current + 1} of ${count}` : ''}
        </span>
      </div>
      <div className="td-cpane__body">
        <ReplayPane
          store={pane}
          header={false}
          controls={!locked}
          sidebar={false}
          keyboard={false}
          label={`Trace ${letter}`}
          storageKey={`compare-${side}`}
          marks={side === 'a' ? index?.marksA : index?.marksB}
          markLabel="differs"
          gapSlot={
            gap && (
              <div
                className="td-gap-slot"
                role="note"
                aria-label={`Trace ${letter} has no span here`}
                data-testid={`gap-slot-${side}`}
              >
                <div className="td-gap-slot__card">
                  <span className="td-gap-slot__title">Empty slot</span>
                  <span>
                    Trace {letter} has no span at this point.
                    {otherCols && theirs >= 0 && (
                      <>
                        {' '}
                        Trace {OTHER[side].toUpperCase()} ran{' '}
                        <strong>{spanName(otherCols, theirs)}</strong> (step {theirs + 1}) here.
                      </>
                    )}
                  </span>
                </div>
              </div>
            )
          }
        />
      </div>
    </div>
  )
}
