/**
 * Reads one side of a comparison from the library: the trace's facts, its span columns (the same
 * SpanTable the timeline uses) and the payload fingerprints the store keeps per span.
 */
import { ApiError } from '../../../shared/api'
import type { ComparedSide } from '../../../shared/compare/compare'
import type { Db } from '../store/connection'
import { readSpanTable, readTraceDetail } from '../store/trace-queries'

/** A side whose fingerprint columns are plain arrays (refined in place by content checks). */
export interface LoadedSide extends ComparedSide {
  spans: ComparedSide['spans'] & { inputHash: (string | null)[]; outputHash: (string | null)[] }
}

/** Loads trace `id`; an unknown id is a not-found ApiError naming it. */
export function loadSide(db: Db, id: string, label: 'A' | 'B'): LoadedSide {
  const detail = readTraceDetail(db, id)
  const table = detail && readSpanTable(db, id)
  if (!detail || !table)
    throw new ApiError('not-found', `No trace with id ${id} (trace ${label} of the comparison)`)
  const inputHash: (string | null)[] = new Array(table.count)
  const outputHash: (string | null)[] = new Array(table.count)
  const rows = db
    .prepare('SELECT input_hash, output_hash FROM spans WHERE trace_id = ? ORDER BY idx')
    .raw()
    .iterate(id) as IterableIterator<[string | null, string | null]>
  let i = 0
  for (const [input, output] of rows) {
    if (i >= table.count) break
    inputHash[i] = input
    outputHash[i++] = output
  }
  const t = detail.trace
  return {
    trace: {
      id: t.id,
      name: t.name,
      spanCount: table.count,
      status: t.status,
      start: t.start,
      duration: t.duration,
      inputTokens: t.inputTokens,
      outputTokens: t.outputTokens,
      cost: t.cost,
    },
    spans: { ...table, inputHash, outputHash },
  }
}
