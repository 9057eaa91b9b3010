/** Scores and feedback imported where they belong: the trace, or the span they name. */
import { describe, expect, it } from 'vitest'
import { scoresOf } from '../../../../shared/scores'
import { convertWith } from './common/test-support'
import { langfuseImporter } from './langfuse'
import { langsmithImporter } from './langsmith'
import { phoenixArrayImporter } from './phoenix'

describe('imported scores', () => {
  it('Langfuse: scores naming an observation go to its span, the others to the trace', () => {
    const r = convertWith(langfuseImporter, {
      id: 'tr-1',
      name: 'run',
      observations: [
        {
          id: 'o1',
          traceId: 'tr-1',
          type: 'GENERATION',
          name: 'chat',
          startTime: '2025-01-01T00:00:00.000Z',
          endTime: '2025-01-01T00:00:01.000Z',
        },
      ],
      scores: [
        {
          name: 'helpfulness',
          value: 0.8,
          dataType: 'NUMERIC',
          source: 'EVAL',
          comment: 'good',
          observationId: 'o1',
        },
        {
          name: 'user-feedback',
          value: 1,
          stringValue: 'thumbs_up',
          dataType: 'CATEGORICAL',
          source: 'API',
        },
      ],
    })
    expect(scoresOf(r.span('o1').attributes)).toEqual([
      { name: 'helpfulness', value: 0.8, comment: 'good', source: 'EVAL' },
    ])
    expect(scoresOf(r.traces[0].attributes)).toEqual([
      { name: 'user-feedback', label: 'thumbs_up', source: 'API' },
    ])
  })

  it('LangSmith: feedback stats and records on a run; the root run’s are the trace’s', () => {
    const r = convertWith(langsmithImporter, [
      {
        id: 'root',
        trace_id: 'root',
        run_type: 'chain',
        name: 'agent',
        start_time: '2025-01-01T00:00:00',
        end_time: '2025-01-01T00:00:02',
        feedback_stats: { correctness: { n: 2, avg: 0.5, values: {} } },
      },
      {
        id: 'llm',
        trace_id: 'root',
        parent_run_id: 'root',
        run_type: 'llm',
        name: 'ChatOpenAI',
        start_time: '2025-01-01T00:00:00.5',
        end_time: '2025-01-01T00:00:01',
        feedback: [{ key: 'thumbs', score: 1, comment: 'nice' }],
      },
    ])
    expect(scoresOf(r.span('llm').attributes)).toEqual([
      { name: 'thumbs', value: 1, comment: 'nice', source: 'feedback' },
    ])
    const root = [{ name: 'correctness', value: 0.5, count: 2, source: 'feedback' }]
    expect(scoresOf(r.span('root').attributes)).toEqual(root)
    expect(scoresOf(r.traces[0].attributes)).toEqual(root)
  })

  it('Phoenix: span annotations and OpenInference eval attributes; tag.tags become trace tags', () => {
    const r = convertWith(phoenixArrayImporter, [
      {
        name: 'llm',
        context: { trace_id: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4', span_id: '1a2b3c4d5e6f7a8b' },
        span_kind: 'LLM',
        parent_id: null,
        start_time: '2024-01-01T12:00:00+00:00',
        end_time: '2024-01-01T12:00:01+00:00',
        status_code: 'OK',
        attributes: {
          'llm.model_name': 'gpt-4',
          'eval.relevance.score': 0.7,
          'eval.relevance.label': 'relevant',
          'tag.tags': '["prod"]',
        },
        annotations: [
          {
            name: 'QA',
            annotator_kind: 'HUMAN',
            result: { label: 'correct', score: 1, explanation: 'checked' },
          },
        ],
        events: [],
      },
    ])
    expect(scoresOf(r.span('1a2b3c4d5e6f7a8b').attributes)).toEqual([
      { name: 'QA', value: 1, label: 'correct', comment: 'checked', source: 'HUMAN' },
      { name: 'relevance', value: 0.7, label: 'relevant', source: 'eval' },
    ])
    expect(r.traces[0].tags).toEqual(['prod'])
  })
})
