import { afterEach, describe, expect, it } from 'vitest'
import { summarise } from '../../../shared/compare/compare'
import { tempFile } from '../import/test-fixtures'
import { createLibrary, type Library } from '../library-service'
import { supportAgentRun, type RunOptions } from './test-runs'

let lib: Library | undefined
afterEach(() => {
  lib?.close()
  lib = undefined
})

async function importRuns(...runs: RunOptions[]) {
  lib = createLibrary({ dbPath: ':memory:', useWorker: false })
  const ids: string[] = []
  for (const [k, run] of runs.entries()) {
    const [report] = await lib.handlers.importFiles({
      paths: [tempFile(`run-${k}.json`, supportAgentRun(run))],
      jobId: `j${k}`,
    })
    expect(report.error).toBeUndefined()
    ids.push(report.traces[0].id)
  }
  return { handlers: lib.handlers, ids }
}

describe('compareTraces verb', () => {
  it('finds where a bad run diverges from a good one: the tool result, then its effects', async () => {
    const { handlers, ids } = await importRuns(
      { seed: 1 },
      {
        seed: 2,
        toolResult: 'No order 1234 found.',
        answer: 'Sorry, I cannot find order 1234.',
        slowerBy: 0.5,
      },
    )
    const c = await handlers.compareTraces({ a: ids[0], b: ids[1] })
    expect(c.pairs).toBe(4)
    expect(c.onlyA + c.onlyB).toBe(0)
    const s = summarise(c)
    expect(s.firstDivergence).toEqual({
      stepA: 3,
      stepB: 3,
      nameA: 'execute_tool lookup_order',
      nameB: 'execute_tool lookup_order',
      reason: 'output',
    })
    // The answering call then saw a different input; the ids and timestamps of the runs never count.
    expect(c.divergences.map((d) => [d.a, d.reason])).toEqual([
      [2, 'output'],
      [3, 'input'],
    ])
    expect(s.delta.durationMs).toBeCloseTo(500, 3)
  })

  it('sees no divergence between two runs that differ only in ids, response ids and times', async () => {
    const { handlers, ids } = await importRuns({ seed: 1 }, { seed: 7, slowerBy: 0.2 })
    const c = await handlers.compareTraces({ a: ids[0], b: ids[1] })
    expect(c.divergences).toEqual([])
    expect(c.pairs).toBe(4)
  })

  it('shows a retried call and an extra step as gaps, a model change as a changed pair', async () => {
    const { handlers, ids } = await importRuns(
      { seed: 1 },
      { seed: 2, retryLookup: true, sendEmail: true, model: 'gpt-4o-mini' },
    )
    const c = await handlers.compareTraces({ a: ids[0], b: ids[1] })
    expect(c.onlyB).toBe(2)
    expect(c.divergences.map((d) => [d.a, d.b, d.reason])).toEqual([
      [1, 1, 'model'],
      [null, 2, 'onlyB'],
      [3, 4, 'model'],
      [null, 5, 'onlyB'],
    ])
  })

  it('names an unknown trace', async () => {
    const { handlers, ids } = await importRuns({ seed: 1 })
    await expect(handlers.compareTraces({ a: ids[0], b: 'nope' })).rejects.toThrow(
      /No trace with id nope \(trace B/,
    )
  })
})
