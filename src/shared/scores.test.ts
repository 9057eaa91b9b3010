import { describe, expect, it } from 'vitest'
import { SCORES_ATTRIBUTE, scoreText, scoresOf } from './scores'

describe('scores', () => {
  it('reads stored scores and OpenInference eval attributes, skipping records without a value', () => {
    const scores = scoresOf({
      [SCORES_ATTRIBUTE]: [
        { name: 'helpfulness', value: 0.9, source: 'EVAL', comment: 'clear answer' },
        { name: 'thumbs', value: true, label: 'up' },
        { name: 'empty' },
        'junk',
      ],
      'eval.correctness.score': 1,
      'eval.correctness.label': 'correct',
      'eval.correctness.explanation': 'matches the reference',
      'eval.tone.label': 'polite',
      'eval.x.other': 3,
      'llm.model_name': 'gpt-4o',
    })
    expect(scores).toEqual([
      { name: 'helpfulness', value: 0.9, source: 'EVAL', comment: 'clear answer' },
      { name: 'thumbs', value: 1, label: 'up' },
      {
        name: 'correctness',
        value: 1,
        label: 'correct',
        comment: 'matches the reference',
        source: 'eval',
      },
      { name: 'tone', label: 'polite', source: 'eval' },
    ])
    expect(scores.map(scoreText)).toEqual(['0.9', 'up (1)', 'correct (1)', 'polite'])
    expect(scoresOf({})).toEqual([])
  })
})
