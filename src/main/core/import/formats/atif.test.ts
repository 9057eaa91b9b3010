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
      { step_id: 3, timestamp: 'not a time', source: 'agent', message: 'kept' },
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
      ['agent message', 'llm', null, 0],
    ])
    // A step without a usable timestamp is kept, at the previous step's time.
    expect(r.span('step-3').start).toBe(r.span('step-2').start)
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
    expect(r.warnings.join()).toMatch(/1 step\(s\) have no usable timestamp/)
  })

  it('keeps the order of a trajectory whose steps have no timestamps at all (Harbor terminus)', () => {
    const r = convertWith(atifImporter, {
      schema_version: 'ATIF-v1.6',
      session_id: 'harbor-1',
      agent: { name: 'terminus-2', model_name: 'openai/gpt-4o' },
      steps: [
        { step_id: 1, source: 'user', message: 'Create hello.txt' },
        {
          step_id: 2,
          source: 'agent',
          message: 'echo',
          metrics: { prompt_tokens: 682, completion_tokens: 55 },
        },
        {
          step_id: 3,
          source: 'agent',
          message: 'sleep',
          metrics: { prompt_tokens: 100, completion_tokens: 30 },
        },
      ],
    })
    expect(r.traces[0].spans.map((s) => [s.id, s.start])).toEqual([
      ['step-1', 0],
      ['step-2', 0],
      ['step-3', 0],
    ])
    expect(r.warnings).toEqual([
      "3 step(s) have no usable timestamp; placed at the previous step's time, in order",
    ])
  })

  it('nests embedded subagent trajectories (1.7) under the step that delegated to them', () => {
    const r = convertWith(atifImporter, {
      schema_version: 'ATIF-v1.7',
      session_id: 'run-1',
      agent: { name: 'orchestrator', model_name: 'gpt-4.1' },
      steps: [
        { step_id: 1, timestamp: '2026-04-20T10:00:00Z', source: 'user', message: 'Research it.' },
        {
          step_id: 2,
          timestamp: '2026-04-20T10:00:01Z',
          source: 'agent',
          message: '',
          llm_call_count: 0,
          tool_calls: [
            { tool_call_id: 'd1', function_name: 'delegate', arguments: { topic: 'x' } },
          ],
          observation: {
            results: [
              {
                source_call_id: 'd1',
                content: 'Delegated.',
                subagent_trajectory_ref: [{ trajectory_id: 'child' }],
              },
            ],
          },
        },
        {
          step_id: 3,
          timestamp: '2026-04-20T10:00:03Z',
          source: 'agent',
          message: 'Done.',
          llm_call_count: 1,
          metrics: { prompt_tokens: 42, completion_tokens: 12 },
        },
      ],
      subagent_trajectories: [
        {
          schema_version: 'ATIF-v1.7',
          trajectory_id: 'child',
          agent: { name: 'researcher', model_name: 'gpt-4.1-mini' },
          steps: [
            {
              step_id: 1,
              timestamp: '2026-04-20T10:00:01.500Z',
              source: 'user',
              message: 'Research x.',
              is_copied_context: true,
            },
            {
              step_id: 2,
              timestamp: '2026-04-20T10:00:02Z',
              source: 'agent',
              message: 'Found it.',
              metrics: { prompt_tokens: 25, completion_tokens: 9 },
            },
          ],
        },
      ],
    })
    const spans = r.traces[0].spans
    expect(spans.map((s) => [s.id, s.parentId, s.kind, s.model])).toEqual([
      ['step-1', null, 'event', undefined],
      ['step-2', null, 'agent', undefined],
      ['step-3', null, 'llm', 'gpt-4.1'],
      ['subagent-child', 'step-2', 'agent', undefined],
      ['subagent-child:step-1', 'subagent-child', 'event', undefined],
      ['subagent-child:step-2', 'subagent-child', 'llm', 'gpt-4.1-mini'],
    ])
    const sub = r.span('subagent-child')
    expect([sub.name, sub.end! - sub.start]).toEqual(['subagent researcher', 500_000])
    // The delegating step lasts until its subagent is done, so the subagent runs inside it.
    expect(r.span('step-2').end).toBe(sub.end)
    expect(r.span('subagent-child:step-2')).toMatchObject({ inputTokens: 25, outputTokens: 9 })
    expect(r.span('subagent-child:step-1').attributes?.['atif.is_copied_context']).toBe(true)
  })
})
