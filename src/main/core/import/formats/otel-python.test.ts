import { describe, expect, it } from 'vitest'
import { otelPythonImporter } from './otel-python'
import { convertWith } from './common/test-support'
import { detectFormat } from '../registry'

const span = (over: Record<string, unknown> = {}) => ({
  name: 'chat',
  context: {
    trace_id: '0xD4A8903817F935061C7255069D52F5C8',
    span_id: '0x15f2ef0a0e59a80f',
    trace_state: '[]',
  },
  kind: 'SpanKind.CLIENT',
  parent_id: null,
  start_time: '2026-10-06T06:47:23.748671Z',
  end_time: '2026-10-06T06:47:24.383897Z',
  status: { status_code: 'UNSET' },
  attributes: {},
  events: [],
  links: [],
  resource: {
    attributes: { 'service.name': 'app', 'telemetry.sdk.language': 'python' },
    schema_url: '',
  },
  ...over,
})

describe('OTel Python to_json', () => {
  it('drops the 0x prefix, reads microsecond ISO times, the resource service and span kind', () => {
    const r = convertWith(otelPythonImporter, span({ parent_id: '0x00000000000000aa' }))
    const s = r.span('15f2ef0a0e59a80f')
    expect(r.traces[0].sourceTraceId).toBe('d4a8903817f935061c7255069d52f5c8')
    expect([s.parentId, s.end! - s.start, s.service]).toEqual(['00000000000000aa', 635226, 'app'])
    expect(s.attributes).toMatchObject({
      'span.kind': 'client',
      'resource.telemetry.sdk.language': 'python',
    })
  })

  it('reads status ERROR with the exception event', () => {
    const r = convertWith(otelPythonImporter, [
      span({
        status: { status_code: 'ERROR', description: 'boom' },
        events: [
          {
            name: 'exception',
            timestamp: '2026-10-06T06:47:24.3Z',
            attributes: {
              'exception.type': 'ValueError',
              'exception.message': 'boom',
              'exception.stacktrace': 'Traceback…',
            },
          },
        ],
      }),
    ])
    expect(r.span('15f2ef0a0e59a80f').error).toEqual({
      message: 'boom',
      type: 'ValueError',
      stack: 'Traceback…',
    })
  })

  it('reads Monocle entities, data.input/data.output events and the metadata token event', () => {
    const r = convertWith(otelPythonImporter, [
      span({
        attributes: {
          'span.type': 'inference',
          'entity.1.type': 'inference.azure_openai',
          'entity.2.name': 'gpt-4o-mini',
          'entity.2.type': 'model.llm.gpt-4o-mini',
        },
        events: [
          {
            name: 'data.input',
            timestamp: '2026-10-06T06:47:23.8Z',
            attributes: { input: ["{'system': 'Be brief.'}", "{'user': 'What is an americano?'}"] },
          },
          {
            name: 'data.output',
            timestamp: '2026-10-06T06:47:24.3Z',
            attributes: { response: 'A diluted espresso.' },
          },
          {
            name: 'metadata',
            timestamp: '2026-10-06T06:47:24.3Z',
            attributes: { prompt_tokens: 580, completion_tokens: 47, total_tokens: 627 },
          },
        ],
      }),
    ])
    const s = r.span('15f2ef0a0e59a80f')
    expect([s.kind, s.model, s.provider, s.inputTokens, s.outputTokens]).toEqual([
      'llm',
      'gpt-4o-mini',
      'azure_openai',
      580,
      47,
    ])
    expect(s.input?.messages).toEqual([
      { role: 'system', text: 'Be brief.' },
      { role: 'user', text: 'What is an americano?' },
    ])
    expect(s.output?.messages).toEqual([{ role: 'assistant', text: 'A diluted espresso.' }])
  })

  it('detects only SpanKind-style spans', () => {
    expect(otelPythonImporter.detect({ ...span(), kind: 1 })).toBeNull()
    expect(detectFormat([span()])?.importer.format).toBe('otel-python')
    expect(detectFormat([span()])?.importer.stream?.path).toEqual(['*']) // arrays stream span by span
    expect(detectFormat(span())?.importer.stream).toBeUndefined() // a lone object is read whole
  })
})
