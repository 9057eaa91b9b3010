/** On a trace written by a re-run: what it replays (model, provider) and a way back to the original. */
import { useStore } from 'zustand'
import { RERUN_ATTRIBUTE, type RerunMarker } from '../../../../shared/rerun'
import { Button } from '../../components/Button'
import type { ReplayStore } from '../../stores/replay-store'
import { useNav } from '../../stores/nav-store'

export function ReplayOfLink({ store }: { store: ReplayStore }) {
  const marker = useStore(store, (s) => s.detail?.trace.attributes[RERUN_ATTRIBUTE]) as unknown as
    RerunMarker | undefined
  const self = useStore(store, (s) => s.detail?.trace.id)
  const go = useNav((s) => s.go)
  if (!marker?.originalTraceId || !self) return null
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        title={`A re-run with ${marker.models.join(', ')} via ${marker.provider}: open the original trace`}
        onClick={() => go({ name: 'trace', traceId: marker.originalTraceId })}
      >
        Original
      </Button>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => go({ name: 'compare', a: marker.originalTraceId, b: self })}
      >
        Compare with original
      </Button>
    </>
  )
}
