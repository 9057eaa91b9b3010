import { describe, expect, it } from 'vitest'
import { chromeImporter } from './chrome'
import { convertWith } from './common/test-support'
import { openDatabase } from '../../store/connection'
import { loadPriceTable } from '../../pricing/price-table'
import { importFile } from '../pipeline'
import { tempFile } from '../test-fixtures'

const ev = (ph: string, name: string, ts: number, over: Record<string, unknown> = {}) => ({
  ph,
  name,
  ts,
  pid: 1,
  tid: 1,
  ...over,
})

describe('Chrome Trace Event format', () => {
  it('nests X slices and B/E pairs per thread with a stack, and names processes and threads', () => {
    const r = convertWith(chromeImporter, {
      traceEvents: [
        { ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'agent' } },
        { ph: 'M', name: 'thread_name', pid: 1, tid: 1, args: { name: 'main' } },
        ev('X', 'run', 0, { dur: 100 }),
        ev('E', 'llm', 60), // out of order in the file: matched after sorting by ts
        ev('B', 'llm', 10, { args: { model: 'gpt-4o', input_tokens: 5 } }),
        ev('B', 'inner', 20),
        ev('E', 'inner', 30, { args: { result: 'ok' } }),
        ev('X', 'other-thread', 10, { tid: 2, dur: 5 }),
        ev('X', 'no-dur', 70),
      ],
    })
    const [t] = r.traces
    const byName = Object.fromEntries(t.spans.map((s) => [s.name, s]))
    expect(byName.llm.parentId).toBe(byName.run.id)
    expect(byName.inner.parentId).toBe(byName.llm.id)
    expect([
      byName.inner.start,
      byName.inner.end,
      byName.inner.attributes?.['args.result'],
    ]).toEqual([20, 30, 'ok'])
    // Top-level slices sit on their thread's track, inside their process's track.
    expect(byName.run.parentId).toBe('track:1:1')
    expect(byName['other-thread'].parentId).toBe('track:1:2')
    expect(byName['main (tid 1)']).toMatchObject({
      id: 'track:1:1',
      parentId: 'track:1',
      start: 0,
      end: 100,
      attributes: { 'tracedeck.track': 'thread', 'thread.name': 'main' },
    })
    expect(byName['Thread 2']).toMatchObject({ parentId: 'track:1', start: 10, end: 15 })
    expect(byName['agent (pid 1)']).toMatchObject({
      id: 'track:1',
      parentId: null,
      start: 0,
      end: 100,
      attributes: { 'tracedeck.track': 'process' },
    })
    expect([byName['no-dur'].start, byName['no-dur'].end]).toEqual([70, 70])
    expect(byName.llm).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o',
      inputTokens: 5,
      service: 'agent',
    })
    expect(byName.run.attributes?.['thread.name']).toBe('main')
    expect(byName['other-thread'].service).toBe('agent')
  })

  it('reports unmatched ends and keeps unclosed begins open', () => {
    const r = convertWith(chromeImporter, [
      ev('E', 'stray', 1),
      ev('B', 'open', 2),
      ev('X', 'x', 3, { dur: 1 }),
    ])
    expect(r.warnings.join('\n')).toMatch(/1 end event.*without a matching begin/)
    expect(r.warnings.join('\n')).toMatch(/1 begin event.*never closed/)
    expect(r.traces[0].spans.find((s) => s.name === 'open')?.end).toBeNull()
  })

  it('names a trace without process names after its first top-level slice in time', () => {
    const r = convertWith(chromeImporter, [
      ev('X', 'later', 50, { dur: 5 }),
      ev('X', 'first', 10, { dur: 5 }),
    ])
    expect(r.traces[0].name).toBe('first')
  })

  it('records each unmatched begin and end as a repair, naming the event', () => {
    const r = convertWith(chromeImporter, [
      ev('E', 'stray', 1),
      ev('B', 'open', 2),
      ev('e', 'async-end', 4, { cat: 'net', id: '0x7' }),
      ev('b', 'async-open', 5, { cat: 'net', id: '0x8' }),
      ev('X', 'x', 3, { dur: 1 }),
    ])
    const open = r.traces[0].spans.find((s) => s.name === 'open')!
    expect(r.repairs).toEqual([
      {
        kind: 'unmatched',
        message: 'E event "stray" at 1 µs (pid 1, tid 1) has no matching begin; skipped',
      },
      {
        kind: 'unmatched',
        message: 'B event "open" was never closed; kept with no end',
        spanId: open.id,
      },
      {
        kind: 'unmatched',
        message: 'e event "async-end" at 4 µs (id 0x7) has no matching begin; skipped',
      },
      {
        kind: 'unmatched',
        message: 'b event "async-open" at 5 µs (id 0x8) was never closed; skipped',
      },
    ])
  })

  it("puts the importer's repairs in the file's import report", async () => {
    const db = openDatabase(':memory:')
    const path = tempFile(
      'unmatched.json',
      JSON.stringify([ev('E', 'stray', 1), ev('X', 'x', 3, { dur: 1 })]),
    )
    const report = await importFile(db, { path, prices: loadPriceTable() })
    expect(report.error).toBeUndefined()
    expect(report.repairs).toContainEqual({
      kind: 'unmatched',
      message: 'E event "stray" at 1 µs (pid 1, tid 1) has no matching begin; skipped',
    })
  })

  it('pairs async b/e by id across threads, nesting by id, as top-level spans', () => {
    const r = convertWith(chromeImporter, [
      ev('b', 'request', 0, { cat: 'net', id: '0x1' }),
      ev('b', 'phase', 5, { cat: 'net', id: '0x1', tid: 9 }),
      ev('e', 'phase', 8, { cat: 'net', id: '0x1', tid: 9 }),
      ev('e', 'request', 20, { cat: 'net', id: '0x1', tid: 3 }),
      ev('X', 'work', 0, { dur: 30 }),
    ])
    const spans = r.traces[0].spans
    const req = spans.find((s) => s.name === 'request')!
    const phase = spans.find((s) => s.name === 'phase')!
    expect([req.start, req.end, req.parentId, req.attributes?.['chrome.async']]).toEqual([
      0,
      20,
      'track:1:async:request',
      true,
    ])
    expect(phase.parentId).toBe(req.id)
    // The async track is its own track in the process, apart from the thread's slices.
    const asyncTrack = spans.find((s) => s.id === 'track:1:async:request')!
    expect(asyncTrack).toMatchObject({ name: 'request (async)', parentId: 'track:1' })
    expect(spans.find((s) => s.name === 'work')!.parentId).toBe('track:1:1')
  })

  it('keeps instant events outside every slice as marks on their thread or process track', () => {
    const r = convertWith(chromeImporter, [
      ev('X', 'work', 100, { dur: 10 }),
      ev('i', 'navigationStart', 20, { s: 't' }),
      ev('I', 'TracingStartedInBrowser', 5, { s: 'p', args: { data: 1 } }),
    ])
    const spans = r.traces[0].spans
    const thread = spans.find((s) => s.id === 'track:1:1')!
    const proc = spans.find((s) => s.id === 'track:1')!
    expect(thread.events?.map((e) => [e.name, e.time])).toEqual([['navigationStart', 20]])
    expect(proc.events?.map((e) => [e.name, e.time])).toEqual([['TracingStartedInBrowser', 5]])
    // Tracks cover their marks as well as their slices.
    expect([thread.start, thread.end, proc.start, proc.end]).toEqual([20, 110, 5, 110])
    expect(r.warnings).toEqual([])
  })

  it('attaches instant events to the innermost enclosing slice and rounds fractional µs', () => {
    const r = convertWith(chromeImporter, [
      ev('X', 'outer', 0.4, { dur: 10.2 }),
      ev('X', 'inner', 2, { dur: 3 }),
      ev('i', 'mark', 3.6, { s: 't' }),
    ])
    const inner = r.traces[0].spans.find((s) => s.name === 'inner')!
    expect(inner.events).toEqual([{ name: 'mark', time: 4 }])
    expect(r.traces[0].spans.find((s) => s.name === 'outer')).toMatchObject({ start: 0, end: 11 })
  })

  it('detects bare event arrays and {traceEvents}, not other arrays', () => {
    expect(chromeImporter.detect([{ ph: 'X' }])).toBeTruthy()
    expect(chromeImporter.detect({ traceEvents: [] })).toBeTruthy()
    expect(chromeImporter.detect([{ name: 'x' }])).toBeNull()
    expect(() =>
      chromeImporter.convert({ traceEvents: [] }, { file: 'f', warn: () => undefined }),
    ).toThrow(/no complete/)
  })
})
