/**
 * How an import's outcome is counted and worded, once, for the toast, the import card, the trace
 * panel, `tracedeck import` and `tracedeck show`: the headline ("9 new · 1 already in the library
 * · 5 failed") and the repair counts ("3 repaired · 117 kept as recorded · 2 warnings").
 */
import type { ImportReport, Repair, ReportCounts, TraceReport } from './model'

/** Counts of a report: every repair counted, listed or not (listings are capped). */
export function reportCounts(report: Pick<TraceReport, 'repairs' | 'warnings' | 'counts'>): ReportCounts {
  if (report.counts) return report.counts
  // Reports stored before counts existed: what the listing holds.
  let kept = 0
  for (const r of report.repairs) if (r.kept) kept++
  return { repaired: report.repairs.length - kept, kept, warnings: report.warnings.length }
}

export function addCounts(a: ReportCounts, b: ReportCounts): ReportCounts {
  return { repaired: a.repaired + b.repaired, kept: a.kept + b.kept, warnings: a.warnings + b.warnings }
}

export const NO_COUNTS: ReportCounts = { repaired: 0, kept: 0, warnings: 0 }

const n = (count: number) => count.toLocaleString('en-US')

/** "3 repaired · 117 kept as recorded · 2 warnings"; '' when there is nothing to say. */
export function countsText(c: ReportCounts): string {
  const parts: string[] = []
  if (c.repaired) parts.push(`${n(c.repaired)} repaired`)
  if (c.kept) parts.push(`${n(c.kept)} kept as recorded`)
  if (c.warnings) parts.push(`${n(c.warnings)} ${c.warnings === 1 ? 'warning' : 'warnings'}`)
  return parts.join(' · ')
}

export function countsTotal(c: ReportCounts): number {
  return c.repaired + c.kept + c.warnings
}

/** The label of one listed repair: what tracedeck did about it. */
export function repairLabel(r: Repair): 'repaired' | 'kept as recorded' {
  return r.kept ? 'kept as recorded' : 'repaired'
}

/** One listed repair as a line: "repaired: lost child: parent … not found; shown top-level". */
export function repairLine(r: Repair): string {
  return `${repairLabel(r)}: ${r.spanName ? `${r.spanName}: ` : ''}${r.message}`
}

export interface ImportOutcome {
  /** Traces added to the library by this import. */
  added: number
  /** Traces of files that were already in the library (nothing re-read). */
  already: number
  /** Files that could not be imported (cancelled files not counted). */
  failed: number
  cancelled: number
  counts: ReportCounts
}

/** A file the user cancelled (its report's error says so), not a failure. */
export function isCancelledReport(report: ImportReport): boolean {
  return !!report.error && /\bcancell?ed\b/i.test(report.error)
}

/** What happened to a batch of files. `extraFailures`: failures with no report (e.g. the job). */
export function importOutcome(reports: readonly ImportReport[], extraFailures = 0): ImportOutcome {
  const out: ImportOutcome = { added: 0, already: 0, failed: extraFailures, cancelled: 0, counts: NO_COUNTS }
  for (const r of reports) {
    if (r.error) {
      if (isCancelledReport(r)) out.cancelled++
      else out.failed++
      continue
    }
    if (r.cached) out.already += r.traces.length
    else {
      out.added += r.traces.length
      out.counts = addCounts(out.counts, reportCounts(r))
    }
  }
  return out
}

/**
 * The headline: "9 new traces · 1 already in the library · 5 files failed". Only what happened
 * is said; "Nothing added" when no trace was added or found.
 */
export function importHeadline(o: ImportOutcome): string {
  const parts: string[] = []
  if (o.added) parts.push(`${n(o.added)} new ${o.added === 1 ? 'trace' : 'traces'}`)
  if (o.already) parts.push(`${n(o.already)} already in the library`)
  if (!o.added && !o.already) parts.push('Nothing added')
  if (o.failed) parts.push(`${n(o.failed)} ${o.failed === 1 ? 'file' : 'files'} failed`)
  if (o.cancelled) parts.push(`${n(o.cancelled)} cancelled`)
  return parts.join(' · ')
}
