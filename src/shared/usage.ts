/**
 * The one rule for usage figures that may be unknown, for every view, the CLI and its --json:
 * a cost of zero that is neither stated nor estimated means "no cost known" (shown "–", null in
 * JSON, never "$0"), and so do token totals of zero. Estimated costs carry one mark, "~$".
 */

/** The cost, or null when none is known. */
export function knownCost(cost: number | null | undefined, estimated: boolean): number | null {
  if (cost === null || cost === undefined || !Number.isFinite(cost)) return null
  return cost === 0 && !estimated ? null : cost
}

/** A token total, or null when none is known (no span stated any). */
export function knownTokens(tokens: number | null | undefined): number | null {
  return tokens === null || tokens === undefined || !Number.isFinite(tokens) || tokens <= 0
    ? null
    : tokens
}

/** The estimate mark in front of a dollar figure: "~$0.0016". */
export const ESTIMATE_MARK = '~'

interface Usage {
  cost: number
  costEstimated: boolean
  inputTokens: number
  outputTokens: number
  totalTokens?: number
}

/** A copy for --json with unknown cost and tokens as null (not 0). */
export function withUnknownsAsNull<T extends Usage>(
  row: T,
): Omit<T, keyof Usage> & {
  cost: number | null
  costEstimated: boolean
  inputTokens: number | null
  outputTokens: number | null
  totalTokens?: number | null
} {
  const tokensKnown = row.inputTokens > 0 || row.outputTokens > 0
  const out = {
    ...row,
    cost: knownCost(row.cost, row.costEstimated),
    inputTokens: tokensKnown ? row.inputTokens : null,
    outputTokens: tokensKnown ? row.outputTokens : null,
  }
  if (row.totalTokens !== undefined) return { ...out, totalTokens: tokensKnown ? row.totalTokens : null }
  return out
}

/** The usage columns of a trace's spans (NaN where a span states nothing), in step order. */
export interface UsageColumns {
  count: number
  parentIndex: ArrayLike<number>
  cost: ArrayLike<number>
  inputTokens: ArrayLike<number>
  outputTokens: ArrayLike<number>
}

export interface UsageBreakdown {
  /** Spans whose usage the totals add: those with no usage-bearing descendant. */
  counted: number
  /** Spans that state any usage (roll-ups included). */
  bearing: number
  /** Cost of the counted spans, and of every span (what a naive sum of the file gives). */
  costCounted: number
  costAll: number
}

/**
 * How the trace totals were formed (the normaliser's rule): a span's usage counts only when no
 * descendant states usage, so a parent that repeats its children's sum is not added twice.
 */
export function usageBreakdown(c: UsageColumns): UsageBreakdown {
  const below = new Uint8Array(c.count)
  const out: UsageBreakdown = { counted: 0, bearing: 0, costCounted: 0, costAll: 0 }
  for (let i = c.count - 1; i >= 0; i--) {
    const cost = c.cost[i]
    const bearing =
      !Number.isNaN(cost) || !Number.isNaN(c.inputTokens[i]) || !Number.isNaN(c.outputTokens[i])
    if (bearing) {
      out.bearing++
      if (!Number.isNaN(cost)) out.costAll += cost
      if (!below[i]) {
        out.counted++
        if (!Number.isNaN(cost)) out.costCounted += cost
      }
    }
    const p = c.parentIndex[i]
    if (p >= 0 && (bearing || below[i])) below[p] = 1
  }
  return out
}

/**
 * Says how a total was formed, for the tooltip where it is shown: "Sum of 7 leaf spans; all 9
 * spans with usage sum to $0.00098 including roll-ups (counted once here)".
 */
export function totalsNote(b: UsageBreakdown, money: (usd: number) => string): string {
  if (b.bearing === 0) return 'No span states tokens or cost'
  const spans = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'span' : 'spans'}`
  if (b.counted === b.bearing) return `Sum of ${spans(b.counted)} with usage`
  return (
    `Sum of ${b.counted.toLocaleString('en-US')} leaf ${b.counted === 1 ? 'span' : 'spans'}; ` +
    `the file's ${spans(b.bearing)} with usage sum to ${money(b.costAll)} including roll-ups ` +
    `(parents that repeat their children's usage are counted once here)`
  )
}
