import { describe, expect, it } from 'vitest'
import { queryHandlers } from './index'
import { insertTraces, openFixtureDb, type FixtureTrace } from './sql-fixtures'

const T0 = Date.UTC(2025, 0, 10, 9) * 1000

/** A chat turn as an agent SDK records it: root, LLM call with tool call, tool, final LLM call. */
function agentTurn(
  i: number,
  question: string,
  answer: string,
  history: { role: string; text: string }[],
): FixtureTrace {
  const prompt = [...history, { role: 'user', text: question }]
  return {
    id: `conv-t${i}`,
    name: 'chat-turn',
    sessionId: 'conv',
    start: T0 + i * 90_000_000,
    duration: 3_000_000,
    spans: [
      { name: 'chat-turn', kind: 'agent', input: { value: question }, output: { value: answer } },
      {
        name: 'plan',
        kind: 'llm',
        model: 'gpt-4o-2024-08-06',
        inputTokens: 1000 * (i + 1),
        outputTokens: 10,
        cost: 0.02,
        input: { value: null, messages: prompt },
        output: { value: null, messages: [{ role: 'assistant', toolCalls: [{ name: 'search' }] }] },
      },
      {
        name: 'search',
        kind: 'tool',
        duration: 500_000,
        input: { value: { q: question } },
        output: { value: 'results' },
      },
      {
        name: 'answer',
        kind: 'llm',
        model: 'gpt-4o-2024-08-06',
        inputTokens: 1200 * (i + 1),
        outputTokens: 50,
        cost: 0.03,
        input: { value: null, messages: [...prompt, { role: 'tool', text: 'results' }] },
        output: { value: null, messages: [{ role: 'assistant', text: answer }] },
      },
    ],
  }
}

describe('getSession', () => {
  const db = openFixtureDb()
  const qa = [
    ['What is Kubernetes?', 'A container orchestrator.'],
    ['How does it compare to Docker Swarm?', 'Kubernetes is more featureful.'],
    ['Which should I pick?', 'Kubernetes, for most teams.'],
  ]
  const history: { role: string; text: string }[] = []
  const turns = qa.map(([q, a], i) => {
    const t = agentTurn(i, q, a, [...history])
    history.push({ role: 'user', text: q }, { role: 'assistant', text: a })
    return t
  })
  // Inserted out of order: the session still reads in start order.
  insertTraces(db, [turns[2], turns[0], turns[1]])
  const q = queryHandlers(db)

  it('reads each trace as a turn: the new user message, the final answer, the steps between', async () => {
    const detail = await q.getSession({ id: 'conv' })
    expect(detail.traces.map((t) => t.id)).toEqual(['conv-t0', 'conv-t1', 'conv-t2'])
    expect(detail.turns.map((t) => [t.userInput, t.response])).toEqual(qa)
    const first = detail.turns[0]
    expect(first.steps.map((s) => `${s.kind}:${s.name}`)).toEqual([
      'llm:plan',
      'tool:search',
      'llm:answer',
    ])
    expect(first.inputSpan).toBe(1)
    expect(first.responseSpan).toBe(3)
    expect(first.durationMs).toBe(3000)
    expect(first.cost).toBeCloseTo(0.05)
  })

  it('shows the context growing turn by turn against the model limit', async () => {
    const { turns: read, session } = await q.getSession({ id: 'conv' })
    expect(read.map((t) => t.contextTokens)).toEqual([1200, 2400, 3600])
    expect(read.map((t) => t.inputTokens)).toEqual([2200, 4400, 6600])
    expect(read[0].model).toBe('gpt-4o-2024-08-06')
    expect(read[0].contextLimit).toBe(128_000)
    expect(session.totalTokens).toBe(2200 + 4400 + 6600 + 3 * 60)
    expect(session.traceCount).toBe(3)
  })

  it('says which session is missing', async () => {
    await expect(q.getSession({ id: 'nope' })).rejects.toThrow('No session "nope" in the library')
  })

  it('lists the first steps of a huge turn and counts the rest, still finding its last LLM call', async () => {
    const big = openFixtureDb()
    const spans = [
      { name: 'agent', kind: 'agent' },
      ...Array.from({ length: 998 }, (_, i) => ({ name: `tool ${i}`, kind: 'tool' })),
      {
        name: 'final',
        kind: 'llm',
        model: 'gpt-4o',
        inputTokens: 9000,
        output: { value: null, messages: [{ role: 'assistant', text: 'done at last' }] },
      },
    ]
    insertTraces(big, [{ id: 'huge', sessionId: 'h', start: T0, duration: 1, spans }])
    const { turns } = await queryHandlers(big).getSession({ id: 'h' })
    expect(turns[0].steps).toHaveLength(200)
    expect(turns[0].moreSteps).toBe(999 - 200)
    expect(turns[0].response).toBe('done at last')
    expect(turns[0].responseSpan).toBe(999)
    expect(turns[0].contextTokens).toBe(9000)
  })
})
