import { describe, expect, it } from 'vitest'
import { langfuseImporter } from './langfuse'
import { convertWith } from './common/test-support'

const obs = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  traceId: 't1',
  parentObservationId: null,
  type: 'SPAN',
  name: `obs-${id}`,
  startTime: '2025-09-30T09:04:01.001Z',
  endTime: '2025-09-30T09:04:02.151Z',
  level: 'DEFAULT',
  ...over,
})

describe('Langfuse exports', () => {
  it('maps every observation type to a kind; an EVENT is a point in time', () => {
    const types = [
      'SPAN',
      'GENERATION',
      'EVENT',
      'AGENT',
      'TOOL',
      'CHAIN',
      'RETRIEVER',
      'EMBEDDING',
      'EVALUATOR',
      'GUARDRAIL',
    ]
    const r = convertWith(langfuseImporter, {
      trace: { id: 't1' },
      observations: types.map((type, i) =>
        obs(String(i), { type, ...(type === 'EVENT' ? { endTime: null } : {}) }),
      ),
    })
    expect(r.traces[0].spans.map((s) => s.kind)).toEqual([
      'span',
      'llm',
      'event',
      'agent',
      'tool',
      'chain',
      'retriever',
      'embedding',
      'span',
      'guardrail',
    ])
    const event = r.span('2')
    expect(event.end).toBe(event.start)
    expect(r.span('0').end! - r.span('0').start).toBe(1_150_000)
  })

  it('reads usageDetails, usage and promptTokens, and cost from costDetails, totalCost or calculatedTotalCost', () => {
    const r = convertWith(langfuseImporter, {
      id: 't1',
      observations: [
        obs('a', {
          type: 'GENERATION',
          usageDetails: { input: 85, output: 29, total: 114 },
          costDetails: { input: 0.1, output: 0.2, total: 0.3 },
          totalCost: 0.3,
        }),
        obs('b', {
          type: 'GENERATION',
          usage: { input: 7, output: 3, total: 10, unit: 'TOKENS' },
          calculatedTotalCost: 0.01,
        }),
        obs('c', { type: 'GENERATION', promptTokens: 11, completionTokens: 4, totalCost: 0.02 }),
        obs('d', {
          usageDetails: {},
          costDetails: {},
          totalCost: 0,
          inputUsage: 0,
          outputUsage: 0,
        }),
      ],
      totalCost: 0.33,
    })
    expect([r.span('a').inputTokens, r.span('a').outputTokens, r.span('a').cost]).toEqual([
      85, 29, 0.3,
    ])
    expect([r.span('b').inputTokens, r.span('b').outputTokens, r.span('b').cost]).toEqual([
      7, 3, 0.01,
    ])
    expect([r.span('c').inputTokens, r.span('c').outputTokens, r.span('c').cost]).toEqual([
      11, 4, 0.02,
    ])
    expect([r.span('d').inputTokens, r.span('d').cost]).toEqual([undefined, undefined])
    expect(r.traces[0].cost).toBe(0.33) // the public API states the trace total
  })

  it('turns level ERROR into a failure with the status message', () => {
    const r = convertWith(langfuseImporter, {
      trace: { id: 't1' },
      observations: [
        obs('a', { level: 'ERROR', statusMessage: 'rate limited' }),
        obs('b', { level: 'WARNING', statusMessage: 'slow' }),
      ],
    })
    expect([r.span('a').failed, r.span('a').error?.message]).toEqual([true, 'rate limited'])
    expect(r.span('b').failed).toBeUndefined()
    expect(r.span('b').attributes).toMatchObject({
      'langfuse.level': 'WARNING',
      'langfuse.statusMessage': 'slow',
    })
  })

  it('de-duplicates observations listed twice, keeping the full top-level copy', () => {
    const full = obs('a', { input: '"[{\\"role\\":\\"user\\",\\"content\\":\\"hi\\"}]"' })
    const r = convertWith(langfuseImporter, {
      trace: { id: 't1', observations: [{ ...full, input: null }, obs('b')] },
      observations: [full],
    })
    expect(r.traces[0].spans.map((s) => s.id)).toEqual(['a', 'b'])
    // Twice-encoded input is decoded for display and read as a conversation.
    expect(r.span('a').input?.messages).toEqual([{ role: 'user', text: 'hi' }])
    expect(r.warnings.join()).toMatch(/1 observation\(s\) listed twice/)
  })

  it('takes session, user, tags and environment from the trace, and OTel metadata as attributes', () => {
    const r = convertWith(langfuseImporter, {
      trace: {
        id: 't1',
        name: 'QA',
        sessionId: 's-1',
        userId: 'u-1',
        tags: ['prod'],
        environment: 'production',
      },
      observations: [
        obs('a', {
          metadata: JSON.stringify({
            attributes: { 'gen_ai.system': 'openai' },
            resourceAttributes: { 'service.name': 'bot' },
            thread_id: 'x',
          }),
        }),
      ],
    })
    expect(r.traces[0]).toMatchObject({
      name: 'QA',
      sessionId: 's-1',
      userId: 'u-1',
      tags: ['prod'],
      environment: 'production',
    })
    expect(r.span('a').service).toBe('bot')
    expect(r.span('a').attributes).toMatchObject({
      'gen_ai.system': 'openai',
      'resource.service.name': 'bot',
      'metadata.thread_id': 'x',
    })
  })

  it('reads observation rows without their trace (API list pages), grouped by traceId', () => {
    const page = {
      data: [
        obs('g1', {
          type: 'GENERATION',
          model: 'qwen3',
          output: 'hello',
          usage: { input: 13, output: 353, total: 366, unit: 'TOKENS' },
        }),
        obs('s2', { traceId: 't2', name: 'retrieve' }),
        obs('e3', { parentObservationId: 'g1', type: 'EVENT', endTime: null }),
      ],
      meta: { page: 1, limit: 50, totalItems: 3, totalPages: 1 },
    }
    for (const value of [page, page.data]) {
      const r = convertWith(langfuseImporter, value)
      expect(r.traces.map((t) => [t.sourceTraceId, t.spans.map((s) => s.id)])).toEqual([
        ['t1', ['g1', 'e3']],
        ['t2', ['s2']],
      ])
      // A generation's plain-text output is the assistant's answer.
      expect(r.span('g1')).toMatchObject({ model: 'qwen3', inputTokens: 13, outputTokens: 353 })
      expect(r.span('g1').output?.messages).toEqual([{ role: 'assistant', text: 'hello' }])
    }
  })
})
