/**
 * The session's traces in order of start, each expandable to its spans inline: every span shows
 * a one-line preview of its input and output, and opens to the full step detail (input, output,
 * error, attributes) when clicked.
 */
import { useState } from 'react'
import type { SpanTable, TraceSummary } from '../../../../shared/api'
import { SPAN_KINDS } from '../../../../shared/model'
import { KindBadge, StatusBadge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { formatCount, formatDuration, formatTime, formatTokens } from '../../lib/format'
import { useSessions } from '../../stores/session-store'
import { SpanDetail, useSpan } from '../detail'
import { CostCell } from '../library/usage-columns'
import { payloadPreview } from './preview'

const STATUS = ['ok', 'error', 'retry'] as const
const FIRST_SPANS = 100

function SpanPreview({ traceId, index }: { traceId: string; index: number }) {
  const { span, error } = useSpan(traceId, index)
  if (error) return <span className="td-span__io td-faint">could not load: {error}</span>
  if (!span) return <span className="td-span__io td-faint">…</span>
  const input = payloadPreview(span.input)
  const output = span.error ? `✗ ${span.error.message}` : payloadPreview(span.output)
  if (!input && !output)
    return <span className="td-span__io td-faint">no input or output recorded</span>
  return (
    <span className="td-span__io">
      <span className="td-span__in" title={input}>
        {input || '–'}
      </span>
      <span className="td-faint" aria-hidden>
        →
      </span>
      <span className={`td-span__out${span.error ? ' is-error' : ''}`} title={output}>
        {output || '–'}
      </span>
    </span>
  )
}

function SpanList({
  traceId,
  traceStart,
  table,
}: {
  traceId: string
  /** The trace's start (µs since the epoch): SpanDetail shows span starts relative to it. */
  traceStart: number
  table: SpanTable
}) {
  const [open, setOpen] = useState<number | null>(null)
  const [all, setAll] = useState(false)
  const count = all ? table.count : Math.min(table.count, FIRST_SPANS)
  const rows = Array.from({ length: count }, (_, i) => i)
  return (
    <ol className="td-spans" aria-label="Spans">
      {rows.map((i) => {
        const status = STATUS[table.status[i]] ?? 'ok'
        const tokens = (table.inputTokens[i] ?? 0) + (table.outputTokens[i] ?? 0)
        const isOpen = open === i
        return (
          <li key={i} className={`td-span${isOpen ? ' is-open' : ''}`}>
            <button
              type="button"
              className={`td-span__row${status !== 'ok' ? ' is-error' : ''}`}
              aria-expanded={isOpen}
              onClick={() => setOpen(isOpen ? null : i)}
            >
              <span
                className="td-span__what"
                style={{ paddingLeft: Math.min(table.depth[i], 10) * 14 }}
              >
                <span className={`td-caret${isOpen ? ' is-open' : ''}`} aria-hidden>
                  ▸
                </span>
                <KindBadge kind={SPAN_KINDS[table.kind[i]] ?? 'span'} />
                <span className="td-span__name td-ellipsis" title={table.names[table.name[i]]}>
                  {table.names[table.name[i]]}
                </span>
              </span>
              <SpanPreview traceId={traceId} index={i} />
              <span className="td-span__status">
                {status !== 'ok' && <StatusBadge status={status} />}
              </span>
              <span className="td-num td-faint td-span__tok">
                {tokens ? `${formatTokens(tokens)} tok` : ''}
              </span>
              <span className="td-num td-span__dur">{formatDuration(table.duration[i])}</span>
            </button>
            {isOpen && (
              <div className="td-span__detail">
                <SpanDetail traceId={traceId} index={i} traceStart={traceStart} />
              </div>
            )}
          </li>
        )
      })}
      {table.count > count && (
        <li className="td-spans__more">
          <Button size="sm" onClick={() => setAll(true)}>
            Show all {formatCount(table.count)} spans
          </Button>
        </li>
      )}
    </ol>
  )
}

export function SessionTraces({
  traces,
  onOpen,
}: {
  traces: TraceSummary[]
  onOpen(trace: TraceSummary): void
}) {
  const { expanded, spanTables, toggleTrace } = useSessions()
  return (
    <ol className="td-straces" aria-label="Traces in this session">
      {traces.map((t, i) => {
        const isOpen = expanded.has(t.id)
        const table = spanTables[t.id]
        return (
          <li
            key={t.id}
            className={`td-strace${isOpen ? ' is-open' : ''}${t.status === 'error' ? ' is-error' : ''}`}
          >
            <div className="td-strace__head">
              <button
                type="button"
                className="td-strace__toggle"
                aria-expanded={isOpen}
                onClick={() => toggleTrace(t.id)}
              >
                <span className={`td-caret${isOpen ? ' is-open' : ''}`} aria-hidden>
                  ▸
                </span>
                <span className="td-strace__num">#{i + 1}</span>
                <span className="td-ellipsis td-strong">{t.name}</span>
                <span className="td-num td-muted">{formatTime(t.start, false)}</span>
                <span className="td-strace__status">
                  <StatusBadge status={t.status} />
                </span>
                <span className="td-num td-muted">{t.spanCount} spans</span>
                <span className="td-num td-muted">
                  {formatTokens(t.inputTokens + t.outputTokens)} tok
                </span>
                <CostCell
                  cost={t.cost}
                  estimated={t.costEstimated}
                  tokens={t.inputTokens + t.outputTokens}
                />
                <span className="td-num">{formatDuration(t.duration)}</span>
              </button>
              <Button size="sm" variant="ghost" icon="chevronRight" onClick={() => onOpen(t)}>
                Replay
              </Button>
            </div>
            {isOpen &&
              (!table ? (
                <div className="td-faint td-strace__loading">Loading spans…</div>
              ) : 'error' in table ? (
                <div className="td-strace__loading td-errcount" role="alert">
                  {table.error}
                </div>
              ) : (
                <SpanList traceId={t.id} traceStart={t.start} table={table} />
              ))}
          </li>
        )
      })}
    </ol>
  )
}
