/**
 * The summary report shown at the end of a replay (seeds/003's final table): prompt, model,
 * project/environment, latency, tokens, cost, retries, steps, status and the final response.
 * Prompt and response come from spans chosen by shared logic and are shown as plain text.
 */
import { useEffect, useState, type ReactNode } from 'react'
import { useStore } from 'zustand'
import {
  promptText,
  reportSources,
  responseText,
  traceStatusLabel,
  type ReplayColumns,
} from '../../../../shared/replay'
import type { Span } from '../../../../shared/model'
import { Button } from '../../components/Button'
import { useCostHint } from '../../components/estimate-hint'
import { knownTokens } from '../../../../shared/usage'
import { formatCost, formatCount, formatDuration, formatTokens } from '../../lib/format'
import { loadSpan } from '../detail'
import { Markdown } from '../detail/Markdown'
import { usePrefs } from '../../stores/prefs-store'
import type { ReplayStore } from '../../stores/replay-store'

const CLIP = 1200

export function SummaryReport({ store }: { store: ReplayStore }) {
  const detail = useStore(store, (s) => s.detail)
  const cols = useStore(store, (s) => s.cols)
  const current = useStore(store, (s) => s.current)
  const markdown = usePrefs((p) => p.renderMarkdown)
  const { prompt, response, error } = useReportTexts(detail?.trace.id ?? null, cols)
  const [full, setFull] = useState(false)
  const tr = detail?.trace
  const cost = useCostHint(
    tr?.cost ?? 0,
    !!tr?.costEstimated,
    (tr?.inputTokens ?? 0) + (tr?.outputTokens ?? 0),
  )
  if (!detail || !cols) return null
  const t = detail.trace
  const status = traceStatusLabel(t.status)
  const rows: [string, ReactNode][] = [
    ['Trace ID', <code key="id">{t.id}</code>],
    [
      'Prompt',
      <span key="p" className="td-report__text">
        {prompt ?? '…'}
      </span>,
    ],
    ['Model', t.models.join(', ') || '–'],
    ['Project / Environment', [t.project ?? '–', t.environment ?? '–'].join(' / ')],
    ['Latency', formatDuration(t.duration)],
    [
      'Tokens',
      knownTokens(t.inputTokens + t.outputTokens) === null
        ? '–'
        : `${formatTokens(t.inputTokens + t.outputTokens)} (${formatTokens(t.inputTokens)} in · ${formatTokens(t.outputTokens)} out)`,
    ],
    [
      'Cost',
      <span key="c" title={cost.hint}>
        {cost.unknown ? '–' : formatCost(t.cost, t.costEstimated)}
      </span>,
    ],
    ['Retries', String(t.retryCount)],
    ['Steps', formatCount(t.spanCount)],
    [
      'Status',
      <span key="s" className={`td-rhead__status td-rhead__status--${t.status}`}>
        {status}
      </span>,
    ],
  ]
  const shown =
    response && !full && response.length > CLIP ? `${response.slice(0, CLIP)}…` : response
  return (
    <div className="td-report" role="dialog" aria-label="Replay summary" aria-modal="false">
      <div className="td-report__card">
        <header className="td-report__head">
          {/* "Complete" only when the replay stands on its last step (played or stepped there). */}
          <h2>
            {current >= cols.count - 1
              ? 'Replay complete'
              : `Trace summary · at step ${formatCount(current + 1)} of ${formatCount(cols.count)}`}
          </h2>
          <span className={`td-rhead__status td-rhead__status--${t.status}`}>{status}</span>
        </header>
        <dl className="td-report__grid">
          {rows.map(([k, v]) => (
            <div key={k} className="td-report__row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <section className="td-report__response" aria-label="Final response">
          <h3>Final response</h3>
          {error && <p className="td-report__error">{error}</p>}
          {shown && markdown && shown !== '–' ? (
            <Markdown source={shown} className="td-report__md" />
          ) : (
            <pre className="td-report__pre">{shown ?? 'Loading…'}</pre>
          )}
          {response && response.length > CLIP && (
            <Button size="sm" variant="ghost" onClick={() => setFull(!full)}>
              {full ? 'Show less' : `Show all (${formatCount(response.length)} characters)`}
            </Button>
          )}
        </section>
        <footer className="td-report__foot">
          <Button size="sm" onClick={() => store.getState().play()}>
            Replay again
          </Button>
          <Button
            autoFocus
            size="sm"
            variant="primary"
            onClick={() => store.getState().dismissReport()}
          >
            Close
          </Button>
        </footer>
      </div>
    </div>
  )
}

/** Loads the spans that hold the prompt and the final response; first non-empty text wins. */
function useReportTexts(traceId: string | null, cols: ReplayColumns | null) {
  const [texts, setTexts] = useState<{
    prompt: string | null
    response: string | null
    error: string | null
  }>({
    prompt: null,
    response: null,
    error: null,
  })
  useEffect(() => {
    if (!traceId || !cols) return
    let live = true
    const sources = reportSources(cols)
    const firstText = async (indices: number[], pick: (s: Span) => string): Promise<string> => {
      for (const i of indices) {
        const text = pick(await loadSpan(traceId, i)).trim()
        if (text) return text
      }
      return '–'
    }
    Promise.all([
      firstText(sources.prompt, (s) => promptText(s.input)),
      firstText(sources.response, (s) => responseText(s.output)),
    ]).then(
      ([prompt, response]) => live && setTexts({ prompt, response, error: null }),
      (error: Error) =>
        live &&
        setTexts({
          prompt: '–',
          response: '–',
          error: `Could not load the spans: ${error.message}`,
        }),
    )
    return () => {
      live = false
    }
  }, [traceId, cols])
  return texts
}
