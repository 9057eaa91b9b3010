/**
 * Evaluators on real re-runs against the fake model server: the defaults score a completed run
 * against its original (similarity per call, valid JSON where the original was JSON, the same
 * tool calls), configured checks and budgets score both, and an LLM judge's score and reasoning
 * are kept. What the judge was sent is read from the server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startFakeModelServer,
  type FakeModelServer,
} from '../../../../test/fixtures/fake-model-server'
import { createLibrary, type Library } from '../library-service'
import { tempFile } from '../import/test-fixtures'
import { parseJudgeReply, textSimilarity } from './evaluators'

let server: FakeModelServer
let lib: Library | undefined
beforeEach(async () => {
  server = await startFakeModelServer()
})
afterEach(async () => {
  lib?.close()
  lib = undefined
  await server.close()
})

/** An OpenAI Agents trace: a JSON answer, then a tool call, then a text answer. */
function agentsTrace(): string {
  const gen = (id: string, at: number, input: unknown[], output: unknown[]) => ({
    object: 'trace.span',
    id,
    trace_id: 'trace_00000000000000000000000000000001',
    parent_id: null,
    started_at: `2025-05-29T18:29:0${at}+00:00`,
    ended_at: `2025-05-29T18:29:0${at + 1}+00:00`,
    span_data: { type: 'generation', model: 'gpt-4o', input, output },
    error: null,
  })
  return JSON.stringify({
    data: [
      { object: 'trace', id: 'trace_00000000000000000000000000000001', workflow_name: 'booking' },
      gen(
        'span_1',
        0,
        [{ role: 'user', content: 'Extract the city as JSON: I fly to Paris' }],
        [{ role: 'assistant', content: '{"city": "Paris"}' }],
      ),
      gen(
        'span_2',
        2,
        [{ role: 'user', content: 'Weather there?' }],
        [
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'c1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
        ],
      ),
      gen(
        'span_3',
        4,
        [{ role: 'user', content: 'Summarise' }],
        [{ role: 'assistant', content: '[gpt-4o-mini] answer to: Summarise' }],
      ),
    ],
  })
}

async function setUp() {
  lib = createLibrary({
    dbPath: ':memory:',
    useWorker: false,
    env: {},
    rerunClient: { maxRetries: 0, timeoutMs: 5000 },
  })
  const [report] = await lib.handlers.importFiles({
    paths: [tempFile('agents.json', agentsTrace())],
    jobId: 'j',
  })
  const traceId = report.traces[0].id
  const p = await lib.handlers.saveProvider({
    name: 'local',
    kind: 'openai',
    baseUrl: server.openaiBase,
  })
  return { l: lib, traceId, providerId: p.id }
}

describe('evaluators', () => {
  it('score a completed run against its original with the three defaults', async () => {
    const { l, traceId, providerId } = await setUp()
    const run = await l.handlers.startRerun({
      traceId,
      providerId,
      overrides: { model: 'gpt-4o-mini' },
    })
    const done = (await l.reruns.runner.wait(run.id))!
    expect(done.status).toBe('completed')
    const scores = await l.handlers.getScores({ traceId: done.replayTraceId! })
    const total = (kind: string) => scores.find((s) => s.kind === kind && s.span === null)!
    // The third answer is word for word the recorded one; the first two are not.
    const perCall = scores
      .filter((s) => s.kind === 'similarity' && s.span !== null)
      .map((s) => s.score)
    expect(perCall).toHaveLength(3)
    expect(perCall[2]).toBe(1)
    expect(perCall[0]).toBeLessThan(0.5)
    expect(total('similarity').score).toBeCloseTo((perCall[0]! + perCall[1]! + 1) / 3)
    expect(total('json-valid')).toMatchObject({ score: 0, passed: false, label: '0/1' })
    expect(total('same-tool-calls')).toMatchObject({ score: 0, passed: false, label: '0/1' })
    // The original has no reference to be compared with: no reference scores.
    expect(await l.handlers.getScores({ traceId })).toEqual([])
  })

  it('regex, contains and budgets score any trace; a JSON answer passes where the original was JSON', async () => {
    const { l, traceId, providerId } = await setUp()
    await l.handlers.saveEvaluator({
      name: 'mentions Summarise',
      kind: 'contains',
      pattern: 'Summarise',
    })
    await l.handlers.saveEvaluator({ name: 'bracketed', kind: 'regex', pattern: '^\\[gpt' })
    await l.handlers.saveEvaluator({ name: 'under 4 s', kind: 'latency-budget', budget: 4000 })
    await l.handlers.saveEvaluator({ name: 'free', kind: 'cost-budget', budget: 0 })
    await expect(
      l.handlers.saveEvaluator({ name: 'bad', kind: 'regex', pattern: '(' }),
    ).rejects.toThrow(/Pattern \/\(\/ is not a regular expression/)
    expect((await l.handlers.listEvaluators({})).map((e) => e.name)).toEqual([
      'similarity',
      'valid JSON',
      'same tool calls',
      'mentions Summarise',
      'bracketed',
      'under 4 s',
      'free',
    ])
    const original = await l.handlers.scoreTrace({ traceId })
    expect(original.map((s) => [s.evaluator, s.passed])).toEqual([
      ['mentions Summarise', true],
      ['bracketed', true],
      ['under 4 s', false], // the recorded trace took 5 s
      ['free', true],
    ])
    const run = await l.handlers.startRerun({
      traceId,
      providerId,
      overrides: { model: 'json-bot' },
    })
    const done = (await l.reruns.runner.wait(run.id))!
    const replay = await l.handlers.getScores({ traceId: done.replayTraceId! })
    expect(replay.find((s) => s.kind === 'json-valid' && s.span === null)).toMatchObject({
      score: 1,
      passed: true,
    })
    expect(replay.find((s) => s.evaluator === 'under 4 s')).toMatchObject({ passed: true })
    expect(replay.find((s) => s.evaluator === 'mentions Summarise')).toMatchObject({
      passed: false,
    })
  })

  it('an LLM judge gets the input, output and reference and its score and reasoning are kept', async () => {
    const { l, traceId, providerId } = await setUp()
    await l.handlers.saveEvaluator({ name: 'judge', kind: 'llm-judge', providerId, model: 'judge' })
    const run = await l.handlers.startRerun({
      traceId,
      providerId,
      overrides: { model: 'llama3.2' },
    })
    const done = (await l.reruns.runner.wait(run.id))!
    const judged = (await l.handlers.getScores({ traceId: done.replayTraceId! })).find(
      (s) => s.kind === 'llm-judge',
    )!
    expect(judged).toMatchObject({
      score: 0.8,
      label: '8/10',
      reasoning: 'Close to the reference, a little shorter.',
    })
    const asked = server
      .calls()
      .filter((c) => c.body?.model === 'judge')
      .map((c) => (c.body!.messages as { content: string }[])[0].content)
    expect(asked).toHaveLength(2) // the original and the replay
    const forReplay = asked.find((p) => p.includes('[llama3.2] answer to: Summarise'))!
    expect(forReplay).toContain(
      'Reference answer (from the original run):\n[gpt-4o-mini] answer to: Summarise',
    )
    expect(forReplay).toContain('user: Summarise')
  })

  it("lists the scores a trace's export carried (Langfuse) beside the evaluators'", async () => {
    lib = createLibrary({ dbPath: ':memory:', useWorker: false, env: {} })
    const file = tempFile(
      'langfuse.json',
      JSON.stringify({
        id: 'lf-1',
        name: 'support',
        timestamp: '2025-09-30T09:03:59.962Z',
        observations: [
          {
            id: 'o1',
            traceId: 'lf-1',
            type: 'GENERATION',
            name: 'answer',
            startTime: '2025-09-30T09:04:00.000Z',
            endTime: '2025-09-30T09:04:01.000Z',
            model: 'gpt-4o',
            input: [{ role: 'user', content: 'hi' }],
            output: 'hello',
          },
        ],
        scores: [
          {
            name: 'helpfulness',
            value: 0.75,
            dataType: 'NUMERIC',
            comment: 'fine',
            source: 'ANNOTATION',
          },
        ],
      }),
    )
    const [report] = await lib.handlers.importFiles({ paths: [file], jobId: 'j' })
    const scores = await lib.handlers.getScores({ traceId: report.traces[0].id })
    expect(scores).toEqual([
      expect.objectContaining({
        evaluator: 'helpfulness',
        kind: 'imported',
        score: 0.75,
        reasoning: 'fine',
      }),
    ])
  })

  it('read similarity and judge replies', () => {
    expect(textSimilarity('the cat sat', 'the cat sat')).toBe(1)
    expect(textSimilarity('the cat sat', 'a dog ran far')).toBeLessThan(0.3)
    expect(textSimilarity('the cat sat on the mat', 'the cat sat on a mat')).toBeGreaterThan(0.7)
    expect(parseJudgeReply('Score: 7. Fine.')).toEqual({ score: 0.7, reasoning: 'Score: 7. Fine.' })
    expect(parseJudgeReply('```json\n{"score": 0.5, "reasoning": "meh"}\n```')).toEqual({
      score: 0.5,
      reasoning: 'meh',
    })
    expect(parseJudgeReply('no idea')).toBeNull()
  })
})
