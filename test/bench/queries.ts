/**
 * Benchmark of the library queries on 10k and 100k traces (4 turns per session, 3 spans per
 * trace, varied models, tags, costs, statuses): trace list and session list with no filter and
 * with the two example filters, free text, and one session's detail. Writes .bench/queries.json
 * and prints a table. Run: npm run bench:queries
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { queryHandlers } from '../../src/main/core/queries'
import { insertTraces, type FixtureTrace } from '../../src/main/core/queries/sql-fixtures'
import { openDatabase } from '../../src/main/core/store/connection'

const NOW = Date.UTC(2025, 5, 30)
const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4o-2024-08-06',
  'claude-3-5-sonnet-20241022',
  'gemini-1.5-flash',
]
const NAMES = [
  'refund request',
  'weather lookup',
  'invoice summary',
  'code review',
  'travel booking',
]

function trace(i: number): FixtureTrace {
  const startUs = (NOW - 60 * 86_400_000) * 1000 + i * 500_000_000 // spread over ~60 days at 10k
  const model = MODELS[i % MODELS.length]
  const fails = i % 23 === 0
  return {
    id: `t${i}`,
    name: `${NAMES[i % NAMES.length]} ${i}`,
    sessionId: `s${Math.floor(i / 4)}`,
    start: startUs,
    duration: 1_000_000 + (i % 9) * 100_000,
    status: fails ? 'error' : 'ok',
    tags: [['prod', 'staging', 'eval'][i % 3]],
    spans: [
      { name: 'turn', kind: 'agent' },
      { name: 'search', kind: 'tool' },
      {
        name: 'chat',
        kind: 'llm',
        model,
        inputTokens: 500 + (i % 4000),
        outputTokens: 60,
        cost: 0.01 + (i % 50) * 0.01,
        status: fails ? 'error' : 'ok',
        input: { value: null, messages: [{ role: 'user', text: `q${i}` }] },
        output: { value: `a${i}` },
      },
    ],
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

async function time(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ ms: number; rows: number }> {
  let rows = 0
  const first = await fn() // warm-up: statement preparation, page cache
  rows = Array.isArray(first) ? first.length : 1
  const xs: number[] = []
  for (let r = 0; r < runs; r++) {
    const t = performance.now()
    await fn()
    xs.push(performance.now() - t)
  }
  return { ms: median(xs), rows }
}

const results: Record<string, unknown>[] = []
for (const size of [10_000, 100_000]) {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-bench-queries-'))
  const db = openDatabase(join(dir, 'bench.db'))
  const CHUNK = 5000
  for (let from = 0; from < size; from += CHUNK) {
    insertTraces(
      db,
      Array.from({ length: Math.min(CHUNK, size - from) }, (_, k) => trace(from + k)),
    )
  }
  const q = queryHandlers(db, () => NOW)
  const runs = size > 50_000 ? 5 : 15
  const cases: [string, () => Promise<unknown>][] = [
    ['listTraces (all)', () => q.listTraces({})],
    ['listTraces failed + gpt-4o', () => q.listTraces({ status: 'failed', model: 'gpt-4o' })],
    ['listTraces text "invoice 9"', () => q.listTraces({ text: 'invoice 9' })],
    ['listTraces last 7d, limit 100', () => q.listTraces({ since: '7d', limit: 100 })],
    ['listSessions (all)', () => q.listSessions({})],
    ['listSessions 7d + cost > $1', () => q.listSessions({ since: '7d', minCost: 1 })],
    ['listSessions failed + gpt-4o', () => q.listSessions({ status: 'failed', model: 'gpt-4o' })],
    ['getSession (4 turns)', () => q.getSession({ id: `s${Math.floor(size / 8)}` })],
  ]
  for (const [label, fn] of cases) {
    const { ms, rows } = await time(runs, fn)
    results.push({ traces: size, query: label, medianMs: Number(ms.toFixed(2)), rows })
  }
  db.close()
  rmSync(dir, { recursive: true, force: true })
}

mkdirSync('.bench', { recursive: true })
writeFileSync(
  '.bench/queries.json',
  JSON.stringify({ date: new Date().toISOString(), results }, null, 2),
)
console.log('traces   query                              median ms   rows')
for (const r of results) {
  console.log(
    `${String(r.traces).padStart(7)}  ${String(r.query).padEnd(34)} ${String(r.medianMs).padStart(9)}  ${String(r.rows).padStart(6)}`,
  )
}
