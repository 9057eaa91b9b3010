/**
 * The execution tree as text lines (terminal replay, seeds/003): guide lines, a state icon, the
 * name, the duration and the status. Only a window of rows around the current step is built,
 * so a 1M-span trace costs what fits on screen.
 */
import { spanName, type ReplayColumns } from './columns'
import { formatDuration } from './format'
import { STEP_ICONS, statusLabel, stepState, type StepState } from './step-state'

export interface TextTreeLine {
  index: number
  /** Guide characters, e.g. "│   ├── ". */
  guides: string
  state: StepState
  icon: string
  name: string
  duration: string
  /** "OK", "Retried", "Error" (shared/status.ts). */
  status: string
}

const isLastChild = (c: ReplayColumns, i: number): boolean => {
  const p = c.parentIndex[i]
  return c.subtreeEnd[i] >= (p >= 0 ? c.subtreeEnd[p] : c.count)
}

/** Guide prefix of span i: one column per ancestor level, then the branch to the span. */
export function guidesFor(c: ReplayColumns, i: number): string {
  const parts: string[] = []
  for (let a = c.parentIndex[i]; a >= 0; a = c.parentIndex[a]) {
    if (c.parentIndex[a] < 0) break // top-level spans draw no guide column above them
    parts.push(isLastChild(c, a) ? '    ' : '│   ')
  }
  parts.reverse()
  if (c.parentIndex[i] >= 0) parts.push(isLastChild(c, i) ? '└── ' : '├── ')
  return parts.join('')
}

/** The first row of a `height`-row window that keeps `current` in view (a third from the top). */
export function windowStart(count: number, current: number, height: number): number {
  if (count <= height) return 0
  return Math.max(0, Math.min(count - height, current - Math.floor(height / 3)))
}

/** Lines for spans [from, to) with their states relative to `current`. */
export function textTreeLines(
  c: ReplayColumns,
  current: number,
  from: number,
  to: number,
): TextTreeLine[] {
  const lines: TextTreeLine[] = []
  for (let i = Math.max(0, from); i < Math.min(c.count, to); i++) {
    const state = stepState(i, current, c.status[i])
    lines.push({
      index: i,
      guides: guidesFor(c, i),
      state,
      icon: STEP_ICONS[state],
      name: spanName(c, i),
      duration: formatDuration(c.duration[i]),
      status: statusLabel(c.status[i]),
    })
  }
  return lines
}
