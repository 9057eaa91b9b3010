import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiEvents } from '../../shared/api'
import { APP_VERSION, createLibrary, type Library } from './library-service'
import { agentTrace, span, T0, tempFile, tracedeckExportText } from './import/test-fixtures'

let lib: Library | undefined
afterEach(() => {
  lib?.close()
  lib = undefined
})

function open(events: { name: string; payload: unknown }[] = []) {
  lib = createLibrary({
    dbPath: ':memory:',
    useWorker: false,
    emit: <E extends keyof ApiEvents>(name: E, payload: ApiEvents[E]) =>
      events.push({ name, payload }),
  })
  return lib
}

describe('createLibrary', () => {
  it('imports a file and serves the trace, its span table, a span with payloads and search', async () => {
    const events: { name: string; payload: unknown }[] = []
    const { handlers } = open(events)
    const path = tempFile('run.json', tracedeckExportText([agentTrace()]))
    const [report] = await handlers.importFiles({ paths: [path], jobId: 'j1' })
    expect(report.error).toBeUndefined()
    expect(report.format).toBe('tracedeck')
    expect(report.traces).toHaveLength(1)
    const id = report.traces[0].id

    const { trace } = await handlers.getTrace({ id })
    expect(trace).toMatchObject({
      name: 'agent run',
      spanCount: 4,
      status: 'warning',
      retryCount: 1,
      sessionId: 'session-1',
    })
    expect(trace.inputTokens).toBe(1000)
    expect(trace.costEstimated).toBe(true)
    expect(trace.cost).toBeCloseTo((1000 * 2.5 + 200 * 10) / 1e6)

    const table = await handlers.getSpanTable({ id })
    expect(table.count).toBe(4)
    expect(table.origin).toBe(T0)
    expect(table.parentIndex).toEqual([-1, 0, 0, 0])
    expect(table.status).toEqual([0, 2, 0, 0]) // the failed call was retried
    expect(table.names[table.name[3]]).toBe('get_weather')

    const llm = await handlers.getSpan({ traceId: id, index: 2 })
    expect(llm.output?.messages?.[0].text).toBe('Let me call the weather tool.')
    expect(llm.attributes).toEqual({ 'gen_ai.request.temperature': 0 })

    expect(await handlers.searchSpans({ traceId: id, text: 'weather' })).toEqual([1, 2, 3])
    expect(await handlers.searchSpans({ traceId: id, text: 'sunny' })).toEqual([3])
    expect(await handlers.searchSpans({ traceId: id, kind: 'llm', status: 'retry' })).toEqual([1])
    expect(await handlers.searchSpans({ traceId: id, text: 'nothing-like-this' })).toEqual([])

    expect(events.some((e) => e.name === 'libraryChanged')).toBe(true)
    const done = events
      .filter((e) => e.name === 'importProgress')
      .map((e) => e.payload as ApiEvents['importProgress'])
    expect(done.at(-1)).toMatchObject({ phase: 'done', jobId: 'j1', fileCount: 1 })
  })

  it('recognises a re-import of the same content and answers from the library', async () => {
    const { handlers, db } = open()
    const text = tracedeckExportText([agentTrace()])
    const [first] = await handlers.importFiles({ paths: [tempFile('a.json', text)], jobId: 'j1' })
    const [again] = await handlers.importFiles({
      paths: [tempFile('copy.json', text)],
      jobId: 'j2',
    })
    expect(again.cached).toBe(true)
    expect(again.file).toBe('copy.json')
    expect(again.traces).toEqual(first.traces)
    expect(db.prepare('SELECT count(*) FROM traces').pluck().get()).toBe(1)
  })

  it('reports bad files clearly and keeps the library unchanged', async () => {
    const { handlers } = open()
    const good = await handlers.importFiles({
      paths: [tempFile('good.json', tracedeckExportText([agentTrace()]))],
      jobId: 'g',
    })
    const before = await handlers.listTraces({})
    const reports = await handlers.importFiles({
      paths: [
        tempFile('empty.json', ''),
        tempFile('garbage.json', 'this is not json at all'),
        tempFile('truncated.json', '{"format":"tracedeck","version":1,"traces":[{"id":"x"'),
        tempFile('binary.bin', Buffer.from([0, 1, 2, 3, 0, 255])),
        tempFile('other.json', '{"hello":"world"}'),
        tempFile('nospans.json', '{"format":"tracedeck","version":1,"traces":[]}'),
        '/nonexistent/file.json',
      ],
      jobId: 'bad',
    })
    expect(reports.map((r) => r.error)).toEqual([
      'Cannot import empty.json: the file is empty',
      expect.stringMatching(/^Cannot import garbage.json: it is not valid JSON/),
      'Cannot import truncated.json: the JSON ends in the middle of a value (the file looks truncated)',
      expect.stringMatching(/^Cannot import binary.bin: it is a binary file/),
      expect.stringMatching(
        /^Cannot import other.json: it is not a trace format tracedeck recognises. Expected one of: .*tracedeck export/,
      ),
      expect.stringMatching(/^Cannot import nospans.json: .*holds no spans/),
      'Cannot import file.json: the file does not exist',
    ])
    expect(await handlers.listTraces({})).toEqual(before)
    expect(good[0].error).toBeUndefined()
  })

  it('deletes traces with their spans, payloads and search entries; the file can be imported again', async () => {
    const { handlers, db } = open()
    const path = tempFile('run.json', tracedeckExportText([agentTrace('t1'), agentTrace('t2')]))
    const [r] = await handlers.importFiles({ paths: [path], jobId: 'j' })
    expect(r.traces).toHaveLength(2)
    expect(await handlers.deleteTraces({ ids: [r.traces[0].id, 'unknown'] })).toBe(1)
    await expect(handlers.getTrace({ id: r.traces[0].id })).rejects.toThrow(/No trace/)
    expect(
      db.prepare('SELECT count(*) FROM spans WHERE trace_id = ?').pluck().get(r.traces[0].id),
    ).toBe(0)
    // A partly deleted file is imported afresh, not answered from the cache.
    const [again] = await handlers.importFiles({ paths: [path], jobId: 'k' })
    expect(again.cached).toBeUndefined()
    expect(again.error).toBeUndefined()
    expect(db.prepare('SELECT count(*) FROM traces').pluck().get()).toBe(2)
    expect(await handlers.searchSpans({ traceId: r.traces[1].id, text: 'sunny' })).toEqual([3])
    expect(await handlers.deleteTraces({ ids: again.traces.map((t) => t.id) })).toBe(2)
    expect(db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(0)
    expect(
      db.prepare("SELECT count(*) FROM span_fts WHERE span_fts MATCH 'sunny'").pluck().get(),
    ).toBe(0)
  })

  it('searches the full text of every trace from the library, and says which span matched', async () => {
    const { handlers } = open()
    const other = agentTrace('trace-2')
    other.spans[3].output = { value: 'rain all day' }
    other.spans[3].name = 'get_forecast'
    const path = tempFile('two.json', tracedeckExportText([agentTrace(), other]))
    await handlers.importFiles({ paths: [path], jobId: 'j' })
    // A word only in a tool's output, not in any trace-level field.
    const sunny = await handlers.listTraces({ text: 'sunny' })
    expect(sunny.map((t) => t.sourceTraceId)).toEqual(['trace-1'])
    expect(sunny[0].match).toMatchObject({ name: 'get_weather', kind: 'tool', field: 'output', index: 3 })
    expect(sunny[0].match?.excerpt).toContain('sunny, 24°C')
    // A span name; every word must be found somewhere in the trace.
    expect((await handlers.listTraces({ text: 'forecast' })).map((t) => t.sourceTraceId)).toEqual(['trace-2'])
    expect(await handlers.listTraces({ text: 'sunny forecast' })).toEqual([])
    // kind: — traces with a span of that kind; sessions take it too.
    expect(await handlers.listTraces({ kind: 'retriever' })).toEqual([])
    expect((await handlers.listTraces({ kind: 'tool' })).length).toBe(2)
    expect((await handlers.listSessions({ text: 'rain' })).map((s) => s.id)).toEqual(['session-1'])
  })

  it('throws not-found for unknown traces and spans', async () => {
    const { handlers } = open()
    await expect(handlers.getSpanTable({ id: 'nope' })).rejects.toMatchObject({ code: 'not-found' })
    const [r] = await handlers.importFiles({
      paths: [
        tempFile(
          'a.json',
          tracedeckExportText([{ sourceTraceId: 'x', spans: [span('s', null, 'one', 0, 1)] }]),
        ),
      ],
      jobId: 'j',
    })
    await expect(handlers.getSpan({ traceId: r.traces[0].id, index: 5 })).rejects.toThrow(
      /has no span 5/,
    )
  })

  it('reports the package version', async () => {
    const { handlers } = open()
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'))
    expect((await handlers.appInfo({})).version).toBe(pkg.version)
    expect(APP_VERSION).toBe(pkg.version)
  })
})
