/**
 * The single-trace replay view (nav view "trace"): one ReplayPane on its own store, with
 * "Compare with…" in its header to open this trace beside another.
 * `step` (0-based span index) opens the replay at that step, e.g. from a session turn.
 */
import { useEffect } from 'react'
import { CompareWithButton } from '../compare'
import { LiveTraceBadge } from '../library/LivePanel'
import { ShareButton } from '../share/ShareButton'
import { RerunButton, ReplayOfLink } from '../rerun'
import { ReplayPane, useReplayStore } from './ReplayPane'

export function TraceView({ traceId, step }: { traceId: string; step?: number }) {
  const store = useReplayStore(traceId, step)
  // A new step for the same trace (navigation) moves the replay without reloading it.
  useEffect(() => {
    if (step !== undefined && store.getState().phase === 'ready')
      store.getState().goTo(step, 'external')
  }, [store, step])
  return (
    <ReplayPane
      key={traceId}
      store={store}
      label="Trace replay"
      headerActions={
        <>
          <LiveTraceBadge traceId={traceId} />
          <ReplayOfLink store={store} />
          <RerunButton traceId={traceId} />
          <CompareWithButton traceId={traceId} />
          <ShareButton
            a={traceId}
            currentStep={() => store.getState().current}
            stepCount={() => store.getState().cols?.count ?? 0}
          />
        </>
      }
    />
  )
}
