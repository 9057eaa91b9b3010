/**
 * "Compare with…": a button and a modal picker that choose the trace to compare a given trace
 * with. Traces of the same name (most likely runs of the same agent) come first; a search box
 * narrows the list through the library query. Choosing one opens the comparison (this trace as A).
 */
import { useEffect, useRef, useState } from 'react'
import type { TraceSummary } from '../../../../shared/api'
import { StatusBadge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { getHost } from '../../host'
import { formatCount, formatDuration, formatTime } from '../../lib/format'
import { useNav } from '../../stores/nav-store'
import './compare-picker.css'

const LIMIT = 200

/** A button that opens the picker for `traceId` (drop it in any trace header). */
export function CompareWithButton({
  traceId,
  label = 'Compare with…',
}: {
  traceId: string
  label?: string
}) {
  const [open, setOpen] = useState(false)
  // A shared replay file holds no library to pick from.
  if (getHost().readOnly) return null
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => setOpen(true)}
        title="Compare this trace with another, side by side"
      >
        {label}
      </Button>
      {open && <CompareWithPicker traceId={traceId} onClose={() => setOpen(false)} />}
    </>
  )
}

/** The picker dialog: lists other traces; choosing one navigates to the comparison. */
export function CompareWithPicker({ traceId, onClose }: { traceId: string; onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [text, setText] = useState('')
  const [traces, setTraces] = useState<TraceSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [previous, setPrevious] = useState<TraceSummary | null>(null)
  const self = traces?.find((t) => t.id === traceId)

  // The previous run of this trace's name (the edit → run → compare loop), live traces included.
  useEffect(() => {
    let live = true
    getHost()
      .api.previousRun({ id: traceId })
      .then(
        (r) => live && setPrevious(r.previous),
        (e: Error) => console.warn('tracedeck: no previous run', e),
      )
    return () => {
      live = false
    }
  }, [traceId])

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  useEffect(() => {
    let live = true
    const timer = setTimeout(
      () => {
        getHost()
          .api.listTraces({ limit: LIMIT, ...(text.trim() ? { text: text.trim() } : {}) })
          .then(
            (list) => {
              if (!live) return
              setTraces(list)
              setError(null)
            },
            (e: Error) => {
              if (live) setError(`The library could not be listed: ${e.message}`)
            },
          )
      },
      text ? 180 : 0,
    )
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [text])

  const pinned = previous && !text ? previous : null
  const others = (traces ?? []).filter((t) => t.id !== traceId && t.id !== pinned?.id)
  // Runs of the same agent first, newest first within each group.
  const sameName = self ? others.filter((t) => t.name === self.name) : []
  const rest = self ? others.filter((t) => t.name !== self.name) : others
  const choose = (t: TraceSummary) => {
    onClose()
    useNav.getState().go({ name: 'compare', a: traceId, b: t.id })
  }
  const item = (t: TraceSummary) => (
    <li key={t.id}>
      <button type="button" className="td-pick__item" onClick={() => choose(t)}>
        <span className="td-pick__name td-ellipsis">{t.name}</span>
        <StatusBadge status={t.status} />
        <span className="td-pick__meta">
          {formatTime(t.start, false)} · {formatDuration(t.duration)} · {formatCount(t.spanCount)}{' '}
          spans
        </span>
        <code className="td-pick__id">{t.id.slice(0, 10)}</code>
      </button>
    </li>
  )

  return (
    <dialog
      ref={dialogRef}
      className="td-pick"
      aria-labelledby="td-pick-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <header className="td-pick__head">
        <h2 id="td-pick-title">Compare with…</h2>
        <p>
          Pick the trace to show as <strong>B</strong>, beside{' '}
          {self ? <strong>{self.name}</strong> : 'this trace'} as <strong>A</strong>.
        </p>
        <input
          type="search"
          className="td-pick__search"
          placeholder="Search traces by name, model, tag…"
          aria-label="Search traces"
          value={text}
          autoFocus
          onChange={(e) => setText(e.target.value)}
        />
      </header>
      <div className="td-pick__list" aria-busy={traces === null}>
        {error && (
          <p className="td-pick__note td-pick__note--error" role="alert">
            {error}
          </p>
        )}
        {traces && !others.length && !pinned && (
          <p className="td-pick__note">
            No other trace {text ? 'matches this search' : 'in the library yet'}.
          </p>
        )}
        {pinned && (
          <>
            <h3 className="td-pick__group">Previous run of this trace</h3>
            <ul data-testid="previous-run">{item(pinned)}</ul>
          </>
        )}
        {sameName.length > 0 && (
          <>
            <h3 className="td-pick__group">{pinned ? 'Earlier runs' : 'Same name'}</h3>
            <ul>{sameName.map(item)}</ul>
          </>
        )}
        {rest.length > 0 && (
          <>
            {sameName.length > 0 && <h3 className="td-pick__group">Other traces</h3>}
            <ul>{rest.map(item)}</ul>
          </>
        )}
      </div>
      <footer className="td-pick__foot">
        <Button onClick={onClose}>Cancel</Button>
      </footer>
    </dialog>
  )
}
