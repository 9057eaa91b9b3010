import { describe, expect, it } from 'vitest'
import { STEP_ICONS, statusLabel, stepLabel, stepState } from './step-state'

describe('step states', () => {
  it('marks steps before the current one completed, the current one current, the rest pending', () => {
    const statuses = [0, 0, 0, 0, 0]
    expect(statuses.map((s, i) => stepState(i, 2, s))).toEqual([
      'completed',
      'completed',
      'current',
      'pending',
      'pending',
    ])
  })

  it('keeps failures visible once passed, and shows them as pending before', () => {
    const statuses = [0, 1, 2, 0, 1]
    expect(statuses.map((s, i) => STEP_ICONS[stepState(i, 3, s)])).toEqual([
      '✓',
      '✗',
      '↻',
      '▶',
      ' ',
    ])
    expect(stepState(1, 1, 1)).toBe('current') // the current step is current even when it failed
  })

  it('labels status and position as the views show them', () => {
    expect([0, 1, 2].map(statusLabel)).toEqual(['OK', 'Error', 'Retried'])
    expect(stepLabel(0, 9)).toBe('Step 1 / 9')
    expect(stepLabel(8, 9)).toBe('Step 9 / 9')
    expect(stepLabel(0, 0)).toBe('Step 0 / 0')
  })
})
