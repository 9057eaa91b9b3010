/**
 * "Where the time went" (seed 000): self time per kind (LLM, tool, retrieval, own code) and per
 * model or tool name, and the critical path's spans, each row with a jump to the span that spent
 * the most. The timeline draws the same critical path over its bars.
 */
import { useMemo } from 'react'
import {
  criticalPath,
  pathSpans,
  spanName,
  timeBreakdown,
  trackTest,
  type ReplayColumns,
  type TimeRow,
} from '../../../../shared/replay'
import { formatDuration } from '../../lib/format'
import type { ReplayStore } from '../../stores/replay-store'

const ROWS = 6

const pct = (share: number): string =>
  share >= 0.995 ? '100%' : share < 0.005 ? '<1%' : `${Math.round(share * 100)}%`

export function TimeSpentSection({
  store,
  cols,
  format,
}: {
  store: ReplayStore
  cols: ReplayColumns
  format: string | undefined
}) {
  const breakdown = useMemo(() => timeBreakdown(cols, trackTest(cols, format)), [cols, format])
  const path = useMemo(() => {
    const isTrack = trackTest(cols, format)
    return pathSpans(criticalPath(cols))
      .filter((p) => !isTrack(p.index) && p.time > 0)
      .sort((a, b) => b.time - a.time)
  }, [cols, format])
  const go = (i: number) => store.getState().goTo(i, 'sidebar')
  if (!breakdown.total) return null
  return (
    <section className="td-side__section" aria-label="Where the time went" data-testid="time-spent">
      <h3 className="td-side__title">
        Where the time went
        <span
          className="td-side__pos"
          title="Self time: a span's duration minus what its children cover"
        >
          self time
        </span>
      </h3>
      <TimeTable rows={breakdown.byKind} onJump={go} cols={cols} label="Self time per kind" />
      {breakdown.byName.length > 0 && (
        <TimeTable
          rows={breakdown.byName.slice(0, ROWS)}
          onJump={go}
          cols={cols}
          label="Self time per model or tool"
        />
      )}
      <h4
        className="td-time__sub"
        title="The chain of spans that determined when the trace ended (as Jaeger UI draws it)"
      >
        Critical path · {path.length} span{path.length === 1 ? '' : 's'}
      </h4>
      <ul className="td-side__list" aria-label="Critical path">
        {path.slice(0, ROWS).map((p) => (
          <li key={p.index}>
            <button
              type="button"
              className="td-time__row"
              onClick={() => go(p.index)}
              title={`Go to ${spanName(cols, p.index)}: ${formatDuration(p.time)} on the critical path`}
            >
              <span className="td-time__label td-ellipsis">{spanName(cols, p.index)}</span>
              <span className="td-side__dur">{formatDuration(p.time)}</span>
            </button>
          </li>
        ))}
      </ul>
      {path.length > ROWS && <p className="td-side__more">… {path.length - ROWS} more</p>}
    </section>
  )
}

function TimeTable({
  rows,
  onJump,
  cols,
  label,
}: {
  rows: TimeRow[]
  onJump: (i: number) => void
  cols: ReplayColumns
  label: string
}) {
  return (
    <ul className="td-side__list td-time" aria-label={label}>
      {rows.map((r) => (
        <li key={r.label}>
          <button
            type="button"
            className="td-time__row"
            onClick={() => onJump(r.top)}
            title={`${r.label}: ${formatDuration(r.self)} of self time in ${r.spans} span${r.spans === 1 ? '' : 's'}; jump to ${spanName(cols, r.top)}, the one that spent the most`}
          >
            <span className="td-time__label td-ellipsis">{r.label}</span>
            <span className="td-time__bar" aria-hidden>
              <span style={{ width: `${Math.max(2, r.share * 100)}%` }} />
            </span>
            <span className="td-time__pct">{pct(r.share)}</span>
            <span className="td-side__dur">{formatDuration(r.self)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
