/**
 * Context sidebar (seeds/000): the parent of the current span (click to go), its siblings with
 * the current one's position among them, and the trace's metadata and import report.
 */
import { useEffect, useMemo, useState } from 'react'
import { useStore } from 'zustand'
import type { TraceDetail } from '../../../../shared/api'
import {
  siblingsOf,
  spanKind,
  spanName,
  stepState,
  STEP_ICONS,
  type ReplayColumns,
} from '../../../../shared/replay'

import { KeyValueTable, type KeyValueRow } from '../../components/KeyValueTable'
import { ScoreList } from '../../components/ScoreList'
import { scoresOf } from '../../../../shared/scores'
import { formatCount, formatDuration, formatTime } from '../../lib/format'
import { loadSpan } from '../detail'
import {
  countsText,
  countsTotal,
  repairLabel,
  reportCounts,
} from '../../../../shared/import-report'
import type { ReplayStore } from '../../stores/replay-store'
import { TimeSpentSection } from './TimeSpent'
import './sidebar.css'

const SIBLING_WINDOW = 4

export function ContextSidebar({ store }: { store: ReplayStore }) {
  const cols = useStore(store, (s) => s.cols)
  const detail = useStore(store, (s) => s.detail)
  const current = useStore(store, (s) => s.current)
  if (!cols || !detail) return null
  return (
    <aside className="td-side" aria-label="Context">
      <ParentSection store={store} cols={cols} current={current} />
      <SiblingsSection store={store} cols={cols} current={current} />
      <TimeSpentSection store={store} cols={cols} format={detail.trace.source.format} />
      <TraceMetadata detail={detail} cols={cols} />
    </aside>
  )
}

function SpanLink({
  store,
  cols,
  index,
  current,
  label,
}: {
  store: ReplayStore
  cols: ReplayColumns
  index: number
  current: number
  label?: string
}) {
  const state = stepState(index, current, cols.status[index])
  return (
    <button
      type="button"
      className={`td-side__span td-side__span--${state}`}
      aria-label={label}
      aria-current={index === current ? 'step' : undefined}
      onClick={() => store.getState().goTo(index, 'sidebar')}
      title={spanName(cols, index)}
    >
      <span className={`td-side__state td-side__state--${state}`} aria-hidden>
        {STEP_ICONS[state]}
      </span>
      <span
        className="td-side__kind"
        style={{ background: `var(--kind-${spanKind(cols, index)})` }}
        aria-hidden
      />
      <span className="td-side__name td-ellipsis">{spanName(cols, index)}</span>
      <span className="td-side__dur">{formatDuration(cols.duration[index])}</span>
    </button>
  )
}

function ParentSection({
  store,
  cols,
  current,
}: {
  store: ReplayStore
  cols: ReplayColumns
  current: number
}) {
  const parent = cols.parentIndex[current] ?? -1
  return (
    <section className="td-side__section">
      <h3 className="td-side__title">
        Parent span <kbd>U</kbd>
      </h3>
      {parent >= 0 ? (
        <SpanLink
          store={store}
          cols={cols}
          index={parent}
          current={current}
          label={`Go to parent: ${spanName(cols, parent)}`}
        />
      ) : (
        <p className="td-side__empty">Top-level span (no parent)</p>
      )}
    </section>
  )
}

function SiblingsSection({
  store,
  cols,
  current,
}: {
  store: ReplayStore
  cols: ReplayColumns
  current: number
}) {
  const { siblings, position } = useMemo(
    () => siblingsOf(cols.parentIndex, cols.subtreeEnd, cols.count, current),
    [cols, current],
  )
  const from = Math.max(
    0,
    Math.min(position - SIBLING_WINDOW, siblings.length - SIBLING_WINDOW * 2 - 1),
  )
  const shown = siblings.slice(from, from + SIBLING_WINDOW * 2 + 1)
  return (
    <section className="td-side__section">
      <h3 className="td-side__title">
        Siblings{' '}
        <span className="td-side__pos" data-testid="sibling-position">
          {position + 1} of {formatCount(siblings.length)}
        </span>
      </h3>
      {from > 0 && <p className="td-side__more">… {formatCount(from)} before</p>}
      <ul className="td-side__list">
        {shown.map((i) => (
          <li key={i}>
            <SpanLink store={store} cols={cols} index={i} current={current} />
          </li>
        ))}
      </ul>
      {from + shown.length < siblings.length && (
        <p className="td-side__more">
          … {formatCount(siblings.length - from - shown.length)} after
        </p>
      )}
    </section>
  )
}

function TraceMetadata({ detail, cols }: { detail: TraceDetail; cols: ReplayColumns }) {
  const { trace, report } = detail
  const service = useRootService(trace.id, trace.attributes)
  const rows: KeyValueRow[] = [
    { key: 'Trace id', value: <code className="td-side__code">{trace.id}</code> },
    { key: 'Source id', value: <code className="td-side__code">{trace.sourceTraceId}</code> },
    { key: 'Service', value: service ?? '–' },
    { key: 'Models', value: trace.models.length ? trace.models.join(', ') : '–' },
    { key: 'Session', value: trace.sessionId ?? '–' },
    { key: 'User', value: trace.userId ?? '–' },
    { key: 'Tags', value: trace.tags.length ? trace.tags.join(', ') : '–' },
    ...(scoresOf(trace.attributes).length
      ? [
          {
            key: 'Scores',
            value: <ScoreList attributes={trace.attributes} label="Scores of this trace" />,
          },
        ]
      : []),
    {
      key: 'Environment',
      value: [trace.project, trace.environment].filter(Boolean).join(' / ') || '–',
    },
    { key: 'Started', value: formatTime(trace.start) },
    { key: 'Source file', value: <span className="td-side__wrap">{trace.source.file}</span> },
    { key: 'Format', value: trace.source.format },
    { key: 'Spans', value: formatCount(cols.count) },
  ]
  const counts = reportCounts(report)
  const issues = countsTotal(counts)
  return (
    <section className="td-side__section">
      <h3 className="td-side__title">Trace</h3>
      <KeyValueTable rows={rows} label="Trace metadata" />
      <details className="td-side__report" open={issues > 0 && issues <= 5}>
        <summary>
          Import report{' '}
          <span className={issues ? 'td-side__issues' : 'td-side__clean'}>
            {issues ? countsText(counts) : 'clean'}
          </span>
        </summary>
        {issues === 0 ? (
          <p className="td-side__empty">Imported as is: no repairs, no warnings.</p>
        ) : (
          <ul className="td-side__notes">
            {report.repairs.map((r, k) => (
              <li key={`r${k}`}>
                <span className="td-side__repair">{r.kind}</span>{' '}
                <span className="td-muted">{repairLabel(r)}:</span>{' '}
                {r.spanName ? <strong>{r.spanName}: </strong> : null}
                {r.message}
              </li>
            ))}
            {report.warnings.map((w, k) => (
              <li key={`w${k}`}>
                <span className="td-side__repair">warning</span> {w}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  )
}

/** The service name: from the trace attributes, else from the root span (fetched once). */
function useRootService(traceId: string, attributes: Record<string, unknown>): string | null {
  const stated =
    typeof attributes['service.name'] === 'string' ? (attributes['service.name'] as string) : null
  const [loaded, setLoaded] = useState<{ traceId: string; service: string | null } | null>(null)
  useEffect(() => {
    if (stated) return
    let live = true
    loadSpan(traceId, 0).then(
      (span) => live && setLoaded({ traceId, service: span.service ?? null }),
      (error: Error) => live && setLoaded({ traceId, service: `unavailable (${error.message})` }),
    )
    return () => {
      live = false
    }
  }, [traceId, stated])
  return stated ?? (loaded?.traceId === traceId ? loaded.service : null)
}
