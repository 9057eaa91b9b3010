/**
 * Replay controls: transport (First, Previous, Play/Pause, Next, Last), speed, pacing bounds and
 * the landmark jumps (First error, Slowest span, Most expensive span). Each button's accessible
 * name is its label; the title adds the keyboard shortcut.
 */
import { useStore } from 'zustand'
import { SPEEDS, speedLabel, stepLabel } from '../../../../shared/replay'
import { Button } from '../../components/Button'
import type { ReplayStore } from '../../stores/replay-store'

/** Transport glyphs drawn as SVG (symbol fonts for ⏮ ⏭ are missing on many systems). */
const GLYPHS = {
  first: 'M3 3v10M13 3L6 8l7 5z',
  prev: 'M11 3L4 8l7 5z',
  play: 'M5 3l8 5-8 5z',
  pause: 'M5 3v10M11 3v10',
  next: 'M5 3l7 5-7 5z',
  last: 'M13 3v10M3 3l7 5-7 5z',
} as const

function Glyph({ name }: { name: keyof typeof GLYPHS }) {
  const filled = name !== 'pause'
  return (
    <svg width={14} height={14} viewBox="0 0 16 16" aria-hidden="true" style={{ flex: 'none' }}>
      <path
        d={GLYPHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={name === 'pause' ? 2.5 : 1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  )
}

export function ReplayControls({ store }: { store: ReplayStore }) {
  const count = useStore(store, (s) => s.cols?.count ?? 0)
  const current = useStore(store, (s) => s.current)
  const playing = useStore(store, (s) => s.playing)
  const speed = useStore(store, (s) => s.speed)
  const landmarks = useStore(store, (s) => s.landmarks)
  const a = store.getState()
  const atStart = current <= 0
  const atEnd = current >= count - 1
  return (
    <div className="td-controls" role="toolbar" aria-label="Replay controls">
      <div className="td-controls__group">
        <Button
          size="sm"
          variant="ghost"
          aria-label="First"
          title="First (Home)"
          disabled={!count || atStart}
          onClick={a.first}
        >
          <Glyph name="first" />
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label="Previous"
          title="Previous (← or K)"
          disabled={!count || atStart}
          onClick={a.prev}
        >
          <Glyph name="prev" />
        </Button>
        <Button
          size="sm"
          variant="primary"
          className="td-controls__play"
          aria-label={playing ? 'Pause' : 'Play'}
          title={`${playing ? 'Pause' : 'Play'} (Space)`}
          disabled={!count}
          onClick={a.togglePlay}
        >
          <Glyph name={playing ? 'pause' : 'play'} />
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label="Next"
          title="Next (→ or J)"
          disabled={!count || atEnd}
          onClick={a.next}
        >
          <Glyph name="next" />
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label="Last"
          title="Last (End)"
          disabled={!count || atEnd}
          onClick={a.last}
        >
          <Glyph name="last" />
        </Button>
      </div>
      <span className="td-controls__step" aria-live="polite" data-testid="step-position">
        {stepLabel(current, count)}
      </span>
      <label className="td-controls__speed" title="Speed ([ slower, ] faster)">
        <select
          aria-label="Speed"
          value={String(speed)}
          onChange={(e) => a.setSpeed(Number(e.target.value))}
        >
          {(SPEEDS.includes(speed) ? SPEEDS : [...SPEEDS, speed].sort((x, y) => x - y)).map((s) => (
            <option key={s} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <PacingSettings store={store} />
      <span className="td-controls__sep" aria-hidden />
      <div className="td-controls__group">
        <Button
          size="sm"
          variant="ghost"
          className="td-controls__jump td-controls__jump--error"
          title={
            landmarks?.firstError === -1
              ? 'No failed or retried span in this trace'
              : 'First error (E; Shift+E: next error)'
          }
          disabled={!landmarks || landmarks.firstError < 0}
          onClick={a.firstError}
        >
          First error
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="td-controls__jump"
          title="Slowest span: most time of its own (S)"
          disabled={!landmarks || landmarks.slowest < 0}
          onClick={a.slowest}
        >
          Slowest span
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="td-controls__jump"
          title={
            landmarks?.mostExpensive === -1
              ? 'No span states a cost or tokens'
              : 'Most expensive span ($)'
          }
          disabled={!landmarks || landmarks.mostExpensive < 0}
          onClick={a.mostExpensive}
        >
          Most expensive span
        </Button>
      </div>
    </div>
  )
}

/** The clamp bounds of the pacing rule (a setting, remembered across sessions). */
function PacingSettings({ store }: { store: ReplayStore }) {
  const bounds = useStore(store, (s) => s.bounds)
  return (
    <details className="td-pacing">
      <summary aria-label="Pacing settings" title="Pacing: delay = step duration ÷ speed, clamped">
        ⚙
      </summary>
      <div className="td-pacing__panel">
        <p className="td-pacing__rule">
          Delay between steps = step duration ÷ speed, kept between:
        </p>
        <label>
          Minimum delay (ms)
          <input
            type="number"
            min={0}
            max={10000}
            step={10}
            value={bounds.minMs}
            onChange={(e) => store.getState().setBounds({ minMs: Number(e.target.value) })}
          />
        </label>
        <label>
          Maximum delay (ms)
          <input
            type="number"
            min={0}
            max={60000}
            step={10}
            value={bounds.maxMs}
            onChange={(e) => store.getState().setBounds({ maxMs: Number(e.target.value) })}
          />
        </label>
        <Button size="sm" onClick={() => store.getState().setBounds({ minMs: 80, maxMs: 550 })}>
          Reset to 80–550 ms
        </Button>
      </div>
    </details>
  )
}
