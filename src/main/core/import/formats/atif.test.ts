import { describe, expect, it } from 'vitest'
import { atifImporter } from './atif'
import { convertWith } from './common/test-support'

describe('ATIF trajectories', () => {
  const doc = {
    schema_version: 'ATIF-v1.4',
    session_id: 'sess-1',
    agent: { name: 'finance', model_name: 'gpt-4' },
    steps: [
      { step_id: 1, timestamp: '2025-01-15T10:30:00Z', source: 'user', message: 'Price of GOOGL?' },
      {
        step_id: 2,
        timestamp: '2025-01-15T10:30:02Z',
        source: 'agent',
        message: 'Looking it up.',
        tool_calls: [
          { tool_call_id: 'c1', function_name: 'search', arguments: { ticker: 'GOOGL' } },
        ],
        observation: { results: [{ source_call_id: 'c1', content: '$185.35' }] },
        metrics: { prompt_tokens: 520, completion_tokens: 80, cost_usd: 0.00045, cached_tokens: 3 },
      },
      { step_id: 3, timestamp: 'not a time', source: 'agent', message: 'lost' },
    ],
    final_metrics: { total_cost_usd: 0.00045 },
  }

  it('makes each step a top-level point-in-time span with its messages and metrics', () => {
    const r = convertWith(atifImporter, doc)
    const [t] = r.traces
    expect(t).toMatchObject({
      sourceTraceId: 'sess-1',
      sessionId: 'sess-1',
      name: 'finance',
      cost: 0.00045,
    })
    expect(t.spans.map((s) => [s.name, s.kind, s.parentId, s.end! - s.start])).toEqual([
      ['user message', 'event', null, 0],
      ['agent → search', 'llm', null, 0],
    ])
    const agent = r.span('step-2')
    expect([agent.model, agent.inputTokens, agent.outputTokens, agent.cost]).toEqual([
      'gpt-4',
      520,
      80,
      0.00045,
    ])
    expect(agent.output?.messages).toEqual([
      {
        role: 'assistant',
        text: 'Looking it up.',
        toolCalls: [{ id: 'c1', name: 'search', arguments: { ticker: 'GOOGL' } }],
      },
      { role: 'tool', text: '$185.35', toolCallId: 'c1' },
    ])
    expect(agent.attributes?.['atif.metrics.cached_tokens']).toBe(3)
    expect(r.span('step-1').input?.messages).toEqual([{ role: 'user', text: 'Price of GOOGL?' }])
    expect(r.warnings.join()).toMatch(/step 3 has no usable timestamp/)
  })
})
