/** The library table's columns: what each shows and how it sorts. */
import type { TraceSummary } from '../../../../shared/api'
import { StatusBadge } from '../../components/Badge'
import { useCostHint } from '../../components/estimate-hint'
import { formatCost, formatDuration, formatTime, formatTokens } from '../../lib/format'
import type { LibrarySortKey } from '../../stores/library-store'
import { useNav } from '../../stores/nav-store'
import type { Column } from './DataTable'
import { formatLabel } from '../import/format-labels'

/**
 * Cost with an "est." mark when it was estimated from a price table rather than stated, and "–"
 * when none is known (`tokens` says whether there was LLM usage to price).
 */
export function CostCell({
  cost,
  estimated,
  tokens,
}: {
  cost: number
  estimated: boolean
  tokens: number
}) {
  const { unknown, hint } = useCostHint(cost, estimated, tokens)
  if (unknown) {
    return (
      <span className="td-num td-faint" title={hint}>
        –
      </span>
    )
  }
  return (
    <span className="td-num" title={hint}>
      {formatCost(cost)}
      {estimated && cost > 0 && <span className="td-estmark">est.</span>}
    </span>
  )
}

/** A compact list of tags (the first few, then "+n"). */
export function TagList({ tags }: { tags: string[] }) {
  if (!tags.length) return <span className="td-faint">–</span>
  const shown = tags.slice(0, 3)
  return (
    <span className="td-taglist" title={tags.join(', ')}>
      {shown.map((t) => (
        <span key={t} className="td-tag">
          {t}
        </span>
      ))}
      {tags.length > shown.length && (
        <span className="td-faint">+{tags.length - shown.length}</span>
      )}
    </span>
  )
}

/** Models as text, clipped by the cell (full list on hover). */
export function ModelList({ models }: { models: string[] }) {
  if (!models.length) return <span className="td-faint">–</span>
  return (
    <span className="td-ellipsis td-mono-sm" title={models.join(', ')}>
      {models.join(', ')}
    </span>
  )
}

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
        {t.sessionId && (
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
        {t.spanCount.toLocaleString('en-US')}
      </span>
    ),
  },
  {
    key: 'tokens',
    dropOrder: 5,
    label: 'Tokens',
    width: '84px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (t) => t.inputTokens + t.outputTokens,
    render: (t) => (
      <span
        className="td-num"
        title={`${t.inputTokens.toLocaleString('en-US')} in → ${t.outputTokens.toLocaleString('en-US')} out`}
      >
        {formatTokens(t.inputTokens + t.outputTokens)}
      </span>
    ),
  },
  {
    key: 'cost',
    label: 'Cost',
    width: '116px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (t) => t.cost,
    render: (t) => (
      <CostCell cost={t.cost} estimated={t.costEstimated} tokens={t.inputTokens + t.outputTokens} />
    ),
  },
  {
    key: 'models',
    dropOrder: 4,
    label: 'Models',
    width: 'minmax(110px, 1.2fr)',
    firstDir: 'asc',
    sortValue: (t) => t.models.join(', ') || null,
    render: (t) => <ModelList models={t.models} />,
  },
  {
    key: 'tags',
    dropOrder: 1,
    label: 'Tags',
    width: 'minmax(90px, 1fr)',
    firstDir: 'asc',
    sortValue: (t) => t.tags.join(', ') || null,
    render: (t) => <TagList tags={t.tags} />,
  },
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
