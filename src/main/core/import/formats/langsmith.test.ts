import { describe, expect, it } from 'vitest'
import { langsmithImporter } from './langsmith'
import { convertWith } from './common/test-support'

const base = Date.UTC(2024, 0, 1, 0, 0, 0) * 1000

describe('LangSmith runs', () => {
  it('reads ISO times without a zone as UTC and epoch milliseconds as such', () => {
    const r = convertWith(langsmithImporter, [
      {
        id: 'a',
        run_type: 'chain',
        name: 'py',
        start_time: '2024-01-01T00:00:00.100000',
        end_time: '2024-01-01T00:00:01.200000',
      },
      {
        id: 'b',
        run_type: 'chain',
        name: 'js',
        start_time: 1704067200100,
        end_time: 1704067201200,
      },
    ])
    expect([r.span('a').start, r.span('a').end]).toEqual([base + 100000, base + 1200000])
    expect([r.span('b').start, r.span('b').end]).toEqual([base + 100000, base + 1200000])
  })

  it('reads a JS SDK run that ended within the millisecond it started as zero-length, not skewed', () => {
    // JS SDK 0.10 batches: ISO start whose microseconds are an ordering counter, epoch-ms end.
    const runs = [
      { id: 'fast', start_time: '2024-01-01T00:00:00.100003Z', end_time: 1704067200100 },
      { id: 'slow', start_time: '2024-01-01T00:00:00.100004Z', end_time: 1704067200105 },
      { id: 'skew', start_time: '2024-01-01T00:00:00.100000Z', end_time: 1704067200090 },
    ].map((r) => ({ ...r, run_type: 'tool', name: r.id, trace_id: 't' }))
    const r = convertWith(langsmithImporter, { post: runs })
    expect(r.span('fast').end).toBe(r.span('fast').start)
    expect(r.span('slow').end! - r.span('slow').start).toBe(4996)
    // Ten milliseconds early is a real inconsistency: left for the normaliser to flag.
    expect(r.span('skew').end).toBe(base + 90000)
  })

  it('merges JS SDK patches that carry no id into their post by trace_id and dotted_order', () => {
    const dotted = '20240101T000000000000Za0.20240101T000000100000Za1'
    const r = convertWith(langsmithImporter, {
      post: [
        {
          id: 'a0',
          trace_id: 'a0',
          run_type: 'chain',
          name: 'root',
          start_time: 1704067200000,
          dotted_order: '20240101T000000000000Za0',
        },
        {
          id: 'a1',
          trace_id: 'a0',
          run_type: 'llm',
          name: 'ChatOpenAI',
          start_time: 1704067200100,
          dotted_order: dotted,
          inputs: {
            messages: [
              [
                {
                  lc: 1,
                  type: 'constructor',
                  id: ['langchain', 'schema', 'messages', 'HumanMessage'],
                  kwargs: { content: 'hi' },
                },
              ],
            ],
          },
        },
      ],
      patch: [
        {
          trace_id: 'a0',
          dotted_order: dotted,
          end_time: 1704067201200,
          outputs: {
            generations: [
              [
                {
                  text: 'hello',
                  message: {
                    lc: 1,
                    type: 'constructor',
                    id: ['langchain', 'schema', 'messages', 'AIMessage'],
                    kwargs: { content: 'hello' },
                  },
                },
              ],
            ],
            llm_output: { token_usage: { prompt_tokens: 9, completion_tokens: 2 } },
          },
        },
        { id: 'zz', trace_id: 'a0', end_time: 1 },
      ],
    })
    const llm = r.span('a1')
    expect([llm.parentId, llm.end, llm.inputTokens, llm.outputTokens]).toEqual([
      'a0',
      base + 1200000,
      9,
      2,
    ])
    expect(llm.input?.messages).toEqual([{ role: 'user', text: 'hi' }])
    expect(llm.output?.messages).toEqual([{ role: 'assistant', text: 'hello' }])
    expect(r.warnings.join()).toMatch(/1 patch record\(s\) had no matching post/)
  })

  it('flattens child_runs trees and derives the trace from the root when trace_id is absent', () => {
    const r = convertWith(langsmithImporter, {
      id: 'root',
      run_type: 'chain',
      name: 'agent',
      start_time: '2024-01-01T00:00:00Z',
      child_runs: [
        {
          id: 'c1',
          run_type: 'tool',
          name: 'search',
          start_time: '2024-01-01T00:00:01Z',
          child_runs: [
            { id: 'g1', run_type: 'llm', name: 'llm', start_time: '2024-01-01T00:00:02Z' },
          ],
        },
      ],
    })
    expect(r.traces).toHaveLength(1)
    expect(r.traces[0].sourceTraceId).toBe('root')
    expect([r.span('c1').parentId, r.span('g1').parentId]).toEqual(['root', 'c1'])
  })

  it('takes the conversation from thread metadata, never the project session_id', () => {
    const r = convertWith(langsmithImporter, {
      runs: [
        {
          id: 'a',
          run_type: 'llm',
          name: 'x',
          start_time: '2024-01-01T00:00:00Z',
          session_id: 'project-uuid',
          session_name: 'my-project',
          extra: {
            metadata: {
              thread_id: 't-1',
              user_id: 'u-9',
              ls_model_name: 'gpt-4o-mini',
              ls_provider: 'openai',
            },
          },
          prompt_tokens: 0,
          total_cost: 0.002,
        },
      ],
    })
    expect(r.traces[0]).toMatchObject({ sessionId: 't-1', project: 'my-project', userId: 'u-9' })
    expect(r.span('a')).toMatchObject({
      model: 'gpt-4o-mini',
      provider: 'openai',
      cost: 0.002,
      kind: 'llm',
    })
    expect(r.span('a').inputTokens).toBeUndefined() // LangSmith writes 0 for runs without usage
  })

  it('splits a Python error into type, message and traceback', () => {
    const r = convertWith(langsmithImporter, [
      {
        id: 'a',
        run_type: 'tool',
        name: 't',
        start_time: '2024-01-01T00:00:00Z',
        status: 'error',
        error: 'RateLimitError(\'slow down\')\n\nTraceback (most recent call last):\n  File "x.py"',
      },
    ])
    expect(r.span('a').error).toEqual({
      type: 'RateLimitError',
      message: "RateLimitError('slow down')",
      stack: 'Traceback (most recent call last):\n  File "x.py"',
    })
  })
})
