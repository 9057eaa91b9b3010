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

  // The JS SDK (0.20) shapes: usage sits in the generation's raw reply or on the `turn`/`task`
  // custom spans, `response` spans carry only their id, errors put the cause in data.error.
  describe('JS SDK exports', () => {
    const completion = (model: string, message: Record<string, unknown>, usage: number[]) => ({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      model,
      choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: usage[0],
        completion_tokens: usage[1],
        total_tokens: usage[0] + usage[1],
      },
    })
    const turn = (id: string, n: number, usage?: Record<string, number>) =>
      span(
        id,
        {
          type: 'custom',
          name: 'turn',
          data: { sdk_span_type: 'turn', turn: n, agent_name: 'Helper', usage },
        },
        { parent_id: 'task' },
      )
    const task = span('task', {
      type: 'custom',
      name: 'task',
      data: {
        sdk_span_type: 'task',
        name: 'Agent workflow',
        usage: { input_tokens: 70, output_tokens: 12 },
      },
    })

    it('reads tokens and messages from the raw reply a generation span holds', () => {
      const r = convertWith(openaiAgentsImporter, {
        data: [
          task,
          turn('t1', 1, { input_tokens: 30, output_tokens: 4 }),
          span(
            'g1',
            {
              type: 'generation',
              model: 'gpt-4o',
              model_config: {},
              input: [{ role: 'user', content: 'hi' }],
              output: [completion('gpt-4o-2024-08-06', { content: 'hello' }, [30, 4])],
            },
            { parent_id: 't1' },
          ),
        ],
      })
      expect(r.span('g1')).toMatchObject({ model: 'gpt-4o', inputTokens: 30, outputTokens: 4 })
      expect(r.span('g1').output?.messages).toEqual([{ role: 'assistant', text: 'hello' }])
      expect(r.span('t1')).toMatchObject({
        name: 'turn 1 · Helper',
        kind: 'chain',
        inputTokens: 30,
      })
      expect(r.span('task')).toMatchObject({ kind: 'chain', inputTokens: 70, outputTokens: 12 })
    })

    it("gives a turn's usage to its one response span, which has none of its own", () => {
      const r = convertWith(openaiAgentsImporter, {
        data: [
          task,
          turn('t1', 1, { input_tokens: 40, output_tokens: 10 }),
          span('r1', { type: 'response', response_id: 'resp_1' }, { parent_id: 't1' }),
          span(
            'f1',
            { type: 'function', name: 'get_weather', input: '{}', output: 'sunny' },
            { parent_id: 't1' },
          ),
          turn('t2', 2, { input_tokens: 30, output_tokens: 2 }),
          span('r2', { type: 'response', response_id: 'resp_2' }, { parent_id: 't2' }),
          span('r3', { type: 'response', response_id: 'resp_3' }, { parent_id: 't2' }),
        ],
      })
      expect(r.span('r1')).toMatchObject({ inputTokens: 40, outputTokens: 10 })
      expect(r.span('r1').attributes?.['openai_agents.usage_from']).toBe('turn')
      // Two model calls in one turn: which one used what is unknown, so neither gets tokens.
      expect([r.span('r2').inputTokens, r.span('r3').inputTokens]).toEqual([undefined, undefined])
    })

    it('shows the cause of a failure and a tripped guardrail as the failing step', () => {
      const r = convertWith(openaiAgentsImporter, {
        data: [
          span(
            'a',
            { type: 'agent', name: 'Helper' },
            {
              error: {
                message: 'Error in agent run',
                data: { error: 'InputGuardrailTripwireTriggered: Input guardrail triggered' },
              },
            },
          ),
          span('g', { type: 'guardrail', name: 'no_secrets', triggered: true }, { parent_id: 'a' }),
          span('ok', { type: 'guardrail', name: 'polite', triggered: false }, { parent_id: 'a' }),
        ],
      })
      expect(r.span('a').error?.message).toBe(
        'Error in agent run: InputGuardrailTripwireTriggered: Input guardrail triggered',
      )
      expect(r.span('g')).toMatchObject({
        failed: true,
        error: {
          type: 'GuardrailTripwireTriggered',
          message: 'guardrail "no_secrets" was triggered',
        },
      })
      expect(r.span('ok').failed).toBeUndefined()
    })
  })
})
