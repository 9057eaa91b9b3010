import { describe, expect, it } from 'vitest'
import { payloadText, wordDiff } from './word-diff'

describe('wordDiff', () => {
  it('marks the words that changed', () => {
    const d = wordDiff('The capital of France is Paris.', 'The capital of France is Lyon.')
    expect(d.equal).toBe(false)
    expect(d.parts.filter((p) => p.op === 'del').map((p) => p.text.trim())).toEqual(['Paris'])
    expect(d.parts.filter((p) => p.op === 'add').map((p) => p.text.trim())).toEqual(['Lyon'])
    expect(
      d.parts
        .filter((p) => p.op !== 'add')
        .map((p) => p.text)
        .join(''),
    ).toBe('The capital of France is Paris.')
  })

  it('reports equality and cuts huge texts visibly', () => {
    expect(wordDiff('same', 'same').equal).toBe(true)
    const big = 'word '.repeat(10_000)
    const d = wordDiff(big, big + 'tail', { maxChars: 1000 })
    expect(d.truncated).toBe(true)
    expect(d.parts.map((p) => p.text).join('').length).toBe(1000)
  })

  it('turns a chat payload into role-prefixed text with tool calls', () => {
    const text = payloadText({
      value: null,
      messages: [
        { role: 'user', text: 'Weather in Oslo?' },
        { role: 'assistant', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
      ],
    })
    expect(text).toBe('user: Weather in Oslo?\n\nassistant: \n  → get_weather({"city":"Oslo"})')
    expect(payloadText({ value: { a: 1 } })).toBe('{\n  "a": 1\n}')
    expect(payloadText(undefined)).toBe('')
  })
})
