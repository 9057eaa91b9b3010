/**
 * The current pair, below the panes: what the row is (a pair, or a span only one trace has) and
 * what differs in it, the deltas of this pair and of the whole traces, and tabs with the word
 * diff of the output and of the input (side by side or unified) and the tree comparison.
 */
import { useMemo, useState } from 'react'
import { useStore } from 'zustand'
import { pairDeltas, totalDeltas } from '../../../../shared/compare/deltas'
import { DIFF } from '../../../../shared/compare/divergence'
import { payloadText, wordDiff } from '../../../../shared/compare/word-diff'
import { spanName } from '../../../../shared/replay'
import { Tabs } from '../../components/Tabs'
import type { CompareStore } from '../../stores/compare-store'
import type { ReplayStore } from '../../stores/replay-store'
import { useSpan } from '../detail'
import { DeltaStrip } from './DeltaStrip'
import { fieldsLabel } from '../../../../shared/compare/labels'
import { TreeChanges } from './TreeChanges'
import { WordDiffView, type DiffLayout } from './WordDiffView'

type TabKey = 'output' | 'input' | 'tree'

export function PairPanel({
  store,
  panes,
  ids,
}: {
  store: CompareStore
  panes: { a: ReplayStore; b: ReplayStore }
  /** The trace ids of A and B (known before the comparison arrives). */
  ids: { a: string; b: string }
}) {
  const c = useStore(store, (s) => s.comparison)
  const row = useStore(store, (s) => s.row)
  const colsA = useStore(panes.a, (s) => s.cols)
  const colsB = useStore(panes.b, (s) => s.cols)
  const [chosen, setChosen] = useState<{ tab: TabKey; row: number }>({ tab: 'output', row: -1 })
  const [layout, setLayout] = useState<DiffLayout>('split')

  const i = c ? c.rowA[row] : -1
  const j = c ? c.rowB[row] : -1
  const mask = c ? c.rowDiff[row] : 0
  const spanA = useSpan(ids.a, Math.max(0, i))
  const spanB = useSpan(ids.b, Math.max(0, j))
  const a = i >= 0 ? spanA.span : null
  const b = j >= 0 ? spanB.span : null

  // Stepping onto a pair whose input (not output) differs opens the input diff by itself; a tab
  // the user picked stays while they stay on the row, and the tree tab stays until they leave it.
  const auto: TabKey | null = mask & DIFF.output ? 'output' : mask & DIFF.input ? 'input' : null
  const tab: TabKey = chosen.tab === 'tree' || chosen.row === row || !auto ? chosen.tab : auto

  const diffs = useMemo(
    () => ({
      input: wordDiff(payloadText(a?.input), payloadText(b?.input)),
      output: wordDiff(payloadText(a?.output), payloadText(b?.output)),
    }),
    [a, b],
  )
  const pair = useMemo(
    () => (colsA && colsB && c ? pairDeltas(colsA, colsB, i, j) : null),
    [colsA, colsB, c, i, j],
  )
  const totals = useMemo(() => (c ? totalDeltas(c.a, c.b) : null), [c])

  if (!c)
    return (
      <section className="td-pair td-pair--loading" aria-label="Current pair" aria-busy="true" />
    )

  const nameA = colsA && i >= 0 ? spanName(colsA, i) : null
  const nameB = colsB && j >= 0 ? spanName(colsB, j) : null
  // While the next payloads load, the previous diff stays (dimmed) instead of flashing empty.
  const loading = (i >= 0 && spanA.loading) || (j >= 0 && spanB.loading)
  const nothingYet = (i >= 0 && !a) || (j >= 0 && !b)
  const treeCount = c.onlyA + c.onlyB + c.rowDiff.reduce((n, m) => n + (m ? 1 : 0), 0)

  return (
    <section className="td-pair" aria-label="Current pair" data-testid="pair-panel">
      <header className="td-pair__head">
        <span
          className={`td-pair__kind td-pair__kind--${i < 0 ? 'onlyB' : j < 0 ? 'onlyA' : mask ? 'changed' : 'same'}`}
        >
          {i < 0 ? 'Only in B' : j < 0 ? 'Only in A' : mask ? 'Changed' : 'Same'}
        </span>
        <span className="td-pair__names td-ellipsis">
          {nameA && nameB && nameA !== nameB ? (
            <>
              <strong>{nameA}</strong> <span aria-hidden>→</span> <strong>{nameB}</strong>
            </>
          ) : (
            <strong>{nameA ?? nameB}</strong>
          )}
          <span className="td-pair__steps">
            A {i >= 0 ? `step ${i + 1}` : '—'} · B {j >= 0 ? `step ${j + 1}` : '—'}
          </span>
        </span>
        {mask > 0 && (
          <span className="td-pair__fields" data-testid="pair-fields">
            differs in {fieldsLabel(mask)}
          </span>
        )}
      </header>
      <div className="td-pair__deltas">
        {pair && <DeltaStrip label="This pair" deltas={pair} testId="pair-deltas" />}
        {totals && <DeltaStrip label="Whole trace" deltas={totals} testId="total-deltas" />}
      </div>
      <Tabs
        label="Pair comparison"
        className="td-pair__tabs"
        tabs={[
          { key: 'output', label: 'Output diff', hint: mask & DIFF.output ? '●' : undefined },
          { key: 'input', label: 'Input diff', hint: mask & DIFF.input ? '●' : undefined },
          { key: 'tree', label: 'Tree changes', hint: treeCount },
        ]}
        active={tab}
        onChange={(key) => setChosen({ tab: key, row })}
        actions={
          tab !== 'tree' && (
            <div className="td-seg" role="radiogroup" aria-label="Diff layout">
              {(['split', 'unified'] as const).map((l) => (
                <button
                  key={l}
                  type="button"
                  role="radio"
                  aria-checked={layout === l}
                  className="td-seg__btn"
                  onClick={() => setLayout(l)}
                >
                  {l === 'split' ? 'Side by side' : 'Unified'}
                </button>
              ))}
            </div>
          )
        }
      >
        {tab === 'tree' ? (
          <TreeChanges store={store} panes={panes} />
        ) : nothingYet && loading ? (
          <p className="td-pair__wait">Loading payloads…</p>
        ) : (
          <div className={loading ? 'td-pair__stale' : undefined} aria-busy={loading}>
            <WordDiffView
              diff={diffs[tab]}
              layout={layout}
              what={tab}
              hasA={i >= 0}
              hasB={j >= 0}
            />
          </div>
        )}
      </Tabs>
    </section>
  )
}
