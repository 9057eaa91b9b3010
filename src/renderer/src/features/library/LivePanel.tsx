/**
 * Live traces in the library: the switch for the OTLP receiver (the address shown and
 * copyable), "follow latest", and the traces still arriving, on top of the library with a Live
 * badge. Clicking one opens it; it keeps growing in replay until it is committed.
 */
import { useEffect, useState } from 'react'
import { Badge, StatusBadge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { toast } from '../../components/Toaster'
import { formatDuration, formatTime, plural } from '../../lib/format'
import { startLiveTracking, useLive } from '../../stores/live-store'
import { useNav } from '../../stores/nav-store'
import './live.css'

/** The toolbar switch: "Receive live traces" / "Live on :4318". */
export function LiveToggle() {
  const status = useLive((s) => s.status)
  const switching = useLive((s) => s.switching)
  const setEnabled = useLive((s) => s.setEnabled)
  useEffect(() => startLiveTracking(), [])
  if (!status) return null
  const on = status.enabled
  return (
    <Button
      className="td-live-toggle"
      aria-pressed={on}
      disabled={switching}
      title={
        on
          ? `Stop receiving OTLP traces on ${status.endpoint} (what is live is committed first)`
          : `Receive traces from running apps over OTLP/HTTP on 127.0.0.1:${status.port}`
      }
      onClick={() => void setEnabled(!on)}
    >
      <span className={`td-live-dot${on ? ' is-on' : ''}`} aria-hidden />
      {on ? 'Receiving' : 'Receive live traces'}
    </Button>
  )
}

function ago(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000))
  return s < 1 ? 'just now' : `${s} s ago`
}

/** The strip under the library header while the receiver is on (or failed), with live rows. */
export function LivePanel() {
  const { status, rows, follow, setFollow, error, dismissLost, setEnabled } = useLive()
  const go = useNav((s) => s.go)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!rows.length) return
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [rows.length])
  if (!status) return null
  const problem = status.error ?? error
  if (!status.enabled && !problem && !status.lost) return null

  const copy = (text: string) =>
    navigator.clipboard.writeText(text).then(
      () => toast({ tone: 'ok', title: 'Endpoint copied', timeout: 2000 }),
      (e: Error) => toast({ tone: 'error', title: 'Could not copy the endpoint', body: e.message }),
    )

  return (
    <section className="td-live" aria-label="Live traces">
      {status.lost && (
        <div className="td-live__notice" role="status">
          The receiver stopped last time before {plural(status.lost.traces, 'live trace')} (
          {plural(status.lost.spans, 'span')}) went quiet; those spans were not saved.
          <Button size="sm" variant="ghost" icon="close" aria-label="Dismiss" onClick={dismissLost} />
        </div>
      )}
      {problem && (
        <div className="td-live__notice is-error" role="alert">
          {problem}
          {!status.enabled && (
            <Button size="sm" onClick={() => void setEnabled(true)}>
              Try again
            </Button>
          )}
        </div>
      )}
      {status.enabled && status.endpoint && (
        <div className="td-live__bar">
          <span className="td-live-dot is-on" aria-hidden />
          <span className="td-live__label">OTLP endpoint</span>
          <code className="td-live__endpoint" data-testid="live-endpoint">
            {status.endpoint}
          </code>
          <Button size="sm" variant="ghost" icon="copy" aria-label="Copy the endpoint" title="Copy the endpoint" onClick={() => void copy(status.endpoint!)} />
          <span className="td-live__hint td-muted">
            OTEL_EXPORTER_OTLP_ENDPOINT={status.endpoint} · committed {formatDuration(status.quietMs * 1000)} after
            the last span
          </span>
          <label className="td-live__follow">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
            Follow latest
          </label>
        </div>
      )}
      {status.enabled && rows.length > 0 && (
        <ul className="td-live__rows" aria-label={`${plural(rows.length, 'live trace')}`}>
          {rows.map((t) => (
            <li key={t.id}>
              <button type="button" className="td-live__row" onClick={() => go({ name: 'trace', traceId: t.id })}>
                <Badge tone="accent" title="Still receiving spans: committed when it goes quiet">
                  ● Live
                </Badge>
                <span className="td-live__name">{t.hasRoot ? t.name : `${t.name}…`}</span>
                {!t.hasRoot && <span className="td-faint">root span still running</span>}
                <span className="td-muted">{plural(t.spanCount, 'span')}</span>
                <span className="td-muted">{formatDuration(t.duration)}</span>
                <StatusBadge status={t.status} />
                <span className="td-faint">started {formatTime(t.start, false)}</span>
                <span className="td-faint">last span {ago(t.lastSpanAt, now)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** "● Live" in a trace's header while the trace is still receiving spans (nothing otherwise). */
export function LiveTraceBadge({ traceId }: { traceId: string }) {
  const live = useLive((s) => s.status?.enabled === true && s.rows.some((t) => t.id === traceId))
  useEffect(() => startLiveTracking(), [])
  if (!live) return null
  return (
    <span data-testid="live-trace-badge">
      <Badge tone="accent" title="Still receiving spans: the trace grows here and is committed when it goes quiet">
        ● Live
      </Badge>
    </span>
  )
}
