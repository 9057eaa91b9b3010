/**
 * The tooltip of an estimated cost: it came from the price table, and which file changes that
 * table (the host reports the user's price file in appInfo).
 */
import { useApp } from '../stores/app-store'

/** `base`, plus where the user edits prices when the host says. */
export function useEstimateHint(base = 'Estimated from the price table; the source stated no cost'): string {
  const path = useApp((s) => s.info?.pricesPath)
  return path
    ? `${base}. Prices per model are in ${path} (edit it to change them for traces imported later).`
    : base
}
