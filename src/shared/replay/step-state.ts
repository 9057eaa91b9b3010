/**
 * The state of each step during a replay, as the tree and the terminal show it:
 * ✓ completed, ▶ current, (blank) pending, ✗ failed, ↻ retry. A step the replay has passed keeps
 * its failure visible (failed / retry) instead of a plain tick.
 */
import { STATUS_ERROR, STATUS_RETRY } from './columns'
import { spanStatusCodeWord, type SpanStatusWord } from '../status'

export type StepState = 'completed' | 'current' | 'pending' | 'failed' | 'retry'

/** State of span `index` when the replay stands on `current` (status code as in SpanTable). */
export function stepState(index: number, current: number, status: number): StepState {
  if (index === current) return 'current'
  if (index > current) return 'pending'
  if (status === STATUS_ERROR) return 'failed'
  if (status === STATUS_RETRY) return 'retry'
  return 'completed'
}

/** The icon for a state, shared by the tree and the terminal replay. */
export const STEP_ICONS: Readonly<Record<StepState, string>> = {
  completed: '✓',
  current: '▶',
  pending: ' ',
  failed: '✗',
  retry: '↻',
}

/** Label of a span status code: OK / Retried / Error (shared/status.ts). */
export function statusLabel(status: number): SpanStatusWord {
  return spanStatusCodeWord(status)
}

/** "Step i / n" with i 1-based; "Step 0 / 0" for an empty trace. */
export function stepLabel(current: number, count: number): string {
  return count === 0 ? 'Step 0 / 0' : `Step ${current + 1} / ${count}`
}
