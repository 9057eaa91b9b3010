import { Fragment, type ReactNode } from 'react'
import './key-value-table.css'

export interface KeyValueRow {
  key: string
  value: ReactNode
}

/** Dotted keys ("gen_ai.usage.input_tokens") may break after a dot when they must wrap. */
function keyText(key: string): ReactNode {
  const parts = key.split('.')
  if (parts.length === 1) return key
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && (
        <>
          .<wbr />
        </>
      )}
      {part}
    </Fragment>
  ))
}

/**
 * A two-column table of names and values (attributes, metadata). Values are React nodes. Keys
 * take their natural width (at most 40%), values the rest.
 */
export function KeyValueTable({
  rows,
  label,
  keyHeader = 'Name',
  valueHeader = 'Value',
}: {
  rows: KeyValueRow[]
  label: string
  keyHeader?: string
  valueHeader?: string
}) {
  return (
    <div className="td-kv-wrap">
      <table className="td-kv" aria-label={label}>
        <thead className="td-visually-hidden">
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={`${row.key}\u0000${i}`}>
              <th scope="row" className="td-kv__key">
                <span className="td-kv__keytext">{keyText(row.key)}</span>
              </th>
              <td className="td-kv__value">{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
