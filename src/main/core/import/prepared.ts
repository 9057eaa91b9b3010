/**
 * What the two parse paths (whole file in memory, streamed) hand to the pipeline's commit step:
 * the detected format, the normalised traces' summaries and reports, and a `commit` that writes
 * them inside the pipeline's one transaction.
 */
import type { Repair, Trace, TraceReport } from '../../../shared/model'
import type { TraceWriter } from '../store/trace-writer'
import type { SpanColumns } from '../store/span-table'
import type { Importer } from './importer'

export interface PreparedImport {
  hash: string
  importer: Importer
  why: string
  warnings: string[]
  /** How many warnings the importer gave in all (the listing is capped). */
  warningCount?: number
  /** Repairs the importer made itself (`ImportContext.repair`), before the normaliser's. */
  repairs?: Repair[]
  traces: { trace: Trace; report: TraceReport }[]
  /** The columns of trace `i`'s span table (what the timeline draws), before anything is written. */
  spanColumns(i: number): SpanColumns
  /** Some span has a usable time; without one every trace would be placed at time zero (1970). */
  timed: boolean
  /**
   * Writes every trace; call inside a transaction. `check` throws to abort (cancellation);
   * `progress` receives bytes re-read so far when committing re-reads the file.
   */
  commit(
    writer: TraceWriter,
    fileId: number,
    check: () => void,
    progress: (bytesDone: number) => void,
  ): void
  /** Releases resources (staging files); always called. */
  dispose(): void
}

/** Warnings an importer may add per file; more are summarised, so a report stays readable. */
export const WARNING_LIMIT = 500

/** An ImportContext warn() that keeps the first WARNING_LIMIT messages and counts the rest. */
export function boundedWarnings(): {
  warnings: string[]
  warn(m: string): void
  finish(): void
  count(): number
} {
  const warnings: string[] = []
  let dropped = 0
  let total = 0
  return {
    warnings,
    count: () => total,
    warn(m) {
      total++
      if (warnings.length < WARNING_LIMIT) warnings.push(m)
      else dropped++
    },
    finish() {
      if (dropped > 0) warnings.push(`${dropped} more warnings not listed`)
    },
  }
}
