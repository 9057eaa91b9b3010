/**
 * A word-level diff of one payload (input or output) of the current pair, side by side (A's text
 * with its removed words, B's with its added words) or unified (one text, removals struck through,
 * additions underlined). Trace content is untrusted: it is rendered as text only.
 */
import type { WordDiff } from '../../../../shared/compare/word-diff'

export type DiffLayout = 'split' | 'unified'

function Parts({ diff, keep }: { diff: WordDiff; keep: 'del' | 'add' | 'both' }) {
  return (
    <>
      {diff.parts.map((p, k) => {
        if (p.op === 'same') return <span key={k}>{p.text}</span>
        if (keep !== 'both' && p.op !== keep) return null
        return p.op === 'del' ? (
          <del key={k} className="td-wd__del">
            {p.text}
          </del>
        ) : (
          <ins key={k} className="td-wd__add">
            {p.text}
          </ins>
        )
      })}
    </>
  )
}

export function WordDiffView({
  diff,
  layout,
  what,
  hasA,
  hasB,
}: {
  diff: WordDiff
  layout: DiffLayout
  what: 'input' | 'output'
  hasA: boolean
  hasB: boolean
}) {
  const notes = (
    <>
      {diff.truncated && (
        <p className="td-wd__note">
          Long payloads: only the first 20,000 characters of each are compared.
        </p>
      )}
      {diff.coarse && (
        <p className="td-wd__note">
          Too many changes to align word by word: shown as a whole replacement.
        </p>
      )}
    </>
  )
  const empty = (side: string) => <span className="td-wd__empty">{`No ${what} in ${side}`}</span>
  const textA = diff.parts.some((p) => p.op !== 'add' && p.text)
  const textB = diff.parts.some((p) => p.op !== 'del' && p.text)
  if (layout === 'unified') {
    return (
      <div className="td-wd" data-testid={`diff-${what}`}>
        {notes}
        <pre className="td-wd__text td-wd__text--unified" aria-label={`${what} diff, unified`}>
          {diff.parts.length ? <Parts diff={diff} keep="both" /> : empty('either trace')}
        </pre>
      </div>
    )
  }
  return (
    <div className="td-wd" data-testid={`diff-${what}`}>
      {notes}
      <div className="td-wd__split">
        <section className="td-wd__side" aria-label={`${what} of A`}>
          <header className="td-wd__side-head">
            <span className="td-wd__tag td-wd__tag--a">A</span> {what}
          </header>
          <pre className="td-wd__text">
            {hasA && textA ? (
              <Parts diff={diff} keep="del" />
            ) : (
              empty(hasA ? 'A' : 'A (no span here)')
            )}
          </pre>
        </section>
        <section className="td-wd__side" aria-label={`${what} of B`}>
          <header className="td-wd__side-head">
            <span className="td-wd__tag td-wd__tag--b">B</span> {what}
          </header>
          <pre className="td-wd__text">
            {hasB && textB ? (
              <Parts diff={diff} keep="add" />
            ) : (
              empty(hasB ? 'B' : 'B (no span here)')
            )}
          </pre>
        </section>
      </div>
    </div>
  )
}
