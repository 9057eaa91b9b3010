/**
 * Collects the repairs the normaliser makes to one trace. Every repair is counted; the listing is
 * capped per kind so a trace with a million skewed spans still has a readable report (the rest
 * are summarised in one warning per kind).
 */
import type { Repair, RepairKind } from '../../../../shared/model'

const LISTED_PER_KIND = 200

export class RepairLog {
  readonly repairs: Repair[] = []
  readonly warnings: string[] = []
  private readonly counts = new Map<RepairKind, number>()

  add(kind: RepairKind, message: string, spanId?: string, spanName?: string): void {
    const n = (this.counts.get(kind) ?? 0) + 1
    this.counts.set(kind, n)
    if (n > LISTED_PER_KIND) return
    const repair: Repair = { kind, message }
    if (spanId !== undefined) repair.spanId = spanId
    if (spanName !== undefined) repair.spanName = spanName
    this.repairs.push(repair)
  }

  warn(message: string): void {
    if (this.warnings.length < LISTED_PER_KIND) this.warnings.push(message)
  }

  /** How many repairs of each kind were made (listed or not). */
  count(kind: RepairKind): number {
    return this.counts.get(kind) ?? 0
  }

  /** Adds one summary warning per kind whose listing was capped. */
  finish(): void {
    for (const [kind, n] of this.counts) {
      if (n > LISTED_PER_KIND) {
        this.warnings.push(`${n - LISTED_PER_KIND} more "${kind}" repairs not listed (${n} in all)`)
      }
    }
  }
}
