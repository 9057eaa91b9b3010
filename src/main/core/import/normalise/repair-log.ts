/**
 * Collects the repairs the normaliser makes to one trace. Every repair is counted; the listing is
 * capped per kind so a trace with a million skewed spans still has a readable report (the rest
 * are summarised in one warning per kind).
 */
import type { Repair, RepairKind, ReportCounts } from '../../../../shared/model'

const LISTED_PER_KIND = 200

export class RepairLog {
  readonly repairs: Repair[] = []
  readonly warnings: string[] = []
  private readonly counts = new Map<RepairKind, number>()
  /** Totals, listed or not (the listing is capped). */
  readonly totals: ReportCounts = { repaired: 0, kept: 0, warnings: 0 }

  /** A change the normaliser made; `kept`: a finding noted while the data stays as recorded. */
  add(kind: RepairKind, message: string, spanId?: string, spanName?: string, kept = false): void {
    if (kept) this.totals.kept++
    else this.totals.repaired++
    const n = (this.counts.get(kind) ?? 0) + 1
    this.counts.set(kind, n)
    if (n > LISTED_PER_KIND) return
    const repair: Repair = { kind, message }
    if (kept) repair.kept = true
    if (spanId !== undefined) repair.spanId = spanId
    if (spanName !== undefined) repair.spanName = spanName
    this.repairs.push(repair)
  }

  warn(message: string): void {
    this.totals.warnings++
    if (this.warnings.length < LISTED_PER_KIND) this.warnings.push(message)
  }

  /** How many repairs of each kind were made (listed or not). */
  count(kind: RepairKind): number {
    return this.counts.get(kind) ?? 0
  }

  /** Adds one summary line per kind whose listing was capped (not itself counted as a warning). */
  finish(): void {
    for (const [kind, n] of this.counts) {
      if (n > LISTED_PER_KIND) {
        this.warnings.push(`${n - LISTED_PER_KIND} more "${kind}" repairs not listed (${n} in all)`)
      }
    }
    if (this.totals.warnings > LISTED_PER_KIND)
      this.warnings.push(`${this.totals.warnings - LISTED_PER_KIND} more warnings not listed`)
  }
}
