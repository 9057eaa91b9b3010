import { describe, expect, it } from 'vitest'
import { seedSessionsImporter } from './seed-sessions'
import { seedStepsImporter } from './seed-steps'
import { convertWith } from './common/test-support'

describe('TraceLLM-style steps documents', () => {
  it('chains steps one after another under a root standing for the run', () => {
    const r = convertWith(seedStepsImporter, {
      trace_id: 'tr_f9k2m4x7',
      status: 'WARNING',
      latency_ms: 4120,
      retries: 1,
      prompt: 'Explain transformers',
      model: 'gpt-4.1-mini',
      created_at: '2025-01-01T00:00:00Z',
      steps: [
        { tool: 'query.embed', duration_ms: 190, status: 'OK' },
        {
          tool: 'tool_schema_lookup',
          duration_ms: 250,
          status: 'RETRY',
          output: 'schema not found',
        },
        { tool: 'tool_schema_lookup', duration_ms: 280, status: 'OK' },
      ],
    })
    const [root, embed, fail, ok] = r.traces[0].spans
    expect([root.name, root.kind, root.end! - root.start, root.model]).toEqual([
      'agent:start',
      'agent',
      4_120_000,
      'gpt-4.1-mini',
    ])
    expect([
      embed.kind,
      embed.start - root.start,
      fail.start - root.start,
      ok.start - root.start,
    ]).toEqual(['embedding', 0, 190_000, 440_000])
    expect([fail.failed, fail.error?.message, ok.failed]).toEqual([
      true,
      'schema not found',
      undefined,
    ])
    expect(embed.parentId).toBe(root.id)
  })
  it('leaves ATIF and other step lists to their own importers', () => {
    expect(
      seedStepsImporter.detect({
        schema_version: 'ATIF-v1.4',
        session_id: 's',
        steps: [{ name: 'x' }],
      }),
    ).toBeNull()
    expect(seedStepsImporter.detect({ steps: [{ duration: 1 }] })).toBeNull()
  })
})

describe('Traceway-style session traces', () => {
  it('reads traces of spans with their session, in camelCase or snake_case', () => {
    const r = convertWith(seedSessionsImporter, {
      traces: [
        {
          id: 't1',
          name: 'chat-turn',
          sessionId: 'session_abc123',
          spans: [
            {
              id: 'a',
              name: 'gpt-4o',
              model: 'gpt-4o',
              provider: 'openai',
              input: [{ role: 'user', content: 'What is Kubernetes?' }],
              output: 'A container orchestrator.',
              startedAt: '2025-01-01T00:00:00Z',
              endedAt: '2025-01-01T00:00:01Z',
              inputTokens: 12,
              outputTokens: 5,
            },
          ],
        },
        {
          id: 't2',
          session_id: 'session_abc123',
          spans: [
            {
              span_id: 'b',
              name: 'search',
              type: 'tool',
              started_at: 1735689660000,
              duration_ms: 300,
              status: 'error',
              error: { message: 'down' },
            },
          ],
        },
      ],
    })
    expect(r.traces.map((t) => t.sessionId)).toEqual(['session_abc123', 'session_abc123'])
    expect(r.span('a')).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o',
      provider: 'openai',
      inputTokens: 12,
      outputTokens: 5,
    })
    expect(r.span('a').input?.messages).toEqual([{ role: 'user', text: 'What is Kubernetes?' }])
    expect(r.span('b')).toMatchObject({ kind: 'tool', failed: true, error: { message: 'down' } })
    expect(r.span('b').end! - r.span('b').start).toBe(300_000)
  })
})
