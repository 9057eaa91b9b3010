import { describe, expect, it } from 'vitest'
import { mlflowImporter } from './mlflow'
import { convertWith } from './common/test-support'

describe('MLflow traces', () => {
  it('reads 3.x base64 ids, nanosecond times and twice-encoded attributes', () => {
    const r = convertWith(mlflowImporter, {
      info: {
        trace_id: 'tr-abc',
        state: 'OK',
        trace_metadata: { 'mlflow.trace.session': 's-1' },
        tags: { 'mlflow.traceName': 'qa' },
      },
      data: {
        spans: [
          {
            trace_id: 'AAECAwQFBgcICQoLDA0ODw==',
            span_id: 'AAAAAAAAAAE=',
            parent_span_id: '',
            name: 'root',
            start_time_unix_nano: '1750000000000000000',
            end_time_unix_nano: '1750000001500000000',
            status: { code: 'STATUS_CODE_OK', message: '' },
            attributes: { 'mlflow.spanType': '"CHAIN"', 'mlflow.spanInputs': '{"question": "hi"}' },
            events: [],
          },
          {
            span_id: 'AAAAAAAAAAI=',
            parent_span_id: 'AAAAAAAAAAE=',
            name: 'llm',
            start_time_unix_nano: 1750000000100000000,
            end_time_unix_nano: 1750000001000000000,
            status: { code: 'STATUS_CODE_ERROR', message: 'quota' },
            attributes: {
              'mlflow.spanType': '"LLM"',
              'mlflow.chat.tokenUsage': '{"input_tokens": 12, "output_tokens": 3}',
              'mlflow.spanInputs':
                '{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}',
            },
            events: [],
          },
        ],
      },
    })
    const root = r.span('0000000000000001')
    const llm = r.span('0000000000000002')
    expect([root.kind, root.start, root.end! - root.start, root.input?.value]).toEqual([
      'chain',
      1_750_000_000_000_000,
      1_500_000,
      { question: 'hi' },
    ])
    expect([
      llm.parentId,
      llm.kind,
      llm.model,
      llm.inputTokens,
      llm.outputTokens,
      llm.error?.message,
    ]).toEqual(['0000000000000001', 'llm', 'gpt-4o', 12, 3, 'quota'])
    expect(llm.input?.messages).toEqual([{ role: 'user', text: 'hi' }])
    expect(r.traces[0]).toMatchObject({ sourceTraceId: 'tr-abc', name: 'qa', sessionId: 's-1' })
  })

  it('reads the 2.x shape (request_id, 0x ids, status_code)', () => {
    const r = convertWith(mlflowImporter, {
      info: { request_id: 'tr-2', status: 'OK' },
      data: {
        spans: [
          {
            name: 'x',
            context: { span_id: '0x00000000000000AB', trace_id: '0x01' },
            parent_id: null,
            start_time: 1,
            end_time: 2000,
            status_code: 'OK',
            attributes: { 'mlflow.spanType': '"TOOL"' },
          },
        ],
      },
    })
    expect(r.span('00000000000000ab')).toMatchObject({ kind: 'tool' })
    expect(r.traces[0].sourceTraceId).toBe('tr-2')
  })

  it('names the model the reply states, and reads a ResponsesAgent request as the conversation', () => {
    const enc = (v: unknown) => JSON.stringify(v)
    const r = convertWith(mlflowImporter, {
      info: { trace_id: 'tr-1', state: 'OK' },
      data: {
        spans: [
          {
            span_id: 'AAAAAAAAAAE=',
            parent_span_id: null,
            name: 'predict',
            start_time_unix_nano: '1764694340818061307',
            end_time_unix_nano: '1764694345916778373',
            status: { code: 'STATUS_CODE_OK', message: '' },
            attributes: {
              'mlflow.spanType': enc('AGENT'),
              'mlflow.spanInputs': enc({
                request: {
                  tools: null,
                  input: [{ role: 'user', content: 'apple pie?', type: 'message' }],
                },
              }),
            },
          },
          {
            span_id: 'AAAAAAAAAAI=',
            parent_span_id: 'AAAAAAAAAAE=',
            name: 'Completions',
            start_time_unix_nano: '1764694340819104621',
            end_time_unix_nano: '1764694345916576447',
            status: { code: 'STATUS_CODE_OK', message: '' },
            attributes: {
              'mlflow.spanType': enc('CHAT_MODEL'),
              'mlflow.spanInputs': enc({
                model: 'my-endpoint',
                messages: [{ role: 'user', content: 'apple pie?' }],
              }),
              'mlflow.spanOutputs': enc({
                model: 'gpt-4.1-2025-04-14',
                object: 'chat.completion',
                choices: [{ index: 0, message: { role: 'assistant', content: 'Here is one.' } }],
              }),
            },
          },
        ],
      },
    })
    expect(r.span('0000000000000002').model).toBe('gpt-4.1-2025-04-14')
    expect(r.span('0000000000000001').input?.messages).toEqual([
      { role: 'user', text: 'apple pie?' },
    ])
  })

  it('reads the trace data alone ({spans}) and a serving reply that carries the trace', () => {
    const span = {
      name: 'bedrock-agent',
      context: { span_id: '0x84f212578f747953', trace_id: '0x19168085a936546a03d6c85d47fb9ab9' },
      parent_id: null,
      start_time: 1731124123079267000,
      end_time: 1731124137612283000,
      status_code: 'OK',
      status_message: '',
      attributes: {
        'mlflow.traceRequestId': '"35b868131a66423783493da51f806370"',
        'mlflow.spanType': '"CHAT_MODEL"',
      },
      events: [],
    }
    const data = convertWith(mlflowImporter, { spans: [span] })
    expect(data.traces[0]).toMatchObject({ name: 'bedrock-agent' })
    expect(data.span('84f212578f747953').kind).toBe('llm')
    const served = convertWith(mlflowImporter, {
      object: 'response',
      output: [],
      databricks_output: {
        trace: { info: { trace_id: 'tr-9', state: 'OK' }, data: { spans: [span] } },
      },
    })
    expect(served.traces[0].sourceTraceId).toBe('tr-9')
    // Spans of another format are not taken for MLflow's.
    expect(
      mlflowImporter.detect({ spans: [{ name: 'x', attributes: { 'http.method': 'GET' } }] }),
    ).toBeNull()
  })
})
