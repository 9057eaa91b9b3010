import type { Json } from '../../../shared/model'
import { scoresOf, scoreText, type Score } from '../../../shared/scores'
import './score-list.css'

/**
 * The scores and feedback a trace or span carries (Langfuse scores, LangSmith feedback,
 * Phoenix annotations, OpenInference evaluations): one chip per score, name and value, the
 * comment and source in the tooltip. Renders nothing when there are none.
 */
export function ScoreList({
  attributes,
  label,
}: {
  attributes: Record<string, Json> | undefined
  label: string
}) {
  const scores = scoresOf(attributes)
  if (!scores.length) return null
  return (
    <ul className="td-scores" aria-label={label}>
      {scores.map((s, i) => (
        <li key={`${s.name}-${i}`} className="td-score" title={tooltip(s)}>
          <span className="td-score__name">{s.name}</span>
          <span className="td-score__value td-num">{scoreText(s)}</span>
        </li>
      ))}
    </ul>
  )
}

function tooltip(s: Score): string {
  const parts = [`${s.name}: ${scoreText(s)}`]
  if (s.count !== undefined) parts.push(`average of ${s.count}`)
  if (s.source) parts.push(`source: ${s.source}`)
  if (s.comment) parts.push(s.comment)
  return parts.join('\n')
}
