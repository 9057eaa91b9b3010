import type { ReactNode } from 'react'
import './key-value-table.css'

export interface KeyValueRow {
  key: string
  value: ReactNode
}

/** A two-column table of names and values (attributes, metadata). Values are React nodes. */
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
              {row.key}
            </th>
            <td className="td-kv__value">{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
