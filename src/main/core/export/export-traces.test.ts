import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RawTrace, Span, Trace } from '../../../shared/model'
import { createLibrary } from '../library-service'
import { agentTrace, span, T0, tempFile, tracedeckExportText } from '../import/test-fixtures'
import { exportFromLibrary } from './export-traces'
import { isoMicros, parseIsoMicros } from './tracedeck-format'

function lib() {
  return createLibrary({ dbPath: ':memory:', useWorker: false })
}

/** A trace and its spans as a user sees them, without what depends on the file it came from. */
async function content(l: ReturnType<typeof lib>, id: string) {
  const { trace } = await l.handlers.getTrace({ id })
  const spans: Span[] = []
  for (let i = 0; i < trace.spanCount; i++)
    spans.push(await l.handlers.getSpan({ traceId: id, index: i }))
  const { id: _id, source: _source, ...rest } = trace as Trace
  return { trace: rest, spans }
}

const tricky: RawTrace = {
  sourceTraceId: 'tricky',
  name: 'Tricky run',
  userId: 'u-9',
  environment: 'prod',
  project: 'demo',
  attributes: { 'service.name': 'agent', nested: { a: [1, 2] } },
  spans: [
    span('root', null, 'root', 0.001, 10.5, {
      events: [{ name: 'start', time: T0 + 7, attributes: { n: 1 } }],
    }),
    span('open', 'root', 'never ended', 1, null),
    span('skew', 'root', 'early', -1, 3),
    span('lost', 'elsewhere', 'orphan', 2, 1),
    span('llm', 'root', 'chat', 3, 2, {
      model: 'gpt-4o-mini',
      inputTokens: 7,
      outputTokens: 3,
      cost: 0.001,
      provider: 'openai',
      service: 'svc',
    }),
    span('est', 'root', 'chat', 6, 2, {
      model: 'gpt-4o-mini',
      inputTokens: 70,
      failed: true,
      error: { type: 'E', message: 'bad', stack: 'at x' },
    }),
  ],
}

describe('tracedeck export v1', () => {
  it('round-trips: export → import gives the same traces back', async () => {
    const a = lib()
    const [ra] = await a.handlers.importFiles({
      paths: [tempFile('orig.json', tracedeckExportText([agentTrace('t1'), tricky]))],
      jobId: 'a',
    })
    expect(ra.error).toBeUndefined()
    const doc = exportFromLibrary(
      a.db,
      ra.traces.map((t) => t.id),
    )
    expect(doc).toMatchObject({ format: 'tracedeck', version: 1 })
    expect(doc.traces[1].spans.map((s) => s.name)).toEqual([
      'root',
      'early',
      'never ended',
      'chat',
      'chat',
      'orphan',
    ])

    for (const streamed of [false, true]) {
      const b = createLibrary({ dbPath: ':memory:', useWorker: false })
      const path = tempFile('export.json', JSON.stringify(doc, null, streamed ? 2 : 0))
      const [rb] = streamed
        ? await importStreamed(b, path)
        : await b.handlers.importFiles({ paths: [path], jobId: 'b' })
      expect(rb.error).toBeUndefined()
      expect(rb.format).toBe('tracedeck')
      for (let i = 0; i < ra.traces.length; i++) {
        expect(await content(b, rb.traces[i].id)).toEqual(await content(a, ra.traces[i].id))
      }
      b.close()
    }
    a.close()
  })

  it('writes the documented fields, times relative to the trace start', async () => {
    const a = lib()
    const [r] = await a.handlers.importFiles({
      paths: [tempFile('o.json', tracedeckExportText([agentTrace('t1')]))],
      jobId: 'a',
    })
    const t = exportFromLibrary(a.db, [r.traces[0].id]).traces[0]
    expect(Object.keys(t)).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'sessionId',
        'userId',
        'tags',
        'startTime',
        'durationMs',
        'status',
        'spanCount',
        'errorCount',
        'retryCount',
        'inputTokens',
        'outputTokens',
        'cost',
        'costEstimated',
        'models',
        'source',
        'spans',
      ]),
    )
    expect(Object.keys(t.spans[0])).toEqual(
      expect.arrayContaining([
        'id',
        'parentId',
        'name',
        'kind',
        'status',
        'startMs',
        'durationMs',
        'depth',
        'service',
        'model',
        'provider',
        'inputTokens',
        'outputTokens',
        'cost',
        'input',
        'output',
        'error',
        'attributes',
        'events',
      ]),
    )
    expect(t.startTime).toBe(isoMicros(T0))
    expect(t.spans[2]).toMatchObject({
      name: 'chat gpt-4o',
      startMs: 200,
      durationMs: 300,
      status: 'ok',
      costEstimated: true,
    })
    expect(t.source).toEqual({ format: 'tracedeck', file: 'o.json' })
    expect(() => exportFromLibrary(a.db, ['nope'])).toThrow('No trace with id nope')
    a.close()
  })

  it('keeps microseconds in ISO times', () => {
    expect(isoMicros(1_750_000_000_123_456)).toBe('2025-06-15T15:06:40.123456Z')
    expect(parseIsoMicros('2025-06-15T15:06:40.123456Z')).toBe(1_750_000_000_123_456)
    expect(parseIsoMicros('2025-06-15T17:06:40.1+02:00')).toBe(1_750_000_000_100_000)
    expect(parseIsoMicros('yesterday')).toBeUndefined()
  })

  it('refuses a newer version with a clear message', async () => {
    const a = lib()
    const path = tempFile(
      'v2.json',
      JSON.stringify({ format: 'tracedeck', version: 2, traces: [] }),
    )
    const [r] = await a.handlers.importFiles({ paths: [path], jobId: 'a' })
    expect(r.error).toBe(
      'Cannot import v2.json: it is a tracedeck export of version 2; this tracedeck reads version 1',
    )
    writeFileSync(path, '')
    a.close()
  })
})

async function importStreamed(l: ReturnType<typeof lib>, path: string) {
  const { importFile } = await import('../import/pipeline')
  const { loadPriceTable } = await import('../pricing/price-table')
  return [
    await importFile(l.db, { path, prices: loadPriceTable(), streamThreshold: 0, chunkSize: 97 }),
  ]
}
