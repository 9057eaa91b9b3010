/**
 * The comparison toolbar: lockstep on/off, one transport that steps and plays both panes through
 * the alignment, divergence navigation ("First divergence", "Previous divergence", "Next
 * divergence"), where we are, the alignment counts, and swapping A and B.
 */
import { useStore } from 'zustand'
import { Button } from '../../components/Button'
import { Glyph } from '../../components/Glyph'
import { SpeedSelect, TransportButtons } from '../../components/TransportControls'
import type { CompareStore } from '../../stores/compare-store'
import { COMPARE_SHORTCUTS, swapTraces } from './use-compare-keys'
import { CompareWithButton } from './CompareWithPicker'
import { ShareButton } from '../share/ShareButton'
import { REASON_LABEL } from '../../../../shared/compare/labels'
import { formatCount } from '../../lib/format'

export function CompareToolbar({ store, a, b }: { store: CompareStore; a: string; b: string }) {
  const c = useStore(store, (s) => s.comparison)
  const rows = useStore(store, (s) => s.index?.rows ?? 0)
  const row = useStore(store, (s) => s.row)
  const locked = useStore(store, (s) => s.locked)
  const playing = useStore(store, (s) => s.playing)
  const speed = useStore(store, (s) => s.speed)
  const divergence = useStore(store, (s) => s.divergence)
  const s = store.getState()
  const ready = Boolean(c && rows)
  const divs = c?.divergences ?? []
  const here = divergence ?? divs.find((d) => d.row === row) ?? null
  const ordinal = here ? divs.indexOf(here) + 1 : 0
  const atStart = row <= 0
  const atEnd = row >= rows - 1
  const i = c ? c.rowA[row] : -1
  const j = c ? c.rowB[row] : -1
  const transportOff = !ready || !locked

  return (
    <div className="td-cbar" role="toolbar" aria-label="Comparison controls">
      <Button
        size="sm"
        variant={locked ? 'primary' : 'secondary'}
        className="td-cbar__lock"
        aria-pressed={locked}
        title={
          locked
            ? 'Panes move together (L to unlock and step each pane alone)'
            : 'Panes move alone (L to lock them again at the current pair)'
        }
        onClick={() => s.setLocked(!locked)}
        disabled={!ready}
      >
        <Glyph name={locked ? 'lock' : 'unlock'} /> Lockstep
      </Button>
      <TransportButtons
        label="Lockstep transport"
        actions={s}
        playing={playing}
        canStep={!transportOff}
        canPlay={ready}
        atStart={atStart}
        atEnd={atEnd}
        unit="pair"
        playLabel="Play both"
      />
      <span className="td-cbar__pos" aria-live="polite" data-testid="compare-position">
        {ready ? (
          <>
            <strong>
              {row + 1} / {rows}
            </strong>
            <span className="td-cbar__sub">
              A {i >= 0 ? i + 1 : '—'} · B {j >= 0 ? j + 1 : '—'}
            </span>
          </>
        ) : (
          'Aligning…'
        )}
      </span>
      <SpeedSelect speed={speed} onChange={s.setSpeed} disabled={!ready} />
      <span className="td-cbar__sep" aria-hidden />
      <div className="td-cbar__group" aria-label="Divergences">
        <Button
          size="sm"
          variant="secondary"
          className="td-cbar__first"
          title="First divergence (F)"
          disabled={!divs.length}
          onClick={s.firstDivergence}
        >
          First divergence
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label="Previous divergence"
          title="Previous divergence (Shift+D)"
          disabled={!divs.length}
          onClick={s.prevDivergence}
        >
          <Glyph name="divPrev" />
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label="Next divergence"
          title="Next divergence (D)"
          disabled={!divs.length}
          onClick={s.nextDivergence}
        >
          <Glyph name="divNext" />
        </Button>
      </div>
      <span
        className={`td-cbar__div${here ? ' td-cbar__div--here' : ''}`}
        data-testid="divergence-status"
        title="Divergences are numbered in the order they happened: a span's different input comes before its children, a different result after them"
      >
        {!c
          ? ''
          : !divs.length
            ? 'No divergence'
            : here
              ? `Divergence ${ordinal} of ${divs.length}: ${REASON_LABEL[here.reason]}`
              : `${divs.length} divergence${divs.length === 1 ? '' : 's'}`}
      </span>
      <span className="td-cbar__spacer" />
      {c && (
        <span
          className="td-cbar__counts"
          title="Aligned pairs, spans only trace A has, spans only trace B has"
        >
          {formatCount(c.pairs)} pairs ·{' '}
          <span className="td-cbar__onlyA">{formatCount(c.onlyA)} only A</span> ·{' '}
          <span className="td-cbar__onlyB">{formatCount(c.onlyB)} only B</span>
        </span>
      )}
      <CompareWithButton traceId={a} label="Change B…" />
      <ShareButton a={a} b={b} />
      <Button
        size="sm"
        variant="secondary"
        title="Swap A and B (X)"
        onClick={() => swapTraces(store, a, b)}
      >
        <Glyph name="swap" /> Swap A/B
      </Button>
      <details className="td-cbar__help">
        <summary aria-label="Keyboard shortcuts" title="Keyboard shortcuts">
          ?
        </summary>
        <dl className="td-cbar__keys">
          {COMPARE_SHORTCUTS.map(([keys, action]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{action}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  )
}
