import type { Json, Span } from '../../../../shared/model'
import { SCORES_ATTRIBUTE } from '../../../../shared/scores'
import { KeyValueTable } from '../../components/KeyValueTable'
import { formatCount, formatDuration, plural } from '../../lib/format'
import { clip, valueText } from './payload-text'

const VALUE_LIMIT = 2000

/** Attributes and events of a span, as tables of text. */
export function SpanExtras({ span }: { span: Span }) {
  // Scores are shown as chips in the header (ScoreList), not again as a JSON attribute.
  const attributes = Object.entries(span.attributes ?? {})
    .filter(([key]) => key !== SCORES_ATTRIBUTE)
    .sort(([a], [b]) => a.localeCompare(b))
  return (
    <>
      <details className="td-section" open={attributes.length > 0 && attributes.length <= 40}>
        <summary>
          Attributes <span className="td-section__count">{attributes.length}</span>
        </summary>
        {attributes.length ? (
          <KeyValueTable
            label="Attributes"
            rows={attributes.map(([key, value]) => ({ key, value: show(value) }))}
          />
        ) : (
          <p className="td-section__none">No attributes.</p>
        )}
      </details>
      <details className="td-section" open={span.events.length > 0 && span.events.length <= 20}>
        <summary>
          Events <span className="td-section__count">{span.events.length}</span>
        </summary>
        {span.events.length ? (
          <table className="td-events" aria-label="Events">
            <thead>
              <tr>
                <th scope="col">At</th>
                <th scope="col">Name</th>
                <th scope="col">Attributes</th>
              </tr>
            </thead>
            <tbody>
              {span.events.map((event, i) => (
                <tr key={i}>
                  <td className="td-num">+{formatDuration(event.time - span.start)}</td>
                  <td>{event.name}</td>
                  <td>
                    {event.attributes && Object.keys(event.attributes).length
                      ? Object.entries(event.attributes).map(([k, v]) => (
                          <div key={k}>
                            <span className="td-faint">{k}: </span>
                            {show(v)}
                          </div>
                        ))
                      : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="td-section__none">No events.</p>
        )}
      </details>
      {span.parentId && (
        <p className="td-ids td-faint">
          span {span.id} · parent {span.parentId} · {plural(span.depth, 'level')} deep
        </p>
      )}
      {!span.parentId && <p className="td-ids td-faint">span {span.id} · top level</p>}
    </>
  )
}

function show(value: Json): string {
  const text = valueText(value)
  const clipped = clip(text, VALUE_LIMIT)
  return clipped.clipped
    ? `${clipped.text}… (${formatCount(clipped.total)} characters)`
    : clipped.text
}
