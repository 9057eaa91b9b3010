import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../store/connection'
import { loadPriceTable } from '../../pricing/price-table'
import { readSpan, readTraceDetail } from '../../store/trace-queries'
import { importFile } from '../pipeline'
import { tempFile } from '../test-fixtures'
import { decodeTraceRequest, sniffOtlpProtobuf } from './otlp/protobuf'
import { LLM_RUN, recordLlmRun } from '../../../../../test/fixtures/otlp-llm-run'

const prices = loadPriceTable()

/** A varint length prefix, as protobuf's writeDelimitedTo writes before each message. */
function delimited(parts: Uint8Array[]): Buffer {
  const out: number[] = []
  for (const p of parts) {
    let n = p.length
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80)
      n >>>= 7
    }
    out.push(n)
    out.push(...p)
  }
  return Buffer.from(out)
}

function summary(db: ReturnType<typeof openDatabase>) {
  return db
    .prepare(
      `SELECT source_trace_id, name, span_count, error_count, input_tokens, output_tokens, start, duration, session_id
       FROM traces ORDER BY source_trace_id`,
    )
    .all()
}

describe('OTLP protobuf files', () => {
  const run = recordLlmRun()

  it('import exactly like the same spans as OTLP JSON (ids, times, tokens, sessions)', async () => {
    const jsonDb = openDatabase(':memory:')
    const pbDb = openDatabase(':memory:')
    const json = await importFile(jsonDb, { path: tempFile('run.json', run.json), prices })
    const pb = await importFile(pbDb, {
      path: tempFile('run.pb', Buffer.from(run.fixture.protobuf())),
      prices,
    })
    expect(json.error).toBeUndefined()
    expect(pb.error).toBeUndefined()
    expect(pb.format).toBe('otlp')
    expect(pb.detectedBy).toMatch(/protobuf/)
    expect(pb.traces.map((t) => t.spanCount)).toEqual([LLM_RUN.agentSpans, LLM_RUN.workflowSpans])
    expect(summary(pbDb)).toEqual(summary(jsonDb))
    const agent = pb.traces[0].id
    const detail = readTraceDetail(pbDb, agent)!
    expect(detail.trace.inputTokens).toBe(LLM_RUN.totals.input)
    expect(detail.trace.sessionId).toBe(LLM_RUN.conversation)
    // Payloads (chat messages, attributes) survive the binary path too.
    const jsonAgent = json.traces[0].id
    for (let i = 0; i < LLM_RUN.agentSpans; i++) {
      const a = readSpan(jsonDb, jsonAgent, i)!
      const b = readSpan(pbDb, agent, i)!
      expect({ ...b, attributes: b.attributes }).toEqual(a)
    }
  })

  it('recognises a stream of length-delimited requests by content, whatever the file name', async () => {
    const spans = run.fixture.spans()
    const half = Math.ceil(spans.length / 2)
    const parts = [run.fixture.protobuf(spans.slice(0, half)), run.fixture.protobuf(spans.slice(half))]
    const db = openDatabase(':memory:')
    const report = await importFile(db, { path: tempFile('export.bin', delimited(parts)), prices })
    expect(report.error).toBeUndefined()
    expect(report.detectedBy).toMatch(/2 length-delimited/)
    expect(report.traces.map((t) => t.spanCount)).toEqual([LLM_RUN.agentSpans, LLM_RUN.workflowSpans])
  })

  it('keeps nanosecond timestamps exact (64-bit fields are not read as floats)', () => {
    const req = decodeTraceRequest(run.fixture.protobuf()) as {
      resourceSpans: { scopeSpans: { spans: { startTimeUnixNano: string }[] }[] }[]
    }
    const fromJson = run.request as unknown as typeof req
    const times = (r: typeof req) =>
      r.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => String(s.startTimeUnixNano))))
    expect(times(req)).toEqual(times(fromJson))
    expect(times(req)[0]).toMatch(/^\d{19}$/)
  })

  it('a damaged or foreign binary file gets one clear line and changes nothing', async () => {
    const db = openDatabase(':memory:')
    const good = Buffer.from(run.fixture.protobuf())
    await importFile(db, { path: tempFile('good.pb', good), prices })
    const before = summary(db)
    const cut = await importFile(db, { path: tempFile('cut.pb', good.subarray(0, good.length - 7)), prices })
    expect(cut.error).toMatch(/^Cannot import cut\.pb: it starts like an OTLP protobuf request but cannot be decoded: \S/)
    const png = readFileSync(new URL('../../../../../resources/icon.svg', import.meta.url))
    const other = await importFile(db, {
      path: tempFile('noise.pb', Buffer.concat([Buffer.from([0x0a, 0x05]), png.subarray(0, 64)])),
      prices,
    })
    expect(other.error).toMatch(/^Cannot import noise\.pb: /)
    expect(summary(db)).toEqual(before)
    expect(sniffOtlpProtobuf(Buffer.from('\n{"resourceSpans": []}'))).toBeNull()
  })
})
