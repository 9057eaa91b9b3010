/**
 * For the UI benchmark only (the page sets `__tdBench` before loading): exposes the two ways of
 * turning a fetched span table into replay columns, so the benchmark times today's binary path
 * against the JSON path in the same page and run, with the real code of both.
 */
import type { SpanTable } from '../../../shared/api'
import { replayColumnsFromBinary, toReplayColumns } from '../../../shared/replay/columns'
import { decodeSpanTable } from '../../../shared/span-table-binary'

declare global {
  interface Window {
    __tdColumns?: {
      fromJson(table: SpanTable): number
      fromBinary(bytes: ArrayBuffer): number
    }
  }
}

if (typeof window !== 'undefined' && window.__tdBench) {
  window.__tdColumns = {
    fromJson: (table) => toReplayColumns(table).count,
    fromBinary: (bytes) => replayColumnsFromBinary(decodeSpanTable(bytes)).count,
  }
}
