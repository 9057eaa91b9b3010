/**
 * Second look at aligned pairs whose stored payload hashes differ. The hash covers the payload's
 * whole value, envelope included; two runs that said the same thing often differ only in response
 * ids, `created` timestamps or tool-call ids. For those pairs the payloads are read and compared by
 * content (payload-key.ts); when the content is the same, B's fingerprint is set to A's, so the
 * pair no longer diverges. Only pairs whose hashes differ are read.
 */
import type { Alignment } from '../../../shared/compare/align'
import { payloadContentKey } from '../../../shared/compare/payload-key'
import type { Payload } from '../../../shared/model'
import type { Db } from '../store/connection'
import type { LoadedSide } from './load-side'

type Column = 'input' | 'output'

/** Makes equal-content payloads of aligned pairs carry equal fingerprints (B takes A's). */
export function reconcileContent(db: Db, a: LoadedSide, b: LoadedSide, al: Alignment): number {
  const read = {
    input: db.prepare('SELECT input FROM span_payloads WHERE trace_id = ? AND idx = ?').pluck(),
    output: db.prepare('SELECT output FROM span_payloads WHERE trace_id = ? AND idx = ?').pluck(),
  }
  const key = (traceId: string, idx: number, column: Column): string => {
    const text = read[column].get(traceId, idx) as string | null | undefined
    return text ? payloadContentKey(JSON.parse(text) as Payload) : ''
  }
  let reconciled = 0
  for (const column of ['input', 'output'] as const) {
    const ha = column === 'input' ? a.spans.inputHash : a.spans.outputHash
    const hb = column === 'input' ? b.spans.inputHash : b.spans.outputHash
    for (let i = 0; i < al.aToB.length; i++) {
      const j = al.aToB[i]
      if (j < 0 || ha[i] === hb[j] || ha[i] === null || hb[j] === null) continue
      if (key(a.trace.id, i, column) === key(b.trace.id, j, column)) {
        hb[j] = ha[i]
        reconciled++
      }
    }
  }
  return reconciled
}
