import './progress.css'

/**
 * A determinate progress bar (indeterminate when `max` is 0 or unknown). `label` is its
 * accessible name, e.g. "Importing run.json".
 */
export function ProgressBar({
  value,
  max,
  label,
  tone = 'accent',
}: {
  value: number
  max: number
  label: string
  tone?: 'accent' | 'ok' | 'error'
}) {
  const determinate = max > 0
  const fraction = determinate ? Math.min(1, Math.max(0, value / max)) : 0
  return (
    <div
      className={`td-progress td-progress--${tone} ${determinate ? '' : 'td-progress--indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={determinate ? max : undefined}
      aria-valuenow={determinate ? Math.min(value, max) : undefined}
    >
      <div
        className="td-progress__fill"
        style={determinate ? { width: `${fraction * 100}%` } : undefined}
      />
    </div>
  )
}
