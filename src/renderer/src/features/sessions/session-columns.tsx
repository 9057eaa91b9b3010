/** The sessions table's columns (the metrics of seeds/001: tokens, cost, spans, turns, duration, status). */
import type { SessionSummary } from '../../../../shared/api'
import { StatusBadge } from '../../components/Badge'
import { formatDuration, formatTime, formatTokens } from '../../lib/format'
import type { SessionSortKey } from '../../stores/session-store'
import type { Column } from '../library/DataTable'
import { CostCell, ModelList, TagList } from '../library/trace-columns'

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
    render: (s) => <span className="td-num">{s.traceCount.toLocaleString('en-US')}</span>,
  },
  {
    key: 'spans',
    dropOrder: 2,
    label: 'Spans',
    width: '70px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (s) => s.spanCount,
    render: (s) => <span className="td-num">{s.spanCount.toLocaleString('en-US')}</span>,
  },
  {
    key: 'tokens',
    dropOrder: 5,
    label: 'Tokens',
    width: '84px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (s) => s.totalTokens,
    render: (s) => (
      <span
        className="td-num"
        title={`${s.inputTokens.toLocaleString('en-US')} in → ${s.outputTokens.toLocaleString('en-US')} out`}
      >
        {formatTokens(s.totalTokens)}
      </span>
    ),
  },
  {
    key: 'cost',
    label: 'Cost',
    width: '116px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (s) => s.cost,
    render: (s) => <CostCell cost={s.cost} estimated={s.costEstimated} tokens={s.totalTokens} />,
  },
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
    sortValue: (s) => (s.status === 'failed' ? 1 : 0),
    render: (s) => <StatusBadge status={s.status} />,
  },
  {
    key: 'models',
    dropOrder: 3,
    label: 'Models',
    width: 'minmax(110px, 1.2fr)',
    firstDir: 'asc',
    sortValue: (s) => s.models.join(', ') || null,
    render: (s) => <ModelList models={s.models} />,
  },
  {
    key: 'tags',
    dropOrder: 1,
    label: 'Tags',
    width: 'minmax(90px, 1fr)',
    firstDir: 'asc',
    sortValue: (s) => s.tags.join(', ') || null,
    render: (s) => <TagList tags={s.tags} />,
  },
]
