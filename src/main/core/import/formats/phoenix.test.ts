import { describe, expect, it } from 'vitest'
import { phoenixImporter } from './phoenix'
import { convertWith } from './common/test-support'

const span = (over: Record<string, unknown> = {}) => ({
  id: 'U3Bhbjox',
  name: 'ChatCompletion',
  context: { trace_id: 'a1b2', span_id: 's1' },
  span_kind: 'LLM',
  parent_id: null,
  start_time: '2024-01-01T12:00:00+00:00',
  end_time: '2024-01-01T12:00:01.5+00:00',
  status_code: 'OK',
  status_message: '',
  attributes: {},
  events: [],
  ...over,
})

describe('Phoenix span JSON', () => {
  it('reads the {data, next_cursor} page with flat OpenInference attributes', () => {
    const r = convertWith(phoenixImporter, {
      data: [
        span({
          attributes: {
            'llm.model_name': 'gpt-4',
            'llm.token_count.prompt': 100,
            'llm.token_count.completion': 20,
            'llm.input_messages.0.message.role': 'user',
            'llm.input_messages.0.message.content': 'hi',
            'session.id': 's1',
            'user.id': 'u1',
          },
        }),
      ],
      next_cursor: null,
    })
    const s = r.span('s1')
    expect([s.kind, s.model, s.inputTokens, s.outputTokens, s.end! - s.start]).toEqual([
      'llm',
      'gpt-4',
      100,
      20,
      1_500_000,
    ])
    expect(s.input?.messages).toEqual([{ role: 'user', text: 'hi' }])
    expect(s.attributes?.['phoenix.id']).toBe('U3Bhbjox')
    expect(r.traces[0]).toMatchObject({ sessionId: 's1', userId: 'u1' })
  })

  it('reads nested attributes of the older spec and span_kind as the kind', () => {
    const r = convertWith(phoenixImporter, [
      span({
        span_kind: 'RETRIEVER',
        attributes: { llm: { model_name: 'x' }, input: { value: 'q' } },
      }),
    ])
    expect(r.span('s1')).toMatchObject({ kind: 'retriever', model: 'x' })
  })

  it('reads status_code ERROR with the message and the exception event', () => {
    const r = convertWith(phoenixImporter, [
      span({
        status_code: 'ERROR',
        status_message: 'GraphQL failed',
        events: [
          {
            name: 'exception',
            timestamp: '2024-01-01T12:00:01+00:00',
            attributes: { 'exception.type': 'GraphQLError' },
          },
        ],
      }),
    ])
    expect(r.span('s1').error).toEqual({ message: 'GraphQL failed', type: 'GraphQLError' })
  })
})
