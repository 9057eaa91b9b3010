/** The trace header: id, status, latency, retries, steps, tokens, cost (seeds/003's header panel). */
import { useMemo, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { traceStatusLabel } from '../../../../shared/replay'
import { describeStatus } from '../../../../shared/status'
import { knownTokens, totalsNote, usageBreakdown } from '../../../../shared/usage'
import { Button } from '../../components/Button'
import { useCostHint } from '../../components/estimate-hint'
import { formatCost, formatCount, formatDuration, formatTokens } from '../../lib/format'
import type { ReplayStore } from '../../stores/replay-store'

const TONE = { ok: 'ok', warning: 'warning', error: 'error' } as const

/** `actions`: extra buttons the pane's owner puts before Summary (e.g. "Compare with…"). */
export function TraceHeader({ store, actions }: { store: ReplayStore; actions?: ReactNode }) {
  const detail = useStore(store, (s) => s.detail)
  const cols = useStore(store, (s) => s.cols)
  // How the totals were formed (leaf spans only), said where they are shown.
  const note = useMemo(
    () => (cols ? totalsNote(usageBreakdown(cols), (usd) => formatCost(usd)) : ''),
    [cols],
  )
  const tr = detail?.trace
  const cost = useCostHint(
    tr?.cost ?? 0,
    !!tr?.costEstimated,
    (tr?.inputTokens ?? 0) + (tr?.outputTokens ?? 0),
  )
  if (!detail) return null
  const t = detail.trace
  const status = traceStatusLabel(t.status)
  const stats: [string, string, string?][] = [
    ['Latency', formatDuration(t.duration)],
    ['Steps', formatCount(t.spanCount)],
    ['Retries', formatCount(t.retryCount)],
    ['Errors', formatCount(t.errorCount)],
    [
      'Tokens',
      formatTokens(knownTokens(t.inputTokens + t.outputTokens)),
      `${formatTokens(t.inputTokens)} in · ${formatTokens(t.outputTokens)} out. ${note}`,
    ],
    [
      'Cost',
      cost.unknown ? '–' : formatCost(t.cost, t.costEstimated),
      note ? `${cost.hint}. ${note}` : cost.hint,
    ],
  ]
  return (
    <header className="td-rhead">
      <div className="td-rhead__title">
        <h1 className="td-rhead__name td-ellipsis" title={t.name}>
          {t.name}
        </h1>
        <div className="td-rhead__ids">
          <span
            className={`td-rhead__status td-rhead__status--${TONE[t.status]}`}
            data-testid="trace-status"
            title={describeStatus(t.status).hint}
          >
            {status}
          </span>
          <code className="td-rhead__id" title="Trace id">
            {t.id}
          </code>
          {t.models.length > 0 && (
            <span className="td-rhead__models td-ellipsis">{t.models.join(' · ')}</span>
          )}
        </div>
      </div>
      <dl className="td-rhead__stats">
        {stats.map(([label, value, title]) => (
          <div key={label} className="td-rhead__stat" title={title}>
            <dt>{label}</dt>
            <dd
              className={
                label === 'Errors' && t.errorCount
                  ? 'td-rhead__bad'
                  : label === 'Retries' && t.retryCount
                    ? 'td-rhead__warn'
                    : ''
              }
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="td-rhead__actions">
        {actions}
        <Button
          size="sm"
          variant="secondary"
          onClick={() => store.getState().openReport()}
          title="Summary report (R)"
        >
          Summary
        </Button>
      </div>
    </header>
  )
}
