/**
 * Which columns of a DataTable fit its width. The table does not scroll sideways (its rows are
 * absolutely placed and the header sits outside the scroller), so columns that cannot fit are
 * dropped, least useful first (`dropOrder` 1 goes first), instead of being cut off unseen.
 */

/** The least width of a grid track: the first pixel size in it ("minmax(200px, 3fr)" → 200). */
export function trackMinWidth(track: string): number {
  const px = /(\d+(?:\.\d+)?)px/.exec(track)
  return px ? Number(px[1]) : 0
}

/**
 * Indices of the columns to show in `width` pixels: every column when they fit, otherwise the
 * droppable ones removed in drop order until the rest fits (or none is left to drop).
 * `fixed` is the width that is not these columns' (padding, a checkbox column and its gap);
 * `gap` is between tracks.
 */
export function fitColumns(
  columns: readonly { width: string; dropOrder?: number }[],
  width: number,
  fixed: number,
  gap: number,
): number[] {
  const shown = new Set(columns.map((_, i) => i))
  const need = () => {
    let sum = fixed
    for (const i of shown) sum += trackMinWidth(columns[i].width)
    return sum + gap * Math.max(0, shown.size - 1)
  }
  const droppable = columns
    .map((c, i) => ({ order: c.dropOrder, i }))
    .filter((c): c is { order: number; i: number } => c.order !== undefined)
    .sort((a, b) => a.order - b.order)
  for (const { i } of droppable) {
    if (width <= 0 || need() <= width) break
    shown.delete(i)
  }
  return [...shown].sort((a, b) => a - b)
}
