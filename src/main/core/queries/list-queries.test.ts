import { beforeEach, describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { queryHandlers } from './index'
import { insertTraces, openFixtureDb, type FixtureTrace } from './sql-fixtures'

const DAY = 86_400_000_000 // µs
const NOW = Date.UTC(2025, 5, 15, 12) // ms
const nowUs = NOW * 1000

/** A session of `turns` traces, one minute apart, each with one LLM span. */
function session(
  id: string,
  startUs: number,
  turns: number,
  opts: Partial<FixtureTrace> & { perTurnCost?: number; failTurn?: number; model?: string } = {},
): FixtureTrace[] {
  return Array.from({ length: turns }, (_, i) => ({
    id: `${id}-t${i}`,
    name: 'chat-turn',
    sessionId: id,
    start: startUs + i * 60_000_000,
    duration: 2_000_000,
    tags: opts.tags,
    status: i === opts.failTurn ? 'error' : 'ok',
    spans: [
      { name: 'chat-turn', kind: 'chain' },
      {
        name: 'llm',
        kind: 'llm',
        model: opts.model ?? 'gpt-4o',
        inputTokens: 100 * (i + 1),
        outputTokens: 20,
        cost: opts.perTurnCost ?? 0.01,
        status: i === opts.failTurn ? 'error' : 'ok',
      },
    ],
  }))
}

describe('listSessions and listTraces', () => {
  let db: Database.Database
  let q: ReturnType<typeof queryHandlers>
  beforeEach(() => {
    db = openFixtureDb()
    q = queryHandlers(db, () => NOW)
    insertTraces(db, [
      ...session('recent-expensive', nowUs - 2 * DAY, 3, { perTurnCost: 0.5, tags: ['prod'] }),
      ...session('recent-cheap', nowUs - 1 * DAY, 4, { perTurnCost: 0.01 }),
      ...session('old-expensive', nowUs - 20 * DAY, 3, { perTurnCost: 2 }),
      ...session('failed-4o', nowUs - 3 * DAY, 2, { failTurn: 1, model: 'gpt-4o-2024-08-06' }),
      ...session('failed-mini', nowUs - 3 * DAY, 2, { failTurn: 0, model: 'gpt-4o-mini' }),
      { id: 'loner', start: nowUs - DAY, duration: 5, spans: [{ name: 'x' }] },
    ])
  })

  it('aggregates a session from its traces', async () => {
    const [s] = await q.listSessions({ sessionId: 'recent-expensive' })
    expect(s).toMatchObject({
      id: 'recent-expensive',
      traceCount: 3,
      spanCount: 6,
      inputTokens: 600,
      outputTokens: 60,
      totalTokens: 660,
      status: 'ok',
      tags: ['prod'],
      models: ['gpt-4o'],
    })
    expect(s.cost).toBeCloseTo(1.5)
    expect(s.durationMs).toBe(2 * 60_000 + 2000)
    expect(s.startTime).toBe(new Date((nowUs - 2 * DAY) / 1000).toISOString())
  })

  it('answers "sessions in the last 7 days that cost more than $1"', async () => {
    const ids = (await q.listSessions({ since: '7d', minCost: 1 })).map((s) => s.id)
    expect(ids).toEqual(['recent-expensive'])
  })

  it('answers "failed sessions that used gpt-4o" (a dated snapshot counts, gpt-4o-mini does not)', async () => {
    const ids = (await q.listSessions({ status: 'failed', model: 'gpt-4o' })).map((s) => s.id)
    expect(ids).toEqual(['failed-4o'])
  })

  it('gives a session the worst of its traces\' statuses: a recovered retry is Recovered, not failed', async () => {
    insertTraces(db, [
      {
        id: 'retried-t0',
        sessionId: 'retried',
        start: nowUs - DAY,
        duration: 5,
        status: 'warning',
        spans: [{ name: 'call', status: 'retry' }, { name: 'call' }],
      },
      { id: 'retried-t1', sessionId: 'retried', start: nowUs - DAY + 10, duration: 5, spans: [{ name: 'x' }] },
    ])
    const byId = new Map((await q.listSessions({})).map((s) => [s.id, s.status]))
    expect(byId.get('retried')).toBe('warning')
    expect(byId.get('failed-4o')).toBe('error')
    expect(byId.get('recent-cheap')).toBe('ok')
    const ids = async (status: 'ok' | 'warning' | 'error' | 'failed') =>
      (await q.listSessions({ status })).map((s) => s.id).sort()
    expect(await ids('warning')).toEqual(['retried'])
    expect(await ids('error')).toEqual(['failed-4o', 'failed-mini'])
    // "Any failed span" still finds the session whose failure was retried.
    expect(await ids('failed')).toEqual(['failed-4o', 'failed-mini', 'retried'])
  })

  it('lists traces with combined filters and free text', async () => {
    expect((await q.listTraces({})).length).toBe(15)
    expect((await q.listTraces({ text: 'loner' })).map((t) => t.id)).toEqual(['loner'])
    expect((await q.listTraces({ status: 'error' })).length).toBe(2)
    expect((await q.listTraces({ tags: ['prod'], minCost: 0.4 })).length).toBe(3)
    const inSession = await q.listTraces({ sessionId: 'recent-cheap' })
    expect(inSession.map((t) => t.id)).toEqual([
      'recent-cheap-t0',
      'recent-cheap-t1',
      'recent-cheap-t2',
      'recent-cheap-t3',
    ])
  })

  it('rejects an unreadable date with a clear message', async () => {
    await expect(q.listSessions({ since: 'next tuesday' })).rejects.toThrow(
      /Cannot read "next tuesday" as a date/,
    )
  })
})
