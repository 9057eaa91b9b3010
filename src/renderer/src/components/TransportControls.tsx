/**
 * Transport controls shared by replay and comparison: First, Previous, Play/Pause, Next, Last,
 * and the speed menu. Each button's accessible name is its label; the title adds the shortcut.
 */
import { SPEEDS, speedLabel } from '../../../shared/replay'
import { Button } from './Button'
import { Glyph } from './Glyph'
import './transport.css'

/** The stepping actions a transport drives (replay and compare stores both expose these). */
export interface TransportActions {
  first: () => void
  prev: () => void
  togglePlay: () => void
  next: () => void
  last: () => void
}

/** First/Previous/Play/Next/Last buttons. */
export function TransportButtons({
  actions,
  playing,
  canStep,
  canPlay,
  atStart,
  atEnd,
  unit,
  playLabel = 'Play',
  label,
}: {
  actions: TransportActions
  playing: boolean
  /** False disables the four step buttons (nothing loaded, or stepping not possible now). */
  canStep: boolean
  canPlay: boolean
  atStart: boolean
  atEnd: boolean
  /** What one step moves by, shown in titles ("First pair"); omitted for plain steps. */
  unit?: string
  /** The title of the play button when paused ("Play both"); its accessible name stays "Play". */
  playLabel?: string
  /** Accessible name of the button group. */
  label?: string
}) {
  const u = unit ? ` ${unit}` : ''
  return (
    <div className="td-transport" aria-label={label}>
      <Button
        size="sm"
        variant="ghost"
        aria-label="First"
        title={`First${u} (Home)`}
        disabled={!canStep || atStart}
        onClick={actions.first}
      >
        <Glyph name="first" />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Previous"
        title={`Previous${u} (← or K)`}
        disabled={!canStep || atStart}
        onClick={actions.prev}
      >
        <Glyph name="prev" />
      </Button>
      <Button
        size="sm"
        variant="primary"
        className="td-transport__play"
        aria-label={playing ? 'Pause' : 'Play'}
        title={`${playing ? 'Pause' : playLabel} (Space)`}
        disabled={!canPlay}
        onClick={actions.togglePlay}
      >
        <Glyph name={playing ? 'pause' : 'play'} />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Next"
        title={`Next${u} (→ or J)`}
        disabled={!canStep || atEnd}
        onClick={actions.next}
      >
        <Glyph name="next" />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Last"
        title={`Last${u} (End)`}
        disabled={!canStep || atEnd}
        onClick={actions.last}
      >
        <Glyph name="last" />
      </Button>
    </div>
  )
}

/** The playback speed menu; a speed outside the presets (set by keys) is listed in order. */
export function SpeedSelect({
  speed,
  onChange,
  disabled,
}: {
  speed: number
  onChange: (speed: number) => void
  disabled?: boolean
}) {
  const speeds = SPEEDS.includes(speed) ? SPEEDS : [...SPEEDS, speed].sort((x, y) => x - y)
  return (
    <label className="td-speed" title="Speed ([ slower, ] faster)">
      <select
        aria-label="Speed"
        value={String(speed)}
        onChange={(e) => onChange(Number(e.target.value))}
        disabled={disabled}
      >
        {speeds.map((v) => (
          <option key={v} value={String(v)}>
            {speedLabel(v)}
          </option>
        ))}
      </select>
    </label>
  )
}
