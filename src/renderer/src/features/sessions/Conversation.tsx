/**
 * The session read turn by turn: the user's message, the steps the application took, the
 * model's response, and each turn's time, duration, tokens and cost. Clicking a turn opens its
 * trace in replay. All trace text is rendered as text.
 */
import { useState } from 'react'
import type { SessionTurn } from '../../../../shared/api'
import { KindBadge, StatusBadge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { useCostHint } from '../../components/estimate-hint'
import { formatCost, formatCount, formatDuration, formatTime, formatTokens } from '../../lib/format'

export interface ConversationProps {
  turns: SessionTurn[]
  onOpenTurn(turn: SessionTurn, index: number, step?: number): void
}

const CLIP = 900

/** Message text, clipped with a toggle when long. */
function MessageText({ text }: { text: string }) {
  const [full, setFull] = useState(false)
  const long = text.length > CLIP
  return (
    <>
      <div className="td-cmsg__text">{long && !full ? text.slice(0, CLIP) + '…' : text}</div>
      {long && (
        <button type="button" className="td-textbtn" onClick={() => setFull(!full)}>
          {full ? 'Show less' : `Show all ${formatCount(text.length)} characters`}
        </button>
      )}
    </>
  )
}

const KIND_WORDS: Record<string, [string, string]> = {
  llm: ['LLM call', 'LLM calls'],
  tool: ['tool call', 'tool calls'],
  retriever: ['retrieval', 'retrievals'],
  embedding: ['embedding', 'embeddings'],
  agent: ['agent', 'agents'],
  handoff: ['handoff', 'handoffs'],
  guardrail: ['guardrail', 'guardrails'],
}

/** "2 LLM calls, 1 tool call, 1 retrieval": the notable kinds among a turn's steps. */
export function stepSummary(turn: SessionTurn): string[] {
  const counts = new Map<string, number>()
  for (const s of turn.steps)
    if (KIND_WORDS[s.kind]) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1)
  return [...counts].map(([kind, n]) => `${n} ${KIND_WORDS[kind][n === 1 ? 0 : 1]}`)
}

function Steps({ turn, onOpen }: { turn: SessionTurn; onOpen(step: number): void }) {
  const [open, setOpen] = useState(false)
  const total = turn.steps.length + turn.moreSteps
  if (!total) return null
  const failed = turn.steps.filter((s) => s.status !== 'ok').length
  const parts = stepSummary(turn)
  return (
    <div className="td-steps">
      <button
        type="button"
        className="td-steps__toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span className={`td-caret${open ? ' is-open' : ''}`} aria-hidden>
          ▸
        </span>
        {total} step{total > 1 ? 's' : ''} in between
        {parts.length > 0 && <span className="td-faint"> · {parts.join(', ')}</span>}
        {failed > 0 && <span className="td-errcount"> · {failed} failed</span>}
      </button>
      {open && (
        <ol className="td-steps__list">
          {turn.steps.map((s) => (
            <li key={s.index}>
              <button
                type="button"
                className={`td-step${s.status !== 'ok' ? ' is-error' : ''}`}
                title="Open this step in replay"
                onClick={() => onOpen(s.index)}
              >
                <KindBadge kind={s.kind} />
                <span className="td-ellipsis">{s.name}</span>
                {s.model && <span className="td-faint td-mono-sm">{s.model}</span>}
                {s.status !== 'ok' && <StatusBadge status={s.status} />}
                <span className="td-num td-faint td-step__dur">
                  {formatDuration(s.durationMs * 1000)}
                </span>
              </button>
            </li>
          ))}
          {turn.moreSteps > 0 && (
            <li className="td-faint">…and {turn.moreSteps} more (open the turn to see them all)</li>
          )}
        </ol>
      )}
    </div>
  )
}

/** A turn's cost: "~$" when estimated, "–" when none is known (shared/usage.ts). */
function TurnCost({ turn: t }: { turn: SessionTurn }) {
  const { unknown, hint } = useCostHint(t.cost, t.costEstimated, t.inputTokens + t.outputTokens)
  return (
    <span title={hint}>
      {unknown ? '–' : formatCost(t.cost, t.costEstimated)}
    </span>
  )
}

export function Conversation({ turns, onOpenTurn }: ConversationProps) {
  return (
    <ol className="td-convo" aria-label="Conversation">
      {turns.map((t, i) => (
        <li
          key={t.traceId}
          className={`td-turn${t.status === 'error' ? ' is-error' : ''}`}
          data-turn={i + 1}
          onClick={(e) => {
            // A click on the turn opens it, unless it was on a control or ended a text selection.
            if ((e.target as HTMLElement).closest('button, a, input')) return
            if (window.getSelection()?.toString()) return
            onOpenTurn(t, i)
          }}
        >
          <div className="td-turn__head">
            <span className="td-turn__num">Turn {i + 1}</span>
            <span className="td-turn__meta td-num">
              <span title="Started">{formatTime(t.start, false)}</span>
              <span title="Duration">{formatDuration(t.durationMs * 1000)}</span>
              <span
                title={`${formatCount(t.inputTokens)} input → ${formatCount(t.outputTokens)} output tokens`}
              >
                {formatTokens(t.inputTokens)} → {formatTokens(t.outputTokens)} tok
              </span>
              <TurnCost turn={t} />
              {t.model && <span className="td-mono-sm">{t.model}</span>}
            </span>
            {t.status !== 'ok' && <StatusBadge status={t.status} />}
            <Button
              size="sm"
              variant="ghost"
              icon="chevronRight"
              className="td-turn__open"
              onClick={() => onOpenTurn(t, i)}
            >
              Open in replay
            </Button>
          </div>
          <div className="td-cmsg td-cmsg--user">
            <div className="td-cmsg__role">User</div>
            {t.userInput ? (
              <MessageText text={t.userInput} />
            ) : (
              <div className="td-faint">No user message recorded in this turn.</div>
            )}
          </div>
          <Steps turn={t} onOpen={(step) => onOpenTurn(t, i, step)} />
          <div className="td-cmsg td-cmsg--assistant">
            <div className="td-cmsg__role">Assistant</div>
            {t.response ? (
              <MessageText text={t.response} />
            ) : (
              <div className={t.error ? 'td-cmsg__error' : 'td-faint'}>
                {t.error
                  ? `No response: ${t.error}`
                  : t.status === 'error'
                    ? 'No response: the turn failed.'
                    : 'No response text recorded.'}
              </div>
            )}
          </div>
        </li>
      ))}
    </ol>
  )
}
