/** The library table's columns: what each shows and how it sorts. */
import type { TraceSummary } from '../../../../shared/api'
import { Badge, StatusBadge } from '../../components/Badge'
import { formatCount, formatDuration, formatTime } from '../../lib/format'
import type { LibrarySortKey } from '../../stores/library-store'
import { useNav } from '../../stores/nav-store'
import type { Column } from './DataTable'
import { formatLabel } from '../import/format-labels'
import { costColumn, modelsColumn, tagsColumn, tokensColumn } from './usage-columns'

const STATUS_RANK = { ok: 0, warning: 1, error: 2 } as const

export const TRACE_COLUMNS: Column<TraceSummary, LibrarySortKey>[] = [
  {
    key: 'name',
    label: 'Name',
    width: 'minmax(200px, 3fr)',
    firstDir: 'asc',
    sortValue: (t) => t.name,
    render: (t) => (
      <span
        className="td-namecell"
        title={`${t.name}\nTrace ${t.id}${t.sessionId ? `\nSession ${t.sessionId}` : ''}`}
      >
        <span className="td-ellipsis td-strong">{t.name}</span>
        {t.source.format === 'rerun' && (
          <Badge tone="accent" title="A re-run of another trace (its LLM calls sent again)">
            re-run
          </Badge>
        )}
        {t.match ? (
          <button
            type="button"
            className="td-matchlink td-ellipsis"
            data-testid="search-match"
            title={`Found in step ${t.match.index + 1}, ${t.match.name} (${t.match.kind}), in its ${t.match.field}${t.match.excerpt ? `:\n${t.match.excerpt}` : ''}. Click to open it there.`}
            onClick={(e) => {
              e.stopPropagation() // the row itself opens the trace at its start
              useNav.getState().go({ name: 'trace', traceId: t.id, step: t.match!.index })
            }}
          >
            ↳ <span className="td-strong">{t.match.name}</span>
            {t.match.field !== 'name' && <span className="td-muted"> · {t.match.field}</span>}
            {t.match.excerpt && <span className="td-muted"> · {t.match.excerpt}</span>}
          </button>
        ) : (
          t.sessionId && (
            <button
              type="button"
              className="td-sessionlink td-ellipsis td-mono-sm"
              title={`Open session ${t.sessionId}`}
              onClick={(e) => {
                e.stopPropagation() // the row itself opens the trace
                useNav.getState().go({ name: 'session', sessionId: t.sessionId! })
              }}
            >
              {t.sessionId}
            </button>
          )
        )}
      </span>
    ),
  },
  {
    key: 'start',
    label: 'Started',
    width: '150px',
    firstDir: 'desc',
    sortValue: (t) => t.start,
    render: (t) => <span className="td-num td-muted">{formatTime(t.start, false)}</span>,
  },
  {
    key: 'duration',
    dropOrder: 6,
    label: 'Duration',
    width: '88px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (t) => t.duration,
    render: (t) => <span className="td-num">{formatDuration(t.duration)}</span>,
  },
  {
    key: 'status',
    label: 'Status',
    width: '92px',
    firstDir: 'desc',
    sortValue: (t) => STATUS_RANK[t.status],
    render: (t) => <StatusBadge status={t.status} />,
  },
  {
    key: 'spans',
    dropOrder: 3,
    label: 'Spans',
    width: '76px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (t) => t.spanCount,
    render: (t) => (
      <span
        className="td-num"
        title={`${t.spanCount} spans, ${t.errorCount} failed, ${t.retryCount} retried`}
      >
        {t.errorCount > 0 && <span className="td-errcount">{t.errorCount}✗ </span>}
        {formatCount(t.spanCount)}
      </span>
    ),
  },
  tokensColumn((t) => t.inputTokens + t.outputTokens),
  costColumn((t) => t.inputTokens + t.outputTokens),
  modelsColumn(4),
  tagsColumn(),
  {
    key: 'format',
    dropOrder: 2,
    label: 'Source',
    width: 'minmax(110px, 1fr)',
    firstDir: 'asc',
    sortValue: (t) => formatLabel(t.source.format),
    render: (t) => (
      <span className="td-namecell" title={`${formatLabel(t.source.format)}\n${t.source.file}`}>
        <span className="td-ellipsis">{formatLabel(t.source.format)}</span>
        <span className="td-ellipsis td-faint td-small">{t.source.file}</span>
      </span>
    ),
  },
]
