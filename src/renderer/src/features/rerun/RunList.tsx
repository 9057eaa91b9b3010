/**
 * A trace's replay history: each run's status (live: call i of n), overrides, totals, times, and
 * links to its new trace and to the comparison; pending and running runs can be cancelled.
 */
import type { RerunOverrides, RerunRun } from '../../../../shared/rerun'
import { Badge, type Tone } from '../../components/Badge'
import { Button } from '../../components/Button'
import { ProgressBar } from '../../components/ProgressBar'
import { getHost } from '../../host'
import { formatCost, formatCount, formatTime } from '../../lib/format'
import { useNav } from '../../stores/nav-store'

const TONE: Record<RerunRun['status'], Tone> = {
  pending: 'neutral',
  running: 'accent',
  completed: 'ok',
  failed: 'error',
  cancelled: 'warning',
}

/** The overrides in a few words. */
export function describeOverrides(o: RerunOverrides): string {
  const parts: string[] = []
  if (o.model) parts.push(`model ${o.model}`)
  for (const [a, b] of Object.entries(o.modelMap ?? {})) parts.push(`${a} → ${b}`)
  for (const [k, v] of Object.entries(o.params ?? {}))
    parts.push(v === null ? `no ${k}` : `${k}=${JSON.stringify(v)}`)
  if (o.prompt) parts.push(`prompt ${o.prompt}`)
  if (o.system !== undefined) parts.push('system prompt edited')
  if (o.carryForward) parts.push('answers carried forward')
  return parts.join(' · ') || 'as recorded'
}

export function RunList({ traceId, runs }: { traceId: string; runs: RerunRun[] }) {
  const go = useNav((s) => s.go)
  return (
    <section className="td-rerun__runs" aria-label="Re-runs of this trace">
      <h3>Re-runs of this trace</h3>
      {runs.length === 0 ? (
        <p className="td-muted">None yet.</p>
      ) : (
        <ul>
          {runs.map((r) => (
            <li key={r.id} className="td-rerun__run" data-status={r.status} data-testid="rerun-run">
              <div className="td-rerun__runhead">
                <Badge tone={TONE[r.status]}>{r.status}</Badge>
                <span className="td-ellipsis" title={describeOverrides(r.overrides)}>
                  {describeOverrides(r.overrides)}
                </span>
                <span className="td-muted td-num">{formatTime(r.createdAt * 1000, false)}</span>
              </div>
              {(r.status === 'running' || r.status === 'pending') && (
                <div className="td-rerun__progress">
                  <ProgressBar
                    value={r.done}
                    max={Math.max(1, r.total)}
                    label={`Re-run progress: call ${r.done} of ${r.total}`}
                  />
                  <span className="td-num">
                    {r.status === 'pending'
                      ? 'waiting for a free slot'
                      : `call ${r.done} of ${r.total}`}
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => void getHost().api.cancelRerun({ id: r.id })}
                  >
                    Cancel
                  </Button>
                </div>
              )}
              <div className="td-rerun__runfoot">
                <span className="td-muted">
                  {r.providerName} · {r.models.join(', ')} · {r.done}/{r.total} calls
                  {r.failedCalls ? ` (${r.failedCalls} failed)` : ''} ·{' '}
                  {formatCount(r.inputTokens + r.outputTokens)} tokens ·{' '}
                  {r.cost === null ? 'cost unknown' : formatCost(r.cost)}
                </span>
                {r.replayTraceId && (
                  <>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => go({ name: 'trace', traceId: r.replayTraceId! })}
                    >
                      Open trace
                    </Button>
                    <Button
                      size="sm"
                      onClick={() => go({ name: 'compare', a: traceId, b: r.replayTraceId! })}
                    >
                      Compare
                    </Button>
                  </>
                )}
              </div>
              {r.error && <p className="td-rerun__error">{r.error}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
