/**
 * Benchmark of the trace comparison: alignment time for two generated 10k-span traces and two
 * 100k-span traces that differ in a few hundred places, against a baseline measured in the same
 * run (building the structural key arrays, the least any alignment must do). Writes
 * .bench/compare.json and prints a table. Run: npm run bench:compare
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { alignTraces } from '../../src/shared/compare/align'
import { findDivergences, rowDiffs } from '../../src/shared/compare/divergence'
import { structuralKeys } from '../../src/shared/compare/key'
import { sideFromSpans } from '../../src/shared/compare/side-builder'
import { agentTree, flatten, mutate } from './compare-traces'

const TARGET_10K_MS = 200

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y)
  return s[Math.floor(s.length / 2)]
}

function time(runs: number, fn: () => void): number {
  fn() // warm-up (JIT)
  const xs: number[] = []
  for (let r = 0; r < runs; r++) {
    const t = performance.now()
    fn()
    xs.push(performance.now() - t)
  }
  return median(xs)
}

// The last case is the adversarial one: two unrelated runs (different seeds) of the same agent,
// where almost nothing lines up and the Myers edit bound has to fall back.
const cases = [
  { label: '10k spans', spans: 10_000, changes: 300, runs: 15, unrelated: false },
  { label: '100k spans', spans: 100_000, changes: 300, runs: 5, unrelated: false },
  { label: '10k unrelated', spans: 10_000, changes: 0, runs: 5, unrelated: true },
]

const results = cases.map((c) => {
  const tree = agentTree(c.spans, 42)
  const a = sideFromSpans(flatten(tree))
  const b = sideFromSpans(
    flatten(c.unrelated ? agentTree(c.spans, 4242) : mutate(tree, c.changes, 7)),
  )
  const baselineMs = time(c.runs, () => structuralKeys(a, b))
  const alignMs = time(c.runs, () => alignTraces(a, b))
  const compareMs = time(c.runs, () => {
    const al = alignTraces(a, b)
    findDivergences(a, b, al, rowDiffs(a, b, al))
  })
  const al = alignTraces(a, b)
  const divergences = findDivergences(a, b, al).length
  return {
    case: c.label,
    spansA: a.count,
    spansB: b.count,
    changes: c.changes,
    pairs: al.pairs,
    onlyA: al.onlyA,
    onlyB: al.onlyB,
    divergences,
    baselineMs: +baselineMs.toFixed(2),
    alignMs: +alignMs.toFixed(2),
    compareMs: +compareMs.toFixed(2),
    alignOverBaseline: +(alignMs / baselineMs).toFixed(2),
  }
})

const ten = results[0]
const report = {
  name: 'compare',
  date: new Date().toISOString(),
  node: process.version,
  targets: { align10kMs: TARGET_10K_MS },
  pass: ten.alignMs <= TARGET_10K_MS,
  results,
}
mkdirSync('.bench', { recursive: true })
writeFileSync('.bench/compare.json', JSON.stringify(report, null, 2) + '\n')

console.log('compare benchmark (median ms; baseline = building both structural key arrays)')
console.table(
  results.map((r) => ({
    case: r.case,
    'spans A/B': `${r.spansA}/${r.spansB}`,
    'pairs/onlyA/onlyB': `${r.pairs}/${r.onlyA}/${r.onlyB}`,
    divergences: r.divergences,
    'baseline ms': r.baselineMs,
    'align ms': r.alignMs,
    'align+divergences ms': r.compareMs,
    'x baseline': r.alignOverBaseline,
  })),
)
console.log(
  `10k target ≤ ${TARGET_10K_MS} ms: ${report.pass ? 'PASS' : 'FAIL'} (${ten.alignMs} ms) → .bench/compare.json`,
)
if (!report.pass) process.exitCode = 1
