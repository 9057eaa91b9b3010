import { describe, expect, it } from 'vitest'
import { toReplayColumns } from './columns'
import { promptText, reportSources, responseText, valueText } from './summary'
import { spanTableOf } from './table-fixture'

describe('end-of-replay report', () => {
  it('reads the prompt and response from the root, falling back to the LLM calls', () => {
    const c = toReplayColumns(
      spanTableOf([
        {
          name: 'run',
          startMs: 0,
          durationMs: 10,
          children: [
            { name: 'a', kind: 'llm', startMs: 1, durationMs: 1 },
            { name: 'b', kind: 'llm', startMs: 3, durationMs: 1 },
            { name: 'c', kind: 'llm', status: 'error', startMs: 5, durationMs: 1 },
          ],
        },
      ]),
    )
    expect(reportSources(c)).toEqual({ prompt: [0, 1], response: [0, 2] })
  })

  it('takes the last user message as the prompt and the last assistant message as the response', () => {
    const input = {
      value: null,
      messages: [
        { role: 'system', text: 'Be brief' },
        { role: 'user', text: 'Explain transformers' },
      ],
    }
    const output = {
      value: null,
      messages: [{ role: 'assistant', parts: [{ type: 'text' as const, text: 'Attention.' }] }],
    }
    expect(promptText(input)).toBe('Explain transformers')
    expect(responseText(output)).toBe('Attention.')
    expect(promptText(undefined)).toBe('')
  })

  it('unwraps common payload shapes and stringifies the rest', () => {
    expect(valueText({ question: 'why?' })).toBe('why?')
    expect(valueText({ a: 1 })).toBe('{"a":1}')
    expect(valueText(42)).toBe('42')
  })
})
