/**
 * The tree comparison: every span B added, every span A had that B lacks, and every aligned span
 * that changed (and in what), in step order, indented by depth. Virtualised, so a comparison with
 * thousands of changes scrolls smoothly. Clicking an entry moves both panes there.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { spanKind, spanName, type ReplayColumns } from '../../../../shared/replay'
import type { CompareStore } from '../../stores/compare-store'
import type { ReplayStore } from '../../stores/replay-store'
import { fieldsLabel } from '../../../../shared/compare/labels'

type Change = 'added' | 'removed' | 'changed'
const ROW_H = 26
const SYMBOL: Record<Change, string> = { added: '+', removed: '−', changed: '~' }

interface Entry {
  row: number
  change: Change
}

export function TreeChanges({
  store,
  panes,
}: {
  store: CompareStore
  panes: { a: ReplayStore; b: ReplayStore }
}) {
  const c = useStore(store, (s) => s.comparison)
  const current = useStore(store, (s) => s.row)
  const colsA = useStore(panes.a, (s) => s.cols)
  const colsB = useStore(panes.b, (s) => s.cols)
  const [filter, setFilter] = useState<Change | 'all'>('all')
  const scrollRef = useRef<HTMLDivElement>(null)

  const all = useMemo(() => {
    const out: Entry[] = []
    if (!c) return out
    for (let r = 0; r < c.rowA.length; r++) {
      if (c.rowA[r] < 0) out.push({ row: r, change: 'added' })
      else if (c.rowB[r] < 0) out.push({ row: r, change: 'removed' })
      else if (c.rowDiff[r]) out.push({ row: r, change: 'changed' })
    }
    return out
  }, [c])
  const counts = useMemo(() => {
    const n = { added: 0, removed: 0, changed: 0 }
    for (const e of all) n[e.change]++
    return n
  }, [all])
  const shown = useMemo(
    () => (filter === 'all' ? all : all.filter((e) => e.change === filter)),
    [all, filter],
  )

  // eslint-disable-next-line react-hooks/incompatible-library -- the entry list is the source of truth
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 10,
  })

  if (!c) return null
  if (!all.length)
    return <p className="td-tc__none">Same tree: every span pairs up and nothing changed.</p>

  const describe = (e: Entry): { cols: ReplayColumns | null; i: number; detail: string } => {
    const i = c.rowA[e.row]
    const j = c.rowB[e.row]
    if (e.change === 'added') return { cols: colsB, i: j, detail: `B step ${j + 1}` }
    if (e.change === 'removed') return { cols: colsA, i, detail: `A step ${i + 1}` }
    const renamed =
      colsA && colsB && spanName(colsA, i) !== spanName(colsB, j) ? ` → ${spanName(colsB, j)}` : ''
    return {
      cols: colsA,
      i,
      detail: `${fieldsLabel(c.rowDiff[e.row])}${renamed} · A ${i + 1} / B ${j + 1}`,
    }
  }

  return (
    <div className="td-tc">
      <div className="td-tc__filters" role="radiogroup" aria-label="Show tree changes">
        {(['all', 'added', 'removed', 'changed'] as const).map((f) => (
          <button
            key={f}
            type="button"
            role="radio"
            aria-checked={filter === f}
            className={`td-tc__filter td-tc__filter--${f}`}
            onClick={() => setFilter(f)}
          >
            {f === 'all' ? `All ${all.length}` : `${f[0].toUpperCase()}${f.slice(1)} ${counts[f]}`}
          </button>
        ))}
      </div>
      <div
        className="td-tc__list"
        ref={scrollRef}
        role="list"
        aria-label="Tree changes"
        data-testid="tree-changes"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = shown[item.index]
            const { cols, i, detail } = describe(e)
            const depth = cols ? cols.depth[i] : 0
            return (
              <button
                key={e.row}
                type="button"
                role="listitem"
                className={`td-tc__item td-tc__item--${e.change}${e.row === current ? ' td-tc__item--current' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => store.getState().goToRow(e.row)}
              >
                <span className={`td-tc__sym td-tc__sym--${e.change}`} aria-label={e.change}>
                  {SYMBOL[e.change]}
                </span>
                <span
                  className="td-tc__name td-ellipsis"
                  style={{ paddingLeft: Math.min(depth, 24) * 12 }}
                >
                  {cols && (
                    <span
                      className="td-tc__kind"
                      style={{ background: `var(--kind-${spanKind(cols, i)})` }}
                      aria-hidden
                    />
                  )}
                  {cols ? spanName(cols, i) : '…'}
                </span>
                <span className="td-tc__detail td-ellipsis">{detail}</span>
              </button>
            )
          })}
        </div>
      </div>
    </div>
  )
}
