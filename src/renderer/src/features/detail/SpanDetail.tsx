import type { Span } from '../../../../shared/model'
import { KindBadge, StatusBadge } from '../../components/Badge'
import { EmptyState } from '../../components/EmptyState'
import { ScoreList } from '../../components/ScoreList'
import { useEstimateHint } from '../../components/estimate-hint'
import { formatCost, formatDuration, formatTime, formatTokens } from '../../lib/format'
import { PayloadPanel } from './PayloadPanel'
import { SpanExtras } from './SpanExtras'
import { isRelativeClock } from '../../../../shared/model'
import { timeToFirstTokenUs } from '../../../../shared/replay/first-token'
import { formatStartOffset, useTraceStart } from './trace-start'
import { useSpan } from './use-span'
import './detail.css'

/**
 * The step detail panel for one span: what it is, what went in, what came out, what failed.
 * Used by replay and compare. Fetches the span lazily; trace content is only ever text.
 * `traceStart` (µs since the epoch), when the caller has it, saves fetching it for "Started".
 */
export function SpanDetail({
  traceId,
  index,
  traceStart,
}: {
  traceId: string
  index: number
  traceStart?: number
}) {
  const { span, loading, error } = useSpan(traceId, index)
  const start = useTraceStart(traceId, traceStart)

  if (error) {
    return (
      <div className="td-detail td-detail--message" aria-label="Step detail">
        <EmptyState tone="error" icon="error" title="This span could not be loaded">
          {error}
        </EmptyState>
      </div>
    )
  }
  if (!span) {
    return (
      <div className="td-detail td-detail--message" aria-label="Step detail" aria-busy="true">
        <div className="td-skeleton" />
        <div className="td-skeleton td-skeleton--short" />
        <div className="td-skeleton td-skeleton--block" />
      </div>
    )
  }
  return (
    <article
      className={`td-detail ${loading ? 'td-detail--stale' : ''}`}
      aria-label="Step detail"
      aria-busy={loading}
      data-span-index={span.index}
    >
      <SpanHeader span={span} traceStart={start} />
      {span.error && <ErrorBlock error={span.error} />}
      {span.input || span.output ? (
        <div className="td-detail__io">
          <PayloadPanel key={`in-${traceId}-${span.index}`} title="Input" payload={span.input} />
          <PayloadPanel key={`out-${traceId}-${span.index}`} title="Output" payload={span.output} />
        </div>
      ) : (
        <p className="td-detail__noio">No input or output was recorded for this span.</p>
      )}
      <SpanExtras span={span} />
    </article>
  )
}

function SpanHeader({ span, traceStart }: { span: Span; traceStart: number | null }) {
  const estimateHint = useEstimateHint()
  const tokens = span.inputTokens != null || span.outputTokens != null
  const ttft = span.kind === 'llm' ? timeToFirstTokenUs(span) : null
  return (
    <header className="td-detail__head">
      <div className="td-detail__titleline">
        <KindBadge kind={span.kind} />
        <h2 className="td-detail__name" title={span.name}>
          {span.name}
        </h2>
        <StatusBadge status={span.status} />
      </div>
      <dl className="td-facts">
        <Fact label="Duration">{formatDuration(span.duration)}</Fact>
        <Fact label="Started">
          {traceStart == null ? (
            formatTime(span.start)
          ) : (
            <span
              className="td-detail__offset"
              title={
                isRelativeClock(span.start)
                  ? `${formatTime(span.start)} on the file's own clock; trace started ${formatTime(traceStart)}`
                  : `${formatTime(span.start)} (local time); trace started ${formatTime(traceStart)}`
              }
            >
              {formatStartOffset(span.start - traceStart)}
            </span>
          )}
        </Fact>
        {ttft !== null && (
          <Fact label="First token">
            <span title="Time to first token: from the span's start to the first streamed token, as the source recorded it">
              {formatDuration(ttft)}
            </span>
          </Fact>
        )}
        {tokens && (
          <Fact label="Tokens">
            <span title="input tokens">{formatTokens(span.inputTokens)}</span>
            <span className="td-faint"> in · </span>
            <span title="output tokens">{formatTokens(span.outputTokens)}</span>
            <span className="td-faint"> out</span>
          </Fact>
        )}
        {span.cost != null && (
          <Fact label="Cost">
            {formatCost(span.cost)}
            {span.costEstimated && (
              <abbr className="td-est" title={estimateHint}>
                est.
              </abbr>
            )}
          </Fact>
        )}
        {(span.model || span.provider) && (
          <Fact label="Model">
            {span.model ?? '–'}
            {span.provider && <span className="td-faint"> · {span.provider}</span>}
          </Fact>
        )}
        {span.service && <Fact label="Service">{span.service}</Fact>}
      </dl>
      <ScoreList attributes={span.attributes} label="Scores of this span" />
      {span.flags && span.flags.length > 0 && (
        <p className="td-flags">
          {span.flags.map((flag) => (
            <span key={flag} className="td-flag" title={FLAG_TEXT[flag] ?? flag}>
              {flag}
            </span>
          ))}
          <span className="td-faint">{span.flags.map((f) => FLAG_TEXT[f] ?? f).join(' ')}</span>
        </p>
      )}
    </header>
  )
}

const FLAG_TEXT: Record<string, string> = {
  orphan: 'Its parent is not in the file; shown at the top level.',
  'duplicate-id': 'Another span in the file had the same id.',
  'clock-skew': 'It lies outside its parent in time (kept as recorded).',
  'missing-end': 'The source has no end time; duration shown as 0.',
  unmatched: 'A begin or end record had no partner.',
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="td-fact">
      <dt>{label}</dt>
      <dd className="td-num">{children}</dd>
    </div>
  )
}

function ErrorBlock({ error }: { error: NonNullable<Span['error']> }) {
  return (
    <section className="td-error" aria-label="Error" role="group">
      <div className="td-error__head">
        <span className="td-error__type">{error.type ?? 'Error'}</span>
        <span className="td-error__message">{error.message}</span>
      </div>
      {error.stack && (
        <details className="td-error__stack">
          <summary>Stack trace</summary>
          <pre>{error.stack}</pre>
        </details>
      )}
    </section>
  )
}
