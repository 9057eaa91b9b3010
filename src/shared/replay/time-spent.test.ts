import { describe, expect, it } from 'vitest'
import { toReplayColumns } from './columns'
import { spanTableOf } from './table-fixture'
import { criticalPath, pathSpans, timeBreakdown, trackTest } from './time-spent'

// run 0–1000 ms: plan (llm 0–200), search (tool 220–700) ∥ lookup (retriever 250–400),
// answer (llm 720–950) with fetch (tool 730–800) inside; the run's own code fills the gaps.
const cols = toReplayColumns(
  spanTableOf([
    {
      name: 'run',
      kind: 'agent',
      startMs: 0,
      durationMs: 1000,
      children: [
        { name: 'plan', kind: 'llm', model: 'gpt-4o-mini', startMs: 0, durationMs: 200 },
        { name: 'search', kind: 'tool', startMs: 220, durationMs: 480 },
        { name: 'lookup', kind: 'retriever', startMs: 250, durationMs: 150 },
        {
          name: 'answer',
          kind: 'llm',
          model: 'gpt-4o',
          startMs: 720,
          durationMs: 230,
          children: [{ name: 'fetch', kind: 'tool', startMs: 730, durationMs: 70 }],
        },
      ],
    },
  ]),
)
const ms = (v: number) => v * 1000
const idx = (name: string) =>
  cols.names.indexOf(name) >= 0 && [...cols.name].indexOf(cols.names.indexOf(name))

describe('critical path', () => {
  it('follows the child that finished last, back to the trace start (Jaeger)', () => {
    const path = criticalPath(cols)
    const named = path.map((s) => [cols.names[cols.name[s.index]], s.start / 1000, s.end / 1000])
    expect(named).toEqual([
      ['plan', 0, 200],
      ['run', 200, 220],
      // search finished last before answer started; lookup ran in parallel and is off the path.
      ['search', 220, 700],
      ['run', 700, 720],
      ['answer', 720, 730],
      ['fetch', 730, 800],
      ['answer', 800, 950],
      ['run', 950, 1000],
    ])
    // The path covers the whole trace, once.
    expect(path.reduce((a, s) => a + s.end - s.start, 0)).toBe(ms(1000))
    expect(pathSpans(path).map((p) => p.index)).not.toContain(idx('lookup'))
  })

  it('cuts children that run past their parent, and handles an empty trace', () => {
    const skew = toReplayColumns(
      spanTableOf([
        {
          name: 'root',
          startMs: 0,
          durationMs: 100,
          children: [{ name: 'late', startMs: 50, durationMs: 100 }],
        },
      ]),
    )
    const path = criticalPath(skew).map((s) => [
      skew.names[skew.name[s.index]],
      s.start / 1000,
      s.end / 1000,
    ])
    // The late child is cut at its parent's end (100 ms), as Jaeger UI does.
    expect(path).toEqual([
      ['root', 0, 50],
      ['late', 50, 100],
    ])
    expect(criticalPath(toReplayColumns(spanTableOf([])))).toEqual([])
  })
})

describe('where the time went', () => {
  it('sums self time per kind group and per model / tool name, with the span to jump to', () => {
    const b = timeBreakdown(cols)
    const kinds = Object.fromEntries(b.byKind.map((r) => [r.label, r.self / 1000]))
    // run: 1000 − union(0–200, 220–700, 720–950) = 90 ms of its own.
    expect(kinds).toEqual({ LLM: 200 + 160, Tool: 480 + 70, Retrieval: 150, 'Own code': 90 })
    expect(b.total).toBe(ms(360 + 550 + 150 + 90))
    expect(b.byKind[0].label).toBe('Tool')
    expect(b.byKind[0].share).toBeCloseTo(550 / 1150)
    const names = Object.fromEntries(b.byName.map((r) => [r.label, [r.self / 1000, r.spans]]))
    expect(names).toEqual({
      'gpt-4o-mini': [200, 1],
      'gpt-4o': [160, 1],
      search: [480, 1],
      fetch: [70, 1],
      lookup: [150, 1],
    })
    expect(b.byKind.find((r) => r.label === 'LLM')!.top).toBe(idx('plan'))
  })

  it('leaves out the tracks of a Chrome trace (structure, not own code)', () => {
    const chrome = toReplayColumns(
      spanTableOf([
        {
          name: 'Renderer (pid 2)',
          startMs: 0,
          durationMs: 100,
          children: [
            {
              name: 'CrRendererMain (tid 21)',
              startMs: 0,
              durationMs: 100,
              children: [{ name: 'RunTask', startMs: 10, durationMs: 30 }],
            },
          ],
        },
      ]),
    )
    const b = timeBreakdown(chrome, trackTest(chrome, 'chrome'))
    expect(b.byKind).toEqual([{ label: 'Own code', self: ms(30), share: 1, spans: 1, top: 2 }])
    // Another format: nothing is a track.
    expect(timeBreakdown(chrome, trackTest(chrome, 'otlp')).total).toBe(ms(100))
  })
})
