/** Words for comparison results, shared by the toolbar, the pair panel and the tree changes. */
import { DIFF, type DivergenceReason } from '../../../../shared/compare/divergence'

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
