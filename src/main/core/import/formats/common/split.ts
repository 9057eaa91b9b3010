/**
 * Formats whose file is either one object or an array of independent items: the array streams
 * item by item, but a stream path of `*` over a lone object finds no units, so the two shapes
 * become two importers of the same format (the object one is read whole; objects one per line
 * are streamed by the pipeline as separate documents anyway).
 */
import type { RawTrace } from '../../../../../shared/model'
import type { ImportContext, Importer } from '../../importer'

/** [importer for a lone object, importer for an array streamed element by element]. */
export function splitByContainer(
  base: Omit<Importer, 'stream'>,
  convertUnit: (unit: unknown, ctx: ImportContext) => RawTrace[],
): [Importer, Importer] {
  const single: Importer = { ...base, detect: (v) => (Array.isArray(v) ? null : base.detect(v)) }
  const array: Importer = {
    ...base,
    detect: (v) => (Array.isArray(v) ? base.detect(v) : null),
    stream: { path: ['*'], convertUnit: (unit, _context, ctx) => convertUnit(unit, ctx) },
  }
  return [single, array]
}
