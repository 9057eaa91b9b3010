import { describe, expect, it } from 'vitest'
import type { RawSpan, RawTrace } from '../../../shared/model'
import { openDatabase } from '../store/connection'
import { loadPriceTable } from '../pricing/price-table'
import { readSpanTable, readTraceDetail } from '../store/trace-queries'
import { Assembler, Saturated } from './assembler'
import { LiveStore, liveTraceId } from './live-store'
import { LiveService } from './live-service'

const T = 1_750_000_000_000_000
function span(id: string, parentId: string | null, at: number, name = `span ${id}`): RawSpan {
  return { id, parentId, name, start: T + at * 1000, end: T + at * 1000 + 500 }
}
function trace(src: string, spans: RawSpan[]): RawTrace {
  return { sourceTraceId: src, spans }
}

function clock() {
  let now = 1_000
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('the live assembler', () => {
  it('holds a trace until its root has arrived and the quiet time has passed', () => {
    const c = clock()
    const a = new Assembler({ quietMs: 1000, maxPendingSpans: 100, now: c.now })
    a.add([trace('t1', [span('b', 'a', 2), span('c', 'b', 3)])])
    c.advance(5000)
    expect(a.takeDue()).toEqual([]) // no root yet
    a.add([trace('t1', [span('a', null, 1)])])
    c.advance(999)
    expect(a.takeDue()).toEqual([])
    c.advance(1)
    const [due] = a.takeDue()
    expect(due.sourceTraceId).toBe('t1')
    expect(due.raw.spans.map((s) => s.id)).toEqual(['b', 'c', 'a'])
    expect(due.extends).toBe(false)
    expect(a.pendingSpans).toBe(0)
  })

  it('commits a rootless trace after the orphan time, and late spans extend a committed trace', () => {
    const c = clock()
    const a = new Assembler({ quietMs: 100, orphanMs: 10_000, maxPendingSpans: 100, now: c.now })
    a.add([trace('t', [span('x', 'missing', 1)])])
    c.advance(9_999)
    expect(a.takeDue()).toEqual([])
    c.advance(1)
    expect(a.takeDue()).toHaveLength(1)
    a.add([trace('t', [span('y', 'missing', 2)])])
    c.advance(10_000)
    expect(a.takeDue()[0].extends).toBe(true)
  })

  it('ignores a batch delivered twice and refuses a request over the span budget whole', () => {
    const a = new Assembler({ quietMs: 100, maxPendingSpans: 3, now: () => 0 })
    expect(a.add([trace('t', [span('a', null, 1), span('b', 'a', 2)])]).accepted).toBe(2)
    expect(a.add([trace('t', [span('a', null, 1), span('b', 'a', 2)])])).toMatchObject({ accepted: 0, duplicates: 2 })
    expect(() => a.add([trace('u', [span('c', null, 1), span('d', 'c', 1)])])).toThrow(Saturated)
    expect(a.pendingSpans).toBe(2)
    expect(a.get('u')).toBeUndefined()
  })

  it('under memory pressure commits the oldest traces early to make room', () => {
    const c = clock()
    const a = new Assembler({ quietMs: 60_000, maxPendingSpans: 4, now: c.now })
    a.add([trace('old', [span('a', null, 1), span('b', 'a', 1)])])
    c.advance(10)
    a.add([trace('new', [span('c', null, 1)])])
    expect(a.takeDue().map((d) => d.sourceTraceId)).toEqual(['old'])
    expect(a.pending().map((p) => p.sourceTraceId)).toEqual(['new'])
  })

  it('puts traces back after a failed commit', () => {
    const c = clock()
    const a = new Assembler({ quietMs: 10, maxPendingSpans: 100, now: c.now })
    a.add([trace('t', [span('a', null, 1)])])
    c.advance(20)
    const items = a.takeDue()
    a.add([trace('t', [span('b', 'a', 2)])])
    a.restore(items)
    expect(a.get('t')?.raw.spans.map((s) => s.id).sort()).toEqual(['a', 'b'])
    expect(a.pendingSpans).toBe(2)
  })
})

describe('live traces in the library', () => {
  const prices = loadPriceTable()

  it('are readable while live under the id they keep once committed; an extension replaces, never duplicates', () => {
    const db = openDatabase(':memory:')
    const c = clock()
    const live = new LiveService({ db, prices, quietMs: 100, now: c.now })
    const id = liveTraceId(Buffer.from('trace-1').toString('hex').padEnd(32, '0'))
    const req = (spans: RawSpan[]) => ({
      resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans: spans.map(otlp) }] }],
    })
    live.sink(req([span('a1', null, 0, 'run'), span('b1', 'a1', 1)]))
    expect(live.isLive(id)).toBe(true)
    expect(live.list().map((t) => [t.id, t.spanCount, t.live])).toEqual([[id, 2, true]])
    expect(live.spanTable(id)?.count).toBe(2)
    expect(readTraceDetail(db, id)).toBeUndefined()
    c.advance(100)
    expect(live.commitDue().map((x) => [x.id, x.spanCount, x.extended])).toEqual([[id, 2, false]])
    expect(live.isLive(id)).toBe(false)
    expect(readTraceDetail(db, id)?.trace.spanCount).toBe(2)

    live.sink(req([span('c1', 'b1', 2), span('b1', 'a1', 1)]))
    // While the late span waits, the live view shows the whole trace.
    expect(live.detail(id)?.trace.spanCount).toBe(3)
    c.advance(100)
    expect(live.commitDue().map((x) => [x.spanCount, x.extended])).toEqual([[3, true]])
    expect(db.prepare('SELECT count(*) FROM traces').pluck().get()).toBe(1)
    expect(readSpanTable(db, id)?.count).toBe(3)
    db.close()
  })

  it('a stop without commit (a crash) is reported at the next start, once', () => {
    const db = openDatabase(':memory:')
    const c = clock()
    const first = new LiveService({ db, prices, quietMs: 60_000, now: c.now })
    first.assembler.add([trace('t1', [span('a', null, 1), span('b', 'a', 1)])])
    new LiveStore(db, prices).journal(first.assembler.pending())
    // The process dies here: no stop(), nothing committed.
    const next = new LiveService({ db, prices })
    expect(next.takeLost()).toEqual({ traces: 1, spans: 2, lastSeen: 1000 })
    expect(next.takeLost()).toBeNull()
    db.close()
  })
})

function otlp(s: RawSpan) {
  const hex = (id: string, n: number) => Buffer.from(id).toString('hex').padEnd(n, '0')
  return {
    traceId: hex('trace-1', 32),
    spanId: hex(s.id, 16),
    parentSpanId: s.parentId ? hex(s.parentId, 16) : '',
    name: s.name,
    startTimeUnixNano: `${s.start}000`,
    endTimeUnixNano: `${s.end}000`,
  }
}
