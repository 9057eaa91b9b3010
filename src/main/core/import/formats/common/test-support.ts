/** Test support for the format unit tests: run one importer's detect + convert on a value. */
import type { RawSpan, RawTrace, Repair } from '../../../../../shared/model'
import type { Importer } from '../../importer'
import { IMPORTERS } from '../../registry'

export interface Converted {
  traces: RawTrace[]
  warnings: string[]
  /** Repairs the importer recorded through `ctx.repair`. */
  repairs: Repair[]
  /** Spans of all traces by id. */
  span(id: string): RawSpan
}

/**
 * Converts `value` (a parsed document) with the registry's first importer that detects it — which
 * must be of `importer`'s format (a format may have one importer per container shape) — and
 * indexes the spans.
 */
export function convertWith(importer: Importer, value: unknown): Converted {
  const found = IMPORTERS.find((i) => i.detect(value) !== null)
  if (!found || found.format !== importer.format) {
    throw new Error(
      `${importer.format} does not detect this value (detected: ${found?.format ?? 'nothing'})`,
    )
  }
  importer = found
  const warnings: string[] = []
  const repairs: Repair[] = []
  const traces = importer.convert(value, {
    file: 'test.json',
    warn: (m) => warnings.push(m),
    repair: (kind, message, spanId) =>
      repairs.push(spanId === undefined ? { kind, message } : { kind, message, spanId }),
  })
  const byId = new Map(traces.flatMap((t) => t.spans.map((s) => [s.id, s] as const)))
  return {
    traces,
    warnings,
    repairs,
    span: (id) => {
      const s = byId.get(id)
      if (!s) throw new Error(`no span ${id}`)
      return s
    },
  }
}
