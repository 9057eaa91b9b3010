/**
 * One session: its aggregate metrics, the input tokens per turn (with the context limit), and
 * the session read either as a conversation (turn by turn) or as its traces with their spans.
 * Clicking a turn opens that trace in replay.
 */
import { useEffect, type ReactNode } from 'react'
import type { SessionDetail, SessionTurn } from '../../../../shared/api'
import { StatusBadge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { useCostHint } from '../../components/estimate-hint'
import { Tabs } from '../../components/Tabs'
import { formatCost, formatCount, formatDuration, formatTime, formatTokens } from '../../lib/format'
import { useNav } from '../../stores/nav-store'
import { startSessionTracking, useSessions, type SessionTab } from '../../stores/session-store'
import { Conversation } from './Conversation'
import { SessionTraces } from './SessionTraces'
import { isoToMicros } from './session-columns'
import { TokenChart } from './TokenChart'
import '../library/library.css'
import './sessions.css'

function Metric({
  label,
  value,
  hint,
  wide,
}: {
  label: string
  value: ReactNode
  hint?: string
  wide?: boolean
}) {
  return (
    <div className={`td-metric${wide ? ' td-metric--wide' : ''}`} title={hint}>
      <div className="td-metric__label">{label}</div>
      <div className="td-metric__value td-num">{value}</div>
    </div>
  )
}

/** The local calendar day of an ISO time. */
function day(iso: string): string {
  return formatTime(isoToMicros(iso), false).slice(0, 10)
}

/** "14:00:00 → 14:06:19", with the end's date when the session crosses midnight. */
function timeRange(startIso: string, endIso: string): string {
  const start = formatTime(isoToMicros(startIso), false)
  const end = formatTime(isoToMicros(endIso), false)
  return `${start.slice(11)} → ${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`
}

function Metrics({ detail }: { detail: SessionDetail }) {
  const s = detail.session
  const cost = useCostHint(
    s.cost,
    s.costEstimated,
    s.totalTokens,
    'Partly estimated from the price table',
  )
  return (
    <div className="td-metrics" aria-label="Session metrics">
      <Metric
        label="Traces"
        value={formatCount(s.traceCount)}
        hint="Turns (traces) in the session"
      />
      <Metric label="Spans" value={formatCount(s.spanCount)} />
      <Metric
        label="Total tokens"
        value={formatTokens(s.totalTokens)}
        hint={`${formatCount(s.inputTokens)} input + ${formatCount(s.outputTokens)} output`}
      />
      <Metric
        label="Cost"
        value={
          cost.unknown ? (
            '–'
          ) : (
            formatCost(s.cost, s.costEstimated)
          )
        }
        hint={cost.hint}
      />
      <Metric
        label="Duration"
        value={formatDuration(s.durationMs * 1000)}
        hint="First trace start to last trace end"
      />
      <Metric
        wide
        label={`Time · ${day(s.startTime)}`}
        value={timeRange(s.startTime, s.endTime)}
        hint={`${s.startTime} → ${s.endTime} (UTC)`}
      />
      <Metric
        label="Models"
        value={s.models.join(', ') || '–'}
        hint={s.models.join(', ') || undefined}
      />
    </div>
  )
}

export function SessionView({ sessionId }: { sessionId: string }) {
  const { detail, detailError, detailId, tab, setTab, openSession } = useSessions()
  const nav = useNav()

  useEffect(() => {
    startSessionTracking()
    void openSession(sessionId)
  }, [sessionId, openSession])

  const openTurn = (turn: SessionTurn, _index: number, step?: number) =>
    nav.go({ name: 'trace', traceId: turn.traceId, ...(step === undefined ? {} : { step }) })
  const back = () => (nav.history.length ? nav.back() : nav.go({ name: 'sessions' }))
  const current = detailId === sessionId ? detail : null

  return (
    <section className="td-page td-session" aria-label={`Session ${sessionId}`}>
      <header className="td-page__header">
        <div className="td-page__title">
          <Button size="sm" variant="ghost" icon="back" onClick={back} aria-label="Back">
            Sessions
          </Button>
          <h1 className="td-session__id" title={sessionId}>
            {sessionId}
          </h1>
          {current && <StatusBadge status={current.session.status} />}
          {current && current.session.tags.length > 0 && (
            <span className="td-taglist">
              {current.session.tags.map((t) => (
                <span key={t} className="td-tag">
                  {t}
                </span>
              ))}
            </span>
          )}
        </div>
      </header>
      {detailError ? (
        <EmptyState
          tone="error"
          icon="error"
          title="Could not open this session"
          actions={<Button onClick={back}>Back</Button>}
        >
          {detailError}
        </EmptyState>
      ) : !current ? (
        <div className="td-session__loading" aria-busy="true">
          Loading session…
        </div>
      ) : (
        <div className="td-session__scroll">
          <Metrics detail={current} />
          <div className="td-session__chart">
            <TokenChart turns={current.turns} onOpenTurn={openTurn} />
          </div>
          <Tabs<SessionTab>
            label="Session view"
            className="td-session__tabs"
            tabs={[
              { key: 'conversation', label: 'Conversation', hint: current.turns.length },
              { key: 'traces', label: 'Traces & spans', hint: current.traces.length },
            ]}
            active={tab}
            onChange={setTab}
          >
            {tab === 'conversation' ? (
              <Conversation turns={current.turns} onOpenTurn={openTurn} />
            ) : (
              <SessionTraces
                traces={current.traces}
                onOpen={(t) => nav.go({ name: 'trace', traceId: t.id })}
              />
            )}
          </Tabs>
        </div>
      )}
    </section>
  )
}
