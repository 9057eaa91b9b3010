import { describe, expect, it } from 'vitest'
import { zipkinImporter } from './zipkin'
import { convertWith } from './common/test-support'

const T = 1_700_000_000_000_000
const rec = (over: Record<string, unknown>) => ({
  traceId: 'a1b2c3d4e5f60718',
  localEndpoint: { serviceName: 'api' },
  ...over,
})

describe('Zipkin v2', () => {
  it('merges a shared server half into its client span, keeping the client clock', () => {
    const r = convertWith(zipkinImporter, [
      rec({
        id: '0000000000000001',
        name: 'get /',
        timestamp: T,
        duration: 10_000,
        kind: 'SERVER',
      }),
      rec({
        id: '0000000000000002',
        parentId: '0000000000000001',
        name: 'post',
        kind: 'SERVER',
        timestamp: T - 500,
        duration: 4000,
        shared: true,
        localEndpoint: { serviceName: 'backend' },
      }),
      rec({
        id: '0000000000000002',
        parentId: '0000000000000001',
        name: 'post',
        kind: 'CLIENT',
        timestamp: T + 1000,
        duration: 5000,
        remoteEndpoint: { serviceName: 'backend' },
      }),
    ])
    expect(r.traces[0].spans).toHaveLength(2)
    const post = r.span('0000000000000002')
    expect([post.start, post.end, post.service]).toEqual([T + 1000, T + 6000, 'api'])
    expect(post.attributes).toMatchObject({ 'span.kind': 'client', 'peer.service': 'backend' })
    expect(post.events?.map((e) => [e.name, e.time])).toEqual([
      ['server.start', T - 500],
      ['server.end', T + 3500],
    ])
    expect(r.warnings.join()).toMatch(/1 duplicate record/)
    expect(r.repairs).toEqual([
      {
        kind: 'duplicate-id',
        message: 'client and shared server halves of "post" (2 records) merged into one span',
        spanId: '0000000000000002',
      },
    ])
  })

  it('compares ids as Zipkin does: leading zeros dropped by a writer still link parent and child', () => {
    const r = convertWith(zipkinImporter, [
      rec({
        traceId: '91F00370361E578',
        id: '0C26551047C72D19',
        name: 'root',
        timestamp: T,
        duration: 10,
      }),
      rec({
        traceId: '091f00370361e578',
        id: '2',
        parentId: 'c26551047c72d19',
        name: 'child',
        timestamp: T + 1,
        duration: 5,
      }),
    ])
    expect(r.traces.map((t) => t.sourceTraceId)).toEqual(['091f00370361e578'])
    expect(r.span('0000000000000002').parentId).toBe('0c26551047c72d19')
  })

  it('reads an array of traces (GET /api/v2/traces) as several traces', () => {
    const r = convertWith(zipkinImporter, [
      [rec({ id: '01', name: 'a', timestamp: T, duration: 1 })],
      [rec({ traceId: 'ffffffffffffffff', id: '02', name: 'b', timestamp: T, duration: 1 })],
    ])
    expect(r.traces.map((t) => t.sourceTraceId)).toEqual(['a1b2c3d4e5f60718', 'ffffffffffffffff'])
  })

  it('places a span without timestamp at its parent and leaves a missing duration open', () => {
    const r = convertWith(zipkinImporter, [
      rec({ id: '01', name: 'root', timestamp: T, duration: 9 }),
      rec({ id: '02', parentId: '01', name: 'no-ts', kind: 'CLIENT' }),
      rec({ id: '03', parentId: '01', name: 'no-dur', timestamp: T + 5 }),
    ])
    expect([r.span('0000000000000002').start, r.span('0000000000000002').end]).toEqual([T, null])
    expect([r.span('0000000000000003').start, r.span('0000000000000003').end]).toEqual([
      T + 5,
      null,
    ])
    expect(r.warnings.join()).toMatch(/no timestamp/)
  })

  it('marks tags.error as a failure and reads token counts written as strings', () => {
    const r = convertWith(zipkinImporter, [
      rec({
        id: '01',
        name: 'chat',
        timestamp: T,
        duration: 9,
        tags: {
          error: 'rate limited',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.usage.input_tokens': '412',
          'gen_ai.usage.output_tokens': '27',
        },
      }),
      rec({ id: '02', name: 'ok', timestamp: T, duration: 9, tags: { error: '' } }),
    ])
    const chat = r.span('0000000000000001')
    expect([
      chat.failed,
      chat.error?.message,
      chat.model,
      chat.inputTokens,
      chat.outputTokens,
      chat.kind,
    ]).toEqual([true, 'rate limited', 'gpt-4o', 412, 27, 'llm'])
    expect(r.span('0000000000000002').error?.message).toBe('error')
  })

  it('is not fooled by arrays of other things', () => {
    expect(zipkinImporter.detect([{ traceId: 'x' }])).toBeNull()
    expect(zipkinImporter.detect([])).toBeNull()
    expect(zipkinImporter.detect([[]])).toBeNull()
  })
})
