import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SpanTable, TraceApi, TraceDetail } from '../../../shared/api'
import { spanTableOf } from '../../../shared/replay/table-fixture'
import { encodeSpanTable } from '../../../shared/span-table-binary'
import { createReplayStore } from './replay-store'

// root(0): plan 50 ms (1), search 340 ms retry (2) with fetch (3), search 1200 ms (4), answer error (5)
const table: SpanTable = spanTableOf([
  {
    name: 'run',
    kind: 'agent',
    startMs: 0,
    durationMs: 1850,
    children: [
      { name: 'plan', kind: 'llm', startMs: 0, durationMs: 50, cost: 0.01 },
      {
        name: 'search',
        kind: 'tool',
        status: 'retry',
        startMs: 60,
        durationMs: 340,
        children: [{ name: 'fetch', startMs: 61, durationMs: 300 }],
      },
      { name: 'search', kind: 'tool', startMs: 410, durationMs: 1200 },
      { name: 'answer', kind: 'llm', status: 'error', startMs: 1700, durationMs: 100, cost: 0.05 },
    ],
  },
])

function fakeApi(searchHits: number[] = []): TraceApi {
  const detail = {
    trace: { id: 't1' },
    report: { traceId: 't1', repairs: [], warnings: [] },
  } as unknown as TraceDetail
  return {
    getTrace: async () => detail,
    getSpanColumns: async () => encodeSpanTable(table),
    searchSpans: async () => searchHits,
  } as unknown as TraceApi
}

async function loaded(searchHits?: number[]) {
  const api = fakeApi(searchHits)
  const store = createReplayStore(() => api)
  await store.getState().load('t1')
  return store
}

describe('replay store', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('steps with the controls and jumps to the landmarks', async () => {
    const s = await loaded()
    const at = () => s.getState().current
    s.getState().next()
    expect(at()).toBe(1)
    s.getState().last()
    expect(at()).toBe(5)
    s.getState().next()
    expect(at()).toBe(5)
    s.getState().first()
    s.getState().prev()
    expect(at()).toBe(0)
    s.getState().firstError()
    expect(at()).toBe(2)
    s.getState().parent()
    expect(at()).toBe(0)
    s.getState().slowest()
    expect(at()).toBe(4)
    s.getState().mostExpensive()
    expect(at()).toBe(5)
  })

  it('plays with the pacing rule and ends on the summary report', async () => {
    const s = await loaded()
    s.getState().goTo(1)
    s.getState().setSpeed(2)
    s.getState().play()
    expect(s.getState().playing).toBe(true)
    await vi.advanceTimersByTimeAsync(79) // 50 ms step → 80 ms floor
    expect(s.getState().current).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(s.getState().current).toBe(2)
    await vi.advanceTimersByTimeAsync(170) // 340 ms at 2×
    expect(s.getState().current).toBe(3)
    await vi.advanceTimersByTimeAsync(150 + 550) // 300 ms at 2×, then 1200 ms hits the 550 ms ceiling
    expect(s.getState().current).toBe(5)
    expect(s.getState().finished).toBe(false)
    await vi.advanceTimersByTimeAsync(80) // 100 ms at 2× → floor
    expect(s.getState()).toMatchObject({ playing: false, finished: true, current: 5 })
  })

  it('plays time-true: each step when the recorded playhead reaches its start, ÷ speed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] })
    const s = await loaded()
    s.getState().setPacing('time-true')
    s.getState().setSpeed(2)
    s.getState().play()
    expect(s.getState().playClock).toMatchObject({ startUs: 0, speed: 2 })
    // plan starts at 0 with run: reached at once; search (60 ms) at 30 ms real time at 2×.
    await vi.advanceTimersByTimeAsync(5)
    expect(s.getState().current).toBe(1)
    await vi.advanceTimersByTimeAsync(30)
    expect(s.getState().current).toBe(3) // search at 60 ms and fetch at 61 ms
    expect(s.getState().playheadAt()).toBeGreaterThan(61_000)
    // The second search starts at 410 ms → 205 ms real; answer at 1700 ms → 850 ms.
    await vi.advanceTimersByTimeAsync(200 - 35)
    expect(s.getState().current).toBe(3)
    await vi.advanceTimersByTimeAsync(20)
    expect(s.getState().current).toBe(4)
    await vi.advanceTimersByTimeAsync(850 - 220 + 5)
    expect(s.getState().current).toBe(5)
    // The trace ends at 1850 ms → 925 ms real: the replay finishes then, not before.
    expect(s.getState().finished).toBe(false)
    await vi.advanceTimersByTimeAsync(100)
    expect(s.getState()).toMatchObject({ playing: false, finished: true, playClock: null })
  })

  it('resumes a paused time-true replay from the playhead, and re-times it on a speed change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] })
    const s = await loaded()
    s.getState().setPacing('time-true')
    s.getState().goTo(4) // search, 410 ms
    s.getState().play()
    await vi.advanceTimersByTimeAsync(500) // playhead at 910 ms
    s.getState().pause()
    expect(s.getState().playClock).toBeNull()
    s.getState().play()
    expect(s.getState().playClock?.startUs).toBeCloseTo(910_000, -3)
    s.getState().setSpeed(10) // 790 ms to answer's start → 79 ms
    await vi.advanceTimersByTimeAsync(75)
    expect(s.getState().current).toBe(4)
    await vi.advanceTimersByTimeAsync(10)
    expect(s.getState().current).toBe(5)
    s.getState().pause()
  })

  it('stops playing on a manual step, and replays from the start when played at the end', async () => {
    const s = await loaded()
    s.getState().play()
    s.getState().next()
    expect(s.getState().playing).toBe(false)
    s.getState().last()
    s.getState().play()
    expect(s.getState().current).toBe(0)
    s.getState().pause()
  })

  it('collapses subtrees, and reveals a hidden step when the replay reaches it', async () => {
    const s = await loaded()
    s.getState().toggleCollapse(2)
    expect(s.getState().rows.rowCount).toBe(5)
    s.getState().goTo(3)
    expect(s.getState().collapsed.has(2)).toBe(false)
    expect(s.getState().rows.rowCount).toBe(6)
    s.getState().toggleCollapse(2) // collapsing over the current step moves it to the collapsed span
    expect(s.getState().current).toBe(2)
  })

  it('searches names locally and text through the host, then navigates the matches', async () => {
    const s = await loaded([5, 3])
    await s.getState().search('search')
    expect([...s.getState().matches]).toEqual([2, 3, 4, 5])
    s.getState().nextMatch()
    expect(s.getState().current).toBe(2)
    s.getState().prevMatch()
    expect(s.getState().current).toBe(5)
    await s.getState().search('kind:llm')
    expect([...s.getState().matches]).toEqual([1, 5])
    await s.getState().search('')
    expect(s.getState().matches.length).toBe(0)
  })

  it('reports a load failure as a message', async () => {
    const api = {
      getTrace: async () => Promise.reject(new Error('No trace with id "x"')),
      getSpanColumns: async () => encodeSpanTable(table),
    } as unknown as TraceApi
    const s = createReplayStore(() => api)
    await s.getState().load('x')
    expect(s.getState()).toMatchObject({ phase: 'error', error: 'No trace with id "x"' })
  })
})
