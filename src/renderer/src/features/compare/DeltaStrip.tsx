/**
 * Deltas of B against A as a row of figures: duration, input and output tokens, cost — each as
 * "A → B" with a direction marker (▲ more, ▼ less, = same) and the change in percent. More time,
 * tokens or money is marked as a warning, less as good; colour is never the only cue.
 */
import type { Delta, Deltas } from '../../../../shared/compare/deltas'
import { formatCost, formatDuration, formatTokens } from '../../lib/format'

const METRICS: { key: keyof Deltas; label: string; format: (v: number | null) => string }[] = [
  {
    key: 'durationMs',
    label: 'Duration',
    format: (v) => formatDuration(v === null ? null : v * 1000),
  },
  { key: 'inputTokens', label: 'Input tokens', format: formatTokens },
  { key: 'outputTokens', label: 'Output tokens', format: formatTokens },
  { key: 'cost', label: 'Cost', format: formatCost },
]

function change(
  d: Delta,
  format: (v: number | null) => string,
): { marker: string; text: string; tone: string } {
  if (d.direction === 'none') return { marker: '', text: '', tone: 'none' }
  if (d.direction === 'same') return { marker: '=', text: 'same', tone: 'same' }
  const sign = d.direction === 'up' ? '+' : '−'
  const amount = `${sign}${format(Math.abs(d.diff ?? 0))}`
  const pct =
    d.pct === null
      ? 'new'
      : `${sign}${Math.abs(d.pct) < 10 ? Math.abs(d.pct).toFixed(1) : Math.round(Math.abs(d.pct))}%`
  return { marker: d.direction === 'up' ? '▲' : '▼', text: `${amount} (${pct})`, tone: d.direction }
}

export function DeltaStrip({
  label,
  deltas,
  testId,
}: {
  label: string
  deltas: Deltas
  testId?: string
}) {
  return (
    <div className="td-deltas" role="group" aria-label={label} data-testid={testId}>
      <span className="td-deltas__label">{label}</span>
      {METRICS.map(({ key, label: name, format }) => {
        const d = deltas[key]
        const c = change(d, format)
        const directionWord =
          d.direction === 'up' ? 'up' : d.direction === 'down' ? 'down' : d.direction
        return (
          <span
            key={key}
            className="td-delta"
            aria-label={`${name}: ${format(d.a)} to ${format(d.b)}, ${directionWord} ${c.text}`.trim()}
          >
            <span className="td-delta__name">{name}</span>
            <span className="td-delta__values">
              {d.a === null && d.b === null ? (
                format(null)
              ) : (
                <>
                  {format(d.a)} <span aria-hidden>→</span> {format(d.b)}
                </>
              )}
            </span>
            {c.tone !== 'none' && (
              <span
                className={`td-delta__change td-delta__change--${c.tone}`}
                data-direction={d.direction}
              >
                <span aria-hidden>{c.marker}</span> {c.text}
              </span>
            )}
          </span>
        )
      })}
    </div>
  )
}
