import { useState } from 'react'
import './json-tree.css'
import { formatCount } from '../lib/format'

type JsonLike = unknown

export interface JsonTreeProps {
  value: JsonLike
  /** Levels open at first (0 = only the root line). */
  expandDepth?: number
  /** Children shown per object/array before a "show more" button. */
  pageSize?: number
  /** Characters of a string shown before a "more" button. */
  stringLimit?: number
  label?: string
}

/**
 * A collapsible JSON viewer. Every value is rendered as React text (never HTML). Work is
 * proportional to what is open: closed nodes render nothing, big containers page their
 * children and long strings are clipped until asked.
 */
export function JsonTree({
  value,
  expandDepth = 2,
  pageSize = 100,
  stringLimit = 600,
  label = 'JSON',
}: JsonTreeProps) {
  return (
    <div className="td-json" role="group" aria-label={label}>
      <Node
        value={value}
        depth={0}
        expandDepth={expandDepth}
        pageSize={pageSize}
        stringLimit={stringLimit}
      />
    </div>
  )
}

interface NodeProps {
  name?: string | number
  value: JsonLike
  depth: number
  expandDepth: number
  pageSize: number
  stringLimit: number
  last?: boolean
}

function Node({ name, value, depth, expandDepth, pageSize, stringLimit, last = true }: NodeProps) {
  const isArray = Array.isArray(value)
  const isObject = value !== null && typeof value === 'object'
  const [open, setOpen] = useState(depth < expandDepth)
  const [shown, setShown] = useState(pageSize)
  const comma = last ? '' : ','
  const keyLabel =
    name === undefined ? null : typeof name === 'number' ? (
      <span className="td-json__index">{name}: </span>
    ) : (
      <span className="td-json__key">{JSON.stringify(name)}: </span>
    )

  if (!isObject) {
    return (
      <div className="td-json__line" style={{ paddingLeft: indent(depth) }}>
        {keyLabel}
        <Scalar value={value} limit={stringLimit} />
        {comma}
      </div>
    )
  }

  const entries: [string | number, JsonLike][] = isArray
    ? (value as JsonLike[]).map((v, i) => [i, v])
    : Object.entries(value as Record<string, JsonLike>)
  const [openBrace, closeBrace] = isArray ? ['[', ']'] : ['{', '}']
  const count = entries.length
  const summary = isArray
    ? `${count} ${count === 1 ? 'item' : 'items'}`
    : `${count} ${count === 1 ? 'key' : 'keys'}`

  if (count === 0) {
    return (
      <div className="td-json__line" style={{ paddingLeft: indent(depth) }}>
        {keyLabel}
        <span className="td-json__punct">
          {openBrace}
          {closeBrace}
        </span>
        {comma}
      </div>
    )
  }

  return (
    <>
      <div className="td-json__line td-json__line--branch" style={{ paddingLeft: indent(depth) }}>
        <button
          type="button"
          className="td-json__toggle"
          aria-expanded={open}
          aria-label={`${open ? 'Collapse' : 'Expand'} ${name === undefined ? 'root' : String(name)}`}
          onClick={() => setOpen(!open)}
        >
          <span className={`td-json__caret ${open ? 'td-json__caret--open' : ''}`} aria-hidden>
            ▸
          </span>
        </button>
        {keyLabel}
        <span className="td-json__punct">{openBrace}</span>
        {!open && (
          <>
            <button type="button" className="td-json__summary" onClick={() => setOpen(true)}>
              {summary}
            </button>
            <span className="td-json__punct">{closeBrace}</span>
            {comma}
          </>
        )}
      </div>
      {open && (
        <>
          {entries.slice(0, shown).map(([key, child], i) => (
            <Node
              key={key}
              name={key}
              value={child}
              depth={depth + 1}
              expandDepth={expandDepth}
              pageSize={pageSize}
              stringLimit={stringLimit}
              last={i === count - 1}
            />
          ))}
          {count > shown && (
            <div className="td-json__line" style={{ paddingLeft: indent(depth + 1) }}>
              <button
                type="button"
                className="td-json__more"
                onClick={() => setShown(shown + pageSize)}
              >
                Show {Math.min(pageSize, count - shown)} more ({count - shown} hidden)
              </button>
            </div>
          )}
          <div className="td-json__line" style={{ paddingLeft: indent(depth) }}>
            <span className="td-json__punct">{closeBrace}</span>
            {comma}
          </div>
        </>
      )}
    </>
  )
}

function Scalar({ value, limit }: { value: JsonLike; limit: number }) {
  const [full, setFull] = useState(false)
  if (typeof value === 'string') {
    const clipped = !full && value.length > limit
    return (
      <span className="td-json__string">
        {JSON.stringify(clipped ? value.slice(0, limit) : value)}
        {clipped && (
          <button type="button" className="td-json__more" onClick={() => setFull(true)}>
            … {formatCount(value.length - limit)} more characters
          </button>
        )}
      </span>
    )
  }
  if (typeof value === 'number') return <span className="td-json__number">{String(value)}</span>
  if (typeof value === 'boolean' || value === null)
    return <span className="td-json__literal">{String(value)}</span>
  if (value === undefined) return <span className="td-json__literal">undefined</span>
  return <span>{String(value)}</span>
}

function indent(depth: number): string {
  return `${depth * 16 + 18}px`
}
