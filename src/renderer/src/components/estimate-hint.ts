/**
 * How a cost is explained: stated by the source, estimated from the price table (and which file
 * changes that table — the host reports the user's price file in appInfo), or not known at all.
 * A zero that is neither stated nor estimated means "no cost known", shown as "–", never "$0".
 */
import { useApp } from '../stores/app-store'

/** `base`, plus where the user edits prices when the host says. */
export function useEstimateHint(
  base = 'Estimated from the price table; the source stated no cost',
): string {
  const path = useApp((s) => s.info?.pricesPath)
  return path
    ? `${base}. Prices per model are in ${path} (edit it to change them for traces imported later).`
    : base
}

/** Whether a cost is unknown, and the tooltip that explains the figure shown. */
export function useCostHint(
  cost: number,
  estimated: boolean,
  tokens: number,
  estimatedBase?: string,
): { unknown: boolean; hint: string } {
  const estimateHint = useEstimateHint(estimatedBase)
  const path = useApp((s) => s.info?.pricesPath)
  if (estimated) return { unknown: false, hint: estimateHint }
  if (cost !== 0) return { unknown: false, hint: 'As stated by the source' }
  if (tokens <= 0) return { unknown: true, hint: 'No cost recorded' }
  return {
    unknown: true,
    hint:
      'No cost known: the source stated none and the price table has no price for this model' +
      (path ? `. Add it to ${path} to estimate traces imported later.` : ''),
  }
}
