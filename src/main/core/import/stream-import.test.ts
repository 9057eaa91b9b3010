import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import type { RawTrace } from '../../../shared/model'
import { openDatabase, type Db } from '../store/connection'
import { loadPriceTable } from '../pricing/price-table'
import { importFile, type ImportFileOptions } from './pipeline'
import { agentTrace, span, tempFile, tracedeckExportText } from './test-fixtures'

const prices = loadPriceTable()

/** Everything an import wrote, minus import times. */
function dump(db: Db) {
  const rows = (sql: string) => db.prepare(sql).all()
  return {
    traces: rows('SELECT * FROM traces ORDER BY id').map((r) => ({
      ...(r as object),
      imported_at: 0,
    })),
    spans: rows('SELECT * FROM spans ORDER BY trace_id, idx'),
    spanTables: rows('SELECT * FROM trace_span_tables ORDER BY trace_id'),
    payloads: rows(
      'SELECT trace_id, idx, input, output, error, attributes, events FROM span_payloads ORDER BY trace_id, idx',
    ),
    fts: db
      .prepare(
        "SELECT p.trace_id, p.idx FROM span_fts JOIN span_payloads p ON p.rowid = span_fts.rowid WHERE span_fts MATCH 'weather OR sunny OR chat' ORDER BY 1, 2",
      )
      .all(),
  }
}

function importInto(path: string, extra: Partial<ImportFileOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-stream-'))
  const dbPath = join(dir, 'library.db')
  const db = openDatabase(dbPath)
  return importFile(db, { path, prices, dbPath, ...extra }).then((report) => ({ db, report, dir }))
}

/** OTLP JSON written by hand in the exporter's key order (resource before scopeSpans). */
function otlpRequest(
  traceId: string,
  spans: {
    id: string
    parent?: string
    name: string
    at: number
    model?: string
    tokens?: number
    prompt?: string
  }[],
) {
  const ns = (ms: number) => `${BigInt(1_750_000_000_000) * 1_000_000n + BigInt(ms) * 1_000_000n}`
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'agent' } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((s) => ({
              traceId,
              spanId: s.id,
              parentSpanId: s.parent ?? '',
              name: s.name,
              kind: 1,
              startTimeUnixNano: ns(s.at),
              endTimeUnixNano: ns(s.at + 10),
              attributes: [
                ...(s.model
                  ? [{ key: 'gen_ai.request.model', value: { stringValue: s.model } }]
                  : []),
                ...(s.tokens
                  ? [{ key: 'gen_ai.usage.input_tokens', value: { intValue: String(s.tokens) } }]
                  : []),
                ...(s.prompt
                  ? [
                      { key: 'gen_ai.prompt.0.role', value: { stringValue: 'user' } },
                      { key: 'gen_ai.prompt.0.content', value: { stringValue: s.prompt } },
                    ]
                  : []),
              ],
              status: {},
            })),
          },
        ],
      },
    ],
  }
}

const T1 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const T2 = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'

describe('streamed import', () => {
  it('gives exactly what the whole-file import gives, at any chunk size', async () => {
    const raws: RawTrace[] = [
      agentTrace('t1'),
      agentTrace('t2'),
      { sourceTraceId: 'odd', spans: [span('o', 'missing', 'orphan "é😀"', 0, null)] },
    ]
    const path = tempFile('many.json', tracedeckExportText(raws))
    const whole = await importInto(path)
    expect(whole.report.error).toBeUndefined()
    const expected = dump(whole.db)
    expect(expected.spans).toHaveLength(9)
    for (const chunkSize of [7, 61, 4096]) {
      const streamed = await importInto(path, { streamThreshold: 0, chunkSize })
      expect(streamed.report).toEqual(whole.report)
      expect(dump(streamed.db)).toEqual(expected)
      expect(readdirSync(streamed.dir)).not.toContainEqual(expect.stringMatching(/import-.*\.tmp/))
    }
  })

  it('streams OTLP span by span and merges a trace split across JSON Lines documents', async () => {
    const lines = [
      otlpRequest(T1, [
        {
          id: '0000000000000002',
          parent: '0000000000000001',
          name: 'chat',
          at: 5,
          model: 'gpt-4o',
          tokens: 10,
          prompt: 'weather?',
        },
      ]),
      otlpRequest(T2, [{ id: '0000000000000009', name: 'other', at: 0 }]),
      otlpRequest(T1, [{ id: '0000000000000001', name: 'agent', at: 0 }]),
    ]
      .map((r) => JSON.stringify(r))
      .join('\n')
    const path = tempFile('otlp.jsonl', lines)
    const whole = await importInto(path)
    const streamed = await importInto(path, { streamThreshold: 0, chunkSize: 13 })
    expect(streamed.report.error).toBeUndefined()
    expect(streamed.report.format).toBe('otlp')
    expect(streamed.report.traces.map((t) => [t.name, t.spanCount])).toEqual([
      ['agent', 2],
      ['other', 1],
    ])
    expect(dump(streamed.db)).toEqual(dump(whole.db))

    const single = tempFile(
      'one.json',
      JSON.stringify(
        otlpRequest(T1, [
          {
            id: '0000000000000002',
            parent: '0000000000000001',
            name: 'chat',
            at: 5,
            model: 'gpt-4o',
            tokens: 10,
            prompt: 'weather?',
          },
          { id: '0000000000000001', name: 'agent', at: 0 },
        ]),
      ),
    )
    const s1 = await importInto(single, { streamThreshold: 0, chunkSize: 5 })
    const w1 = await importInto(single)
    expect(s1.report.traces).toEqual(w1.report.traces)
    expect(dump(s1.db)).toEqual(dump(w1.db))
    expect(s1.db.prepare('SELECT input_tokens, model FROM spans WHERE idx = 1').get()).toEqual({
      input_tokens: 10,
      model: 'gpt-4o',
    })
  })

  it('fails a truncated or broken streamed file cleanly, leaving the library as it was', async () => {
    const text = tracedeckExportText([agentTrace('t1'), agentTrace('t2')])
    const cut = await importInto(
      tempFile('cut.json', text.slice(0, Math.floor(text.length * 0.8))),
      { streamThreshold: 0, chunkSize: 100 },
    )
    expect(cut.report.error).toMatch(
      /^Cannot import cut.json: the JSON ends in the middle of a value at byte \d+ \(the file looks truncated\)/,
    )
    const broken = await importInto(
      tempFile('broken.json', text.replace('"spans":[{', '"spans":[{,')),
      { streamThreshold: 0 },
    )
    expect(broken.report.error).toMatch(
      /^Cannot import broken.json: it is not valid JSON \(line \d+, column \d+: expected/,
    )
    // Past the head, a broken unit is named by its byte offset.
    const late = text.lastIndexOf('"spans":[{')
    const brokenLate = await importInto(
      tempFile(
        'late.json',
        text.slice(0, late) + text.slice(late).replace('"spans":[{', '"spans":[{,'),
      ),
      {
        streamThreshold: 0,
        headBytes: late - 10,
      },
    )
    expect(brokenLate.report.error).toMatch(
      /^Cannot import late.json: invalid JSON in the value starting at byte \d+/,
    )
    for (const r of [cut, broken, brokenLate]) {
      expect(r.db.prepare('SELECT count(*) FROM traces').pluck().get()).toBe(0)
      expect(readdirSync(r.dir)).toEqual(
        expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]),
      )
      expect(
        r.db
          .prepare("SELECT count(*) FROM pragma_database_list WHERE name = 'stage'")
          .pluck()
          .get(),
      ).toBe(0)
    }
  })

  it('says what it expected for an unrecognised big file', async () => {
    const r = await importInto(tempFile('x.json', JSON.stringify({ items: [1, 2, 3] })), {
      streamThreshold: 0,
    })
    expect(r.report.error).toMatch(
      /not a trace format tracedeck recognises. Expected one of: .*OTLP JSON/,
    )
  })

  it('cancels mid-stream leaving nothing behind', async () => {
    const path = tempFile(
      'big.json',
      tracedeckExportText(Array.from({ length: 50 }, (_, i) => agentTrace(`t${i}`))),
    )
    let chunks = 0
    const r = await importInto(path, {
      streamThreshold: 0,
      chunkSize: 512,
      isCancelled: () => ++chunks > 20,
    })
    expect(r.report.error).toBe('Import cancelled')
    expect(dump(r.db).spans).toEqual([])
    expect(existsSync(join(dirname(join(r.dir, 'library.db'))))).toBe(true)
    expect(readdirSync(r.dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})

describe('streamed import, second pass', () => {
  it('cancelled while committing: rolled back, nothing left', async () => {
    const path = tempFile(
      'big.json',
      tracedeckExportText(Array.from({ length: 30 }, (_, i) => agentTrace(`t${i}`))),
    )
    let committing = false
    const r = await importInto(path, {
      streamThreshold: 0,
      chunkSize: 256,
      onProgress: (done, _total, phase) => {
        if (phase === 'committing' && done > 2000) committing = true
      },
      isCancelled: () => committing,
    })
    expect(r.report.error).toBe('Import cancelled')
    expect(dump(r.db)).toEqual({ traces: [], spans: [], spanTables: [], payloads: [], fts: [] })
    expect(r.db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(0)
  })
})

/** A Chrome trace's events: names, complete and begin/end slices, async pairs, instants with args. */
function chromeEvents(threads: number, perThread: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [
    { ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'Renderer' } },
  ]
  for (let t = 1; t <= threads; t++) {
    events.push({ ph: 'M', name: 'thread_name', pid: 1, tid: t, args: { name: `Worker ${t}` } })
    for (let i = 0; i < perThread; i++) {
      const at = i * 100
      events.push({ ph: 'X', name: `task ${i % 7}`, cat: 'v8', pid: 1, tid: t, ts: at, dur: 80 })
      events.push({ ph: 'B', name: 'inner', pid: 1, tid: t, ts: at + 10, args: { n: i } })
      events.push({ ph: 'i', name: 'mark', pid: 1, tid: t, ts: at + 20, s: 't' })
      events.push({ ph: 'E', name: 'inner', pid: 1, tid: t, ts: at + 30, args: { ok: true } })
    }
  }
  events.push({ ph: 'b', name: 'fetch', cat: 'net', id: '0x1', pid: 1, tid: 1, ts: 5 })
  events.push({ ph: 'e', name: 'fetch', cat: 'net', id: '0x1', pid: 1, tid: 2, ts: 95 })
  events.push({ ph: 'E', name: 'stray', pid: 1, tid: 1, ts: 99 })
  return events
}

describe('streamed Chrome traces', () => {
  it('give exactly what the whole-file import gives, object and array forms', async () => {
    const events = chromeEvents(3, 40)
    const files = [
      tempFile('obj.json', JSON.stringify({ metadata: { product: 'x' }, traceEvents: events })),
      tempFile('arr.json', JSON.stringify(events)),
    ]
    for (const path of files) {
      const whole = await importInto(path)
      expect(whole.report.error).toBeUndefined()
      expect(whole.report.format).toBe('chrome')
      const streamed = await importInto(path, { streamThreshold: 0, chunkSize: 97, headBytes: 300 })
      expect(streamed.report.error).toBeUndefined()
      expect(streamed.report.traces).toEqual(whole.report.traces)
      expect(streamed.report.warnings).toEqual(whole.report.warnings)
      expect(dump(streamed.db)).toEqual(dump(whole.db))
    }
  })

  it('read a trace cut short of its closing bracket, saying so', async () => {
    const text = JSON.stringify(chromeEvents(2, 10))
    for (const cut of [text.slice(0, -1), `${text.slice(0, -1)},\n`]) {
      const path = tempFile('cut.json', cut)
      const whole = await importInto(path)
      const streamed = await importInto(path, { streamThreshold: 0, chunkSize: 64 })
      expect(streamed.report.error).toBeUndefined()
      expect(streamed.report.warnings).toContain('the closing "]" was missing')
      expect(dump(streamed.db)).toEqual(dump(whole.db))
    }
    // Cut inside an event: refused, as a whole parse refuses it.
    const inside = await importInto(tempFile('mid.json', text.slice(0, -20)), {
      streamThreshold: 0,
    })
    expect(inside.report.error).toMatch(/^Cannot import mid\.json: the JSON ends in the middle/)
  })

  it('hand the pipeline more spans than one fragment holds, in the same order', async () => {
    // 2 threads × 4,200 × 2 slices: past the 16,384 spans of one streamed fragment.
    const path = tempFile('big.json', JSON.stringify({ traceEvents: chromeEvents(2, 4200) }))
    const whole = await importInto(path)
    const streamed = await importInto(path, { streamThreshold: 0 })
    expect(streamed.report.traces[0].spanCount).toBeGreaterThan(16_384)
    expect(dump(streamed.db)).toEqual(dump(whole.db))
  })
})
