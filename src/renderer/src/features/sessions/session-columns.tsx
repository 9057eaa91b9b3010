/** The sessions table's columns (the metrics of seeds/001: tokens, cost, spans, turns, duration, status). */
import type { SessionSummary } from '../../../../shared/api'
import { statusRank } from '../../../../shared/status'
import { StatusBadge } from '../../components/Badge'
import { formatCount, formatDuration, formatTime } from '../../lib/format'
import type { SessionSortKey } from '../../stores/session-store'
import type { Column } from '../library/DataTable'
import { costColumn, modelsColumn, tagsColumn, tokensColumn } from '../library/usage-columns'

/** ISO time → microseconds (the unit the formatters take). */
export const isoToMicros = (iso: string) => Date.parse(iso) * 1000

export const SESSION_COLUMNS: Column<SessionSummary, SessionSortKey>[] = [
  {
    key: 'id',
    label: 'Session',
    width: 'minmax(200px, 2.4fr)',
    firstDir: 'asc',
    sortValue: (s) => s.id,
    render: (s) => (
      <span className="td-ellipsis td-mono-sm td-strong" title={s.id}>
        {s.id}
      </span>
    ),
  },
  {
    key: 'start',
    label: 'Started',
    width: '150px',
    firstDir: 'desc',
    sortValue: (s) => s.startTime,
    render: (s) => (
      <span className="td-num td-muted">{formatTime(isoToMicros(s.startTime), false)}</span>
    ),
  },
  {
    key: 'turns',
    dropOrder: 4,
    label: 'Traces',
    width: '70px',
    align: 'right',
    firstDir: 'desc',
    title: 'Number of traces (turns) in the session',
    sortValue: (s) => s.traceCount,
    render: (s) => <span className="td-num">{formatCount(s.traceCount)}</span>,
  },
  {
    key: 'spans',
    dropOrder: 2,
    label: 'Spans',
    width: '70px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (s) => s.spanCount,
    render: (s) => <span className="td-num">{formatCount(s.spanCount)}</span>,
  },
  tokensColumn((s) => s.totalTokens),
  costColumn((s) => s.totalTokens),
  {
    key: 'duration',
    dropOrder: 6,
    label: 'Duration',
    width: '92px',
    align: 'right',
    firstDir: 'desc',
    title: 'From the first trace start to the last trace end',
    sortValue: (s) => s.durationMs,
    render: (s) => <span className="td-num">{formatDuration(s.durationMs * 1000)}</span>,
  },
  {
    key: 'status',
    label: 'Status',
    width: '86px',
    firstDir: 'desc',
    title: 'Failed when any trace in the session has a failed span',
    sortValue: (s) => statusRank(s.status),
    render: (s) => <StatusBadge status={s.status} />,
  },
  modelsColumn(3),
  tagsColumn(),
]
