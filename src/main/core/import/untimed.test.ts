import { describe, expect, it } from 'vitest'
import { openDatabase } from '../store/connection'
import { loadPriceTable } from '../pricing/price-table'
import { importFile } from './pipeline'
import { tempFile } from './test-fixtures'

const prices = loadPriceTable()

/** An OTLP/JSON request whose spans carry the given (start, end) time strings. */
function otlp(times: [string, string][]): string {
  const spans = times.map(([start, end], i) => ({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: `00f067aa0ba902b${i}`,
    parentSpanId: i === 0 ? '' : '00f067aa0ba902b0',
    name: `step ${i}`,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
  }))
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }],
  })
}

/** A Jaeger UI export whose spans have the given start times (µs, or something unreadable). */
function jaeger(starts: unknown[]): string {
  const spans = starts.map((startTime, i) => ({
    traceID: '463ac35c9f6413ad',
    spanID: `a2fb4a1d1a96d31${i}`,
    operationName: `step ${i}`,
    references: i
      ? [{ refType: 'CHILD_OF', traceID: '463ac35c9f6413ad', spanID: 'a2fb4a1d1a96d310' }]
      : [],
    startTime,
    duration: 10,
    processID: 'p1',
  }))
  return JSON.stringify({
    data: [{ traceID: '463ac35c9f6413ad', spans, processes: { p1: { serviceName: 'svc' } } }],
  })
}

const ways = [
  ['whole', {}],
  ['streamed', { streamThreshold: 0, chunkSize: 53 }],
] as const

describe.each(ways)('a file with unusable times (%s)', (_, opts) => {
  it('is refused, naming the file, when no span has a usable time; the library is unchanged', async () => {
    const db = openDatabase(':memory:')
    const path = tempFile(
      'bad-times.json',
      otlp([
        ['abc', 'def'],
        ['', 'x'],
      ]),
    )
    const report = await importFile(db, { path, prices, ...opts })
    expect(report.error).toMatch(
      /^Cannot import bad-times\.json: it is OTLP.* but no span has a usable start time/,
    )
    expect(db.prepare('SELECT count(*) FROM traces').pluck().get()).toBe(0)
  })

  it('still imports, with a repair warning, when only some spans lack a start', async () => {
    const db = openDatabase(':memory:')
    const path = tempFile(
      'some-times.json',
      otlp([
        ['1749823200000000000', '1749823201000000000'],
        ['abc', 'def'],
      ]),
    )
    const report = await importFile(db, { path, prices, ...opts })
    expect(report.error).toBeUndefined()
    expect(report.warnings.join('\n')).toMatch(/has no start time; placed at the trace start/)
    const start = db.prepare('SELECT start FROM traces').pluck().get() as number
    expect(new Date(start / 1000).getUTCFullYear()).toBe(2025)
  })

  it('refuses an untimed file of another format the same way (Jaeger)', async () => {
    const db = openDatabase(':memory:')
    const bad = await importFile(db, {
      path: tempFile('j.json', jaeger(['abc', null])),
      prices,
      ...opts,
    })
    expect(bad.error).toMatch(/^Cannot import j\.json: .*no span has a usable start time/)
    const some = await importFile(db, {
      path: tempFile('j2.json', jaeger([1_700_000_000_000_000, 'abc'])),
      prices,
      ...opts,
    })
    expect(some.error).toBeUndefined()
  })
})
