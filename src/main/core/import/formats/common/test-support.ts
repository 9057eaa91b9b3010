/** Test support for the format unit tests: run one importer's detect + convert on a value. */
import type { RawSpan, RawTrace } from '../../../../../shared/model'
import type { Importer } from '../../importer'

export interface Converted {
  traces: RawTrace[]
  warnings: string[]
  /** Spans of all traces by id. */
  span(id: string): RawSpan
}

/** Converts `value` (a parsed document) and indexes the spans; fails if `detect` does not match. */
export function convertWith(importer: Importer, value: unknown): Converted {
  if (!importer.detect(value)) throw new Error(`${importer.format} does not detect this value`)
  const warnings: string[] = []
  const traces = importer.convert(value, { file: 'test.json', warn: (m) => warnings.push(m) })
  const byId = new Map(traces.flatMap((t) => t.spans.map((s) => [s.id, s] as const)))
  return {
    traces,
    warnings,
    span: (id) => {
      const s = byId.get(id)
      if (!s) throw new Error(`no span ${id}`)
      return s
    },
  }
}
