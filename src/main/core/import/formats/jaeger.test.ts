import { describe, expect, it } from 'vitest'
import { jaegerImporter } from './jaeger'
import { convertWith } from './common/test-support'

const T = 1_770_000_000_000_000
const TID = '4a1b2c3d4e5f60718293a4b5c6d7e8f9'
const span = (id: string, over: Record<string, unknown> = {}) => ({
  traceID: TID,
  spanID: id,
  operationName: `op-${id}`,
  references: [],
  startTime: T,
  duration: 1000,
  processID: 'p1',
  tags: [],
  logs: [],
  ...over,
})
const trace = (spans: unknown[], traceID = TID) => ({
  traceID,
  spans,
  processes: {
    p1: { serviceName: 'agent', tags: [{ key: 'hostname', type: 'string', value: 'h1' }] },
  },
})
const ref = (refType: string, spanID: string, traceID = TID) => ({ refType, traceID, spanID })

describe('Jaeger UI JSON', () => {
  it('imports several traces of the {data} envelope with their process as service', () => {
    const r = convertWith(jaegerImporter, {
      data: [trace([span('01')]), trace([span('02')], 'ffffffffffffffff')],
      total: 0,
      errors: null,
    })
    expect(r.traces.map((t) => t.sourceTraceId)).toEqual([TID, 'ffffffffffffffff'])
    expect(r.span('01')).toMatchObject({
      service: 'agent',
      start: T,
      end: T + 1000,
      attributes: { hostname: 'h1' },
    })
  })

  it('imports a bare array of spans that embed their process, grouped by trace', () => {
    const own = (id: string, service: string, over: Record<string, unknown> = {}) => {
      const { processID: _p, ...rest } = span(id, over)
      return { ...rest, process: { serviceName: service, tags: [] } }
    }
    const r = convertWith(jaegerImporter, [
      own('01', 'gateway'),
      own('02', 'billing', {
        references: [ref('CHILD_OF', '01')],
        tags: [{ key: 'error', type: 'bool', value: 'true' }],
      }),
      own('03', 'gateway', { traceID: 'ffffffffffffffff' }),
    ])
    expect(r.traces.map((t) => [t.sourceTraceId, t.spans.length])).toEqual([
      [TID, 2],
      ['ffffffffffffffff', 1],
    ])
    expect(r.span('02')).toMatchObject({ parentId: '01', service: 'billing', failed: true })
  })

  it('prefers CHILD_OF, falls back to FOLLOWS_FROM, and ignores other traces', () => {
    const r = convertWith(
      jaegerImporter,
      trace([
        span('01'),
        span('02'),
        span('03', { references: [ref('FOLLOWS_FROM', '01'), ref('CHILD_OF', '02')] }),
        span('04', { references: [ref('FOLLOWS_FROM', '01')] }),
        span('05', { references: [ref('CHILD_OF', 'aa', 'another-trace'), ref('CHILD_OF', '01')] }),
      ]),
    )
    expect(r.span('03').parentId).toBe('02')
    expect([r.span('04').parentId, r.span('04').attributes?.['jaeger.follows_from']]).toEqual([
      '01',
      true,
    ])
    expect(r.span('05').parentId).toBe('01')
    expect(r.span('05').attributes?.['jaeger.references']).toEqual([
      { refType: 'CHILD_OF', traceID: 'another-trace', spanID: 'aa' },
    ])
    // The reference not taken as the parent is kept.
    expect(r.span('03').attributes?.['jaeger.references']).toEqual([
      { refType: 'FOLLOWS_FROM', traceID: TID, spanID: '01' },
    ])
  })

  it('keeps a span without startTime for the normaliser to place, its end unknown', () => {
    const { startTime: _s, ...noStart } = span('02', { references: [ref('CHILD_OF', '01')] })
    const r = convertWith(jaegerImporter, trace([span('01'), noStart]))
    expect([r.span('02').start, r.span('02').end, r.span('02').parentId]).toEqual([NaN, null, '01'])
    expect(r.warnings).toEqual([])
  })

  it('keeps int64 tags beyond 2^53 exact as strings and types the rest', () => {
    const r = convertWith(
      jaegerImporter,
      trace([
        span('01', {
          tags: [
            { key: 'big', type: 'int64', value: '9007199254740993' },
            { key: 'small', type: 'int64', value: '42' },
            { key: 'ratio', type: 'float64', value: '0.5' },
            { key: 'flag', type: 'bool', value: 'true' },
            { key: 'blob', type: 'binary', value: 'AAEC' },
          ],
        }),
      ]),
    )
    expect(r.span('01').attributes).toMatchObject({
      big: '9007199254740993',
      small: 42,
      ratio: 0.5,
      flag: true,
      blob: 'AAEC',
    })
  })

  it('reads errors from the error tag, the status description and the error log', () => {
    const r = convertWith(
      jaegerImporter,
      trace([
        span('01', {
          tags: [{ key: 'error', type: 'bool', value: true }],
          logs: [
            {
              timestamp: T + 10,
              fields: [
                { key: 'event', type: 'string', value: 'error' },
                { key: 'error.kind', type: 'string', value: 'TimeoutError' },
                { key: 'message', type: 'string', value: 'upstream timed out' },
                { key: 'stack', type: 'string', value: 'at x()' },
              ],
            },
          ],
        }),
        span('02', {
          tags: [
            { key: 'otel.status_code', type: 'string', value: 'ERROR' },
            { key: 'otel.status_description', type: 'string', value: 'boom' },
          ],
        }),
      ]),
    )
    expect(r.span('01').error).toEqual({
      message: 'upstream timed out',
      type: 'TimeoutError',
      stack: 'at x()',
    })
    expect(r.span('01').events?.[0]).toMatchObject({ name: 'error', time: T + 10 })
    expect(r.span('02').error?.message).toBe('boom')
  })

  it('reads gen_ai tags through the shared conventions', () => {
    const r = convertWith(
      jaegerImporter,
      trace([
        span('01', {
          tags: [
            { key: 'gen_ai.operation.name', type: 'string', value: 'chat' },
            { key: 'gen_ai.request.model', type: 'string', value: 'gpt-4o' },
            { key: 'gen_ai.usage.input_tokens', type: 'int64', value: 1840 },
            { key: 'gen_ai.usage.output_tokens', type: 'int64', value: '12' },
            {
              key: 'gen_ai.input.messages',
              type: 'string',
              value: '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]',
            },
          ],
        }),
      ]),
    )
    expect(r.span('01')).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o',
      inputTokens: 1840,
      outputTokens: 12,
    })
    expect(r.span('01').input?.messages?.[0]).toMatchObject({ role: 'user', text: 'hi' })
  })

  it('leaves duplicate span ids to the normaliser and reports trace warnings', () => {
    const r = convertWith(jaegerImporter, {
      ...trace([span('01'), span('01', { duration: 5 })]),
      warnings: ['clock skew adjusted'],
    })
    expect(r.traces[0].spans).toHaveLength(2)
    expect(r.warnings.join()).toMatch(/clock skew adjusted/)
  })
})
