/** Words for comparison results, shared by `tracedeck diff` and the compare view. */
import { DIFF, type DivergenceReason } from './divergence'

/** Why a row diverges, in a few words ("different input", "only in A"). */
export const REASON_LABEL: Record<DivergenceReason, string> = {
  name: 'different span',
  kind: 'different kind',
  status: 'different status',
  model: 'different model',
  input: 'different input',
  output: 'different output',
  onlyA: 'only in A',
  onlyB: 'only in B',
}

/** The fields a DIFF mask names, in reading order ("model, output"). */
export function fieldsLabel(mask: number): string {
  const names = (['name', 'kind', 'model', 'input', 'status', 'output'] as const).filter(
    (k) => mask & DIFF[k],
  )
  return names.join(', ')
}
