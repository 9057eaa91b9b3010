/**
 * The top of a shared replay page: what this file is (a read-only replay exported from
 * tracedeck), the exporter's note, and everything the export left out (redaction, a step range,
 * payloads cut over the size limit), so the receiver never mistakes a cut for the whole story.
 */
import type { ShareHead } from '../../../shared/share-format'
import { formatBytes, formatCount } from '../lib/format'

const REDACTION_NOTICE = {
  none: null,
  payloads:
    'The exporter removed every input, output and attribute: structure, timings and errors remain.',
  'llm-messages':
    'The exporter kept only the chat messages of LLM calls: other inputs, outputs and attributes were removed.',
} as const

const LISTED_CUTS = 20

export function ShareBanner({ head }: { head: ShareHead }) {
  const exported = new Date(head.exportedAt)
  const when = Number.isNaN(exported.getTime())
    ? head.exportedAt
    : exported.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
  const names = head.traces.map((t) => t.detail.trace.name)
  const range = head.traces[0].range
  const redaction = REDACTION_NOTICE[head.redaction] ?? null
  return (
    <header className="td-share" data-testid="share-banner">
      <div className="td-share__line">
        <span className="td-share__brand" aria-hidden>
          <svg viewBox="0 0 20 20" width="18" height="18">
            <rect x="1" y="2" width="18" height="16" rx="4" fill="var(--accent)" />
            <rect x="4" y="6" width="8" height="2" rx="1" fill="#fff" />
            <rect x="7" y="9" width="9" height="2" rx="1" fill="#fff" />
            <rect x="10" y="12" width="5" height="2" rx="1" fill="#fff" />
          </svg>
        </span>
        <strong className="td-share__title td-ellipsis" title={names.join(' vs ')}>
          {head.kind === 'compare' ? 'Shared comparison' : 'Shared replay'}
        </strong>
        <span className="td-share__meta">
          Exported {when} from tracedeck {head.appVersion} · read-only
        </span>
      </div>
      {head.note && (
        <p className="td-share__note" data-testid="share-note">
          {head.note}
        </p>
      )}
      {(redaction || range || head.cut.length > 0) && (
        <ul className="td-share__notices" aria-label="What this file leaves out">
          {redaction && <li data-testid="share-redaction">{redaction}</li>}
          {range && (
            <li data-testid="share-range">
              This file holds steps {formatCount(range.from + 1)}–{formatCount(range.to + 1)} of{' '}
              {formatCount(range.total)}
              {range.ancestors > 0
                ? ` (and ${range.ancestors} enclosing step${range.ancestors === 1 ? '' : 's'})`
                : ''}
              ; step numbers below count within the file. Trace totals are the whole trace’s.
            </li>
          )}
          {head.cut.length > 0 && (
            <li data-testid="share-cut">
              <details>
                <summary>
                  {formatCount(head.cut.length)} payload{head.cut.length === 1 ? ' was' : 's were'}{' '}
                  over {formatBytes(head.payloadLimit)} and {head.cut.length === 1 ? 'was' : 'were'}{' '}
                  cut; each says so where it starts.
                </summary>
                <ul>
                  {head.cut.slice(0, LISTED_CUTS).map((c) => (
                    <li key={`${c.traceId}:${c.step}:${c.side}`}>
                      {head.kind === 'compare'
                        ? `${c.traceId === head.traces[0].detail.trace.id ? 'A' : 'B'} `
                        : ''}
                      step {formatCount(c.step + 1)} “{c.spanName}” {c.side} ({formatBytes(c.chars)}
                      )
                    </li>
                  ))}
                  {head.cut.length > LISTED_CUTS && (
                    <li>… and {head.cut.length - LISTED_CUTS} more</li>
                  )}
                </ul>
              </details>
            </li>
          )}
        </ul>
      )}
    </header>
  )
}
