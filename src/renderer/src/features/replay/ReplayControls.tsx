/**
 * Replay controls: the shared transport and speed menu, pacing bounds and the landmark jumps
 * (First error, Slowest span, Most expensive span). Each button's accessible name is its label;
 * the title adds the keyboard shortcut.
 */
import { useStore } from 'zustand'
import {
  PACING_MODES,
  PACING_MODE_LABELS,
  formatPlaybackLength,
  playbackLengthMs,
  speedLabel,
  stepLabel,
  type PacingMode,
} from '../../../../shared/replay'
import { Button } from '../../components/Button'
import { SpeedSelect, TransportButtons } from '../../components/TransportControls'
import type { ReplayStore } from '../../stores/replay-store'

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
      <TransportButtons
        actions={a}
        playing={playing}
        canStep={count > 0}
        canPlay={count > 0}
        atStart={atStart}
        atEnd={atEnd}
      />
      <span className="td-controls__step" aria-live="polite" data-testid="step-position">
        {stepLabel(current, count)}
      </span>
      <SpeedSelect speed={speed} onChange={a.setSpeed} />
      <PacingMenu store={store} />
      <PlaybackLength store={store} />
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

/** Readable (clamped delays) or time-true (the recorded timeline ÷ speed). */
function PacingMenu({ store }: { store: ReplayStore }) {
  const pacing = useStore(store, (s) => s.pacing)
  return (
    <label
      className="td-speed td-pacing-mode"
      title="Pacing (T): Readable = each step's duration ÷ speed, kept between the bounds; Time-true = the recorded timeline ÷ speed, with a playhead"
    >
      <select
        aria-label="Pacing"
        value={pacing}
        onChange={(e) => store.getState().setPacing(e.target.value as PacingMode)}
      >
        {PACING_MODES.map((m) => (
          <option key={m} value={m}>
            {PACING_MODE_LABELS[m]}
          </option>
        ))}
      </select>
    </label>
  )
}

/** How long playing from the current step will take at this speed and pacing. */
function PlaybackLength({ store }: { store: ReplayStore }) {
  const cols = useStore(store, (s) => s.cols)
  const current = useStore(store, (s) => s.current)
  const speed = useStore(store, (s) => s.speed)
  const pacing = useStore(store, (s) => s.pacing)
  const bounds = useStore(store, (s) => s.bounds)
  if (!cols || !cols.count) return null
  // From the start when the replay would restart (at the last step), else from here.
  const from = current >= cols.count - 1 ? 0 : current
  const ms = playbackLengthMs(cols, from, speed, pacing, bounds)
  const text = formatPlaybackLength(ms)
  return (
    <span
      className="td-controls__length"
      data-testid="playback-length"
      data-ms={Math.round(ms)}
      title={`Playing ${from ? `from step ${from + 1}` : 'the whole trace'} takes about ${text} at ${speedLabel(speed)} (${PACING_MODE_LABELS[pacing].toLowerCase()} pacing)`}
    >
      ≈ {text}
    </span>
  )
}

/** The clamp bounds of the pacing rule (a setting, remembered across sessions). */
function PacingSettings({ store }: { store: ReplayStore }) {
  const bounds = useStore(store, (s) => s.bounds)
  return (
    <details className="td-pacing">
      <summary
        aria-label="Pacing settings"
        title="Readable pacing: delay = step duration ÷ speed, clamped"
      >
        ⚙
      </summary>
      <div className="td-pacing__panel">
        <p className="td-pacing__rule">
          Readable pacing: delay between steps = step duration ÷ speed, kept between:
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
