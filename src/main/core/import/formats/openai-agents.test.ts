import { describe, expect, it } from 'vitest'
import { openaiAgentsImporter } from './openai-agents'
import { convertWith } from './common/test-support'

const span = (
  id: string,
  span_data: Record<string, unknown>,
  over: Record<string, unknown> = {},
) => ({
  object: 'trace.span',
  id,
  trace_id: 'trace_1',
  parent_id: null,
  started_at: '2025-05-29T18:29:04.655832+00:00',
  ended_at: '2025-05-29T18:29:07.100000+00:00',
  span_data,
  error: null,
  ...over,
})

describe('OpenAI Agents SDK traces', () => {
  it('maps every span_data type to a kind and a name', () => {
    const data = [
      { type: 'agent', name: 'Triage' },
      { type: 'generation', model: 'gpt-4o', usage: { input_tokens: 10, output_tokens: 5 } },
      {
        type: 'response',
        response_id: 'resp_1',
        usage: { prompt_tokens: 3, completion_tokens: 1 },
      },
      { type: 'function', name: 'search', input: '{"q":"x"}', output: 'found' },
      { type: 'handoff', from_agent: 'Triage', to_agent: 'Coder' },
      { type: 'guardrail', name: 'pii', triggered: true },
      { type: 'custom', name: 'turn', data: { n: 1 } },
      { type: 'transcription', model: 'whisper-1' },
      { type: 'speech', model: 'tts-1' },
      { type: 'speech_group' },
      { type: 'mcp_tools', server: 'fs', result: ['read'] },
    ]
    const r = convertWith(openaiAgentsImporter, { data: data.map((d, i) => span(`s${i}`, d)) })
    expect(r.traces[0].spans.map((s) => [s.name, s.kind])).toEqual([
      ['Triage', 'agent'],
      ['generation', 'llm'],
      ['response', 'llm'],
      ['search', 'tool'],
      ['handoff Triage → Coder', 'handoff'],
      ['pii', 'guardrail'],
      ['turn', 'span'],
      ['transcription', 'llm'],
      ['speech', 'llm'],
      ['speech_group', 'chain'],
      ['mcp_tools fs', 'tool'],
    ])
    expect([r.span('s1').inputTokens, r.span('s2').outputTokens]).toEqual([10, 1])
    expect(r.span('s3').input?.value).toEqual({ q: 'x' }) // the JSON-string input is decoded
    expect(r.span('s5').attributes?.['openai_agents.triggered']).toBe(true)
  })

  it('uses group_id as the session and workflow_name as the trace name', () => {
    const r = convertWith(openaiAgentsImporter, {
      data: [
        {
          object: 'trace',
          id: 'trace_1',
          workflow_name: 'Agent workflow',
          group_id: 'conv-1',
          metadata: { plan: 'pro' },
        },
        span('s1', { type: 'agent', name: 'A' }),
      ],
    })
    expect(r.traces[0]).toMatchObject({
      sessionId: 'conv-1',
      name: 'Agent workflow',
      attributes: { 'metadata.plan': 'pro' },
    })
  })

  it('reads {trace_id, spans} documents and single JSON Lines items', () => {
    const doc = {
      trace_id: 'trace_9',
      spans: [span('s1', { type: 'function', name: 'f' }, { trace_id: undefined })],
    }
    expect(convertWith(openaiAgentsImporter, doc).traces[0].sourceTraceId).toBe('trace_9')
    expect(
      convertWith(openaiAgentsImporter, span('s2', { type: 'agent', name: 'A' })).traces[0].spans,
    ).toHaveLength(1)
  })

  it('turns error{message,data} into a failure', () => {
    const r = convertWith(openaiAgentsImporter, [
      span(
        's1',
        { type: 'function', name: 'f' },
        { error: { message: 'Error running tool', data: { tool_name: 'f' } } },
      ),
    ])
    expect(r.span('s1')).toMatchObject({
      failed: true,
      error: { message: 'Error running tool' },
      attributes: { 'error.data': { tool_name: 'f' } },
    })
  })
})
