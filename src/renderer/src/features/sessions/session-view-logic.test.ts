import { describe, expect, it } from 'vitest'
import type { SessionTurn } from '../../../../shared/api'
import { stepSummary } from './Conversation'
import { payloadPreview } from './preview'
import { percentOf, sessionContextLimit, sessionPromptPeak } from './TokenChart'

function turn(partial: Partial<SessionTurn>): SessionTurn {
  return {
    traceId: 't',
    name: 'turn',
    start: 0,
    durationMs: 1,
    status: 'ok',
    cost: 0,
    costEstimated: false,
    inputTokens: 0,
    outputTokens: 0,
    contextTokens: null,
    contextLimit: null,
    userInput: null,
    response: null,
    error: null,
    inputSpan: null,
    responseSpan: null,
    steps: [],
    moreSteps: 0,
    ...partial,
  }
}

describe('payloadPreview', () => {
  it('shows the last message of a conversation with its role, on one line', () => {
    expect(
      payloadPreview({
        value: null,
        messages: [
          { role: 'system', text: 'be brief' },
          { role: 'user', text: 'What is\n\nKubernetes?' },
        ],
      }),
    ).toBe('user: What is Kubernetes?')
    expect(
      payloadPreview({
        value: null,
        messages: [{ role: 'assistant', toolCalls: [{ name: 'search' }] }],
      }),
    ).toBe('assistant: search(…)')
  })

  it('clips long values and shows JSON compactly', () => {
    expect(payloadPreview({ value: 'x'.repeat(500) })).toHaveLength(160)
    expect(payloadPreview({ value: { city: 'Paris' } })).toBe('{"city":"Paris"}')
    expect(payloadPreview(undefined)).toBe('')
  })
})

describe('turn summaries', () => {
  it('counts the notable kinds among the steps', () => {
    const steps = ['llm', 'tool', 'tool', 'retriever', 'span'].map((kind, index) => ({
      index,
      name: kind,
      kind,
      status: 'ok' as const,
      durationMs: 1,
    }))
    expect(stepSummary(turn({ steps }))).toEqual(['1 LLM call', '2 tool calls', '1 retrieval'])
  })

  it('draws the tightest known context limit of the session', () => {
    expect(
      sessionContextLimit([
        turn({ contextLimit: 128_000 }),
        turn({ contextLimit: 8_192 }),
        turn({}),
      ]),
    ).toBe(8_192)
    expect(sessionContextLimit([turn({})])).toBeNull()
  })

  it('measures the context by the largest single prompt, not the sum of a turn\'s calls', () => {
    // Two LLM calls of 4,600 tokens each: 9,200 input tokens, but no prompt was bigger than 4,600.
    const turns = [turn({ inputTokens: 9_200, contextTokens: 4_600, contextLimit: 128_000 })]
    expect(percentOf(sessionPromptPeak(turns), 128_000)).toBe('3.6%')
    // A turn whose prompts are unknown counts with its input tokens.
    expect(sessionPromptPeak([...turns, turn({ inputTokens: 5_000 })])).toBe(5_000)
  })
})
