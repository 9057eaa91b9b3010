/**
 * The comparison view (nav view "compare"): two full replay panes side by side (A left, B right),
 * one lockstep toolbar that steps and plays both through the alignment, divergence navigation,
 * and below them the current pair's deltas, word diff and the tree comparison.
 */
import { useEffect, useState } from 'react'
import { useStore } from 'zustand'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { SplitPane } from '../../components/SplitPane'
import { getHost } from '../../host'
import { createCompareStore, type CompareStore } from '../../stores/compare-store'
import { useNav } from '../../stores/nav-store'
import { useReplayStore } from '../replay/ReplayPane'
import { CompareToolbar } from './CompareToolbar'
import { ScoresStrip } from '../rerun/ScoresStrip'
import { ComparePane } from './ComparePane'
import { PairPanel } from './PairPanel'
import { takeSwapFocus, useCompareKeys } from './use-compare-keys'
import './compare.css'

export function CompareView({ a, b }: { a: string; b: string }) {
  const [store] = useState<CompareStore>(() => createCompareStore(() => getHost().api))
  const paneA = useReplayStore(a)
  const paneB = useReplayStore(b)
  const phase = useStore(store, (s) => s.phase)
  const error = useStore(store, (s) => s.error)
  const go = useNav((s) => s.go)

  useEffect(() => store.getState().attach({ a: paneA, b: paneB }), [store, paneA, paneB])
  useEffect(() => {
    void store.getState().load(a, b, takeSwapFocus(a, b))
  }, [store, a, b])
  useEffect(() => () => store.getState().dispose(), [store])
  useCompareKeys(store, { a: paneA, b: paneB })

  if (a === b) {
    return (
      <EmptyState icon="info" title="Pick two different traces">
        A trace compared with itself has nothing to show. Choose another trace for B.
      </EmptyState>
    )
  }
  if (phase === 'error') {
    return (
      <EmptyState
        tone="error"
        icon="error"
        title="These traces could not be compared"
        actions={<Button onClick={() => go({ name: 'library' })}>Back to the library</Button>}
      >
        {error}
      </EmptyState>
    )
  }
  return (
    <div className="td-compare" data-testid="compare-view">
      <CompareToolbar store={store} a={a} b={b} />
      <ScoresStrip a={a} b={b} />
      <div className="td-compare__body">
        <SplitPane
          direction="column"
          initial={0.62}
          min={180}
          storageKey="compare.panes-pair"
          label="Resize comparison details"
          first={
            <SplitPane
              direction="row"
              initial={0.5}
              min={360}
              storageKey="compare.a-b"
              label="Resize panes A and B"
              first={<ComparePane side="a" store={store} panes={{ a: paneA, b: paneB }} />}
              second={<ComparePane side="b" store={store} panes={{ a: paneA, b: paneB }} />}
            />
          }
          second={<PairPanel store={store} panes={{ a: paneA, b: paneB }} ids={{ a, b }} />}
        />
      </div>
    </div>
  )
}
