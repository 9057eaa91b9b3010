/**
 * Tree prefixes ("├─ ", "│  └─ ") for spans stored flat in step order with a parent index, the
 * way `tree` draws folders. Pure, so the CLI's span tree is tested without a terminal.
 */

/** One prefix per span; top-level spans get "". */
export function treePrefixes(parentIndex: readonly number[]): string[] {
  const n = parentIndex.length
  const lastChild = new Map<number, number>()
  for (let i = 0; i < n; i++) lastChild.set(parentIndex[i], i)
  const isLast = (i: number): boolean => lastChild.get(parentIndex[i]) === i
  const prefixes: string[] = new Array(n)
  for (let i = 0; i < n; i++) {
    if (parentIndex[i] < 0) {
      prefixes[i] = ''
      continue
    }
    let prefix = isLast(i) ? '└─ ' : '├─ '
    // Each ancestor below the top level draws a rail while it has siblings still to come.
    for (let a = parentIndex[i]; a >= 0 && parentIndex[a] >= 0; a = parentIndex[a]) {
      prefix = (isLast(a) ? '   ' : '│  ') + prefix
    }
    prefixes[i] = prefix
  }
  return prefixes
}
