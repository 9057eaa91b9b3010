import { describe, expect, it } from 'vitest'
import {
  clip,
  messageText,
  nonTextParts,
  payloadText,
  payloadViews,
  prettyArguments,
  roleTone,
} from './payload-text'

describe('payload text', () => {
  it('prefers the raw source string, else shows the value', () => {
    expect(payloadText({ value: { a: 1 }, raw: '{"a":1}' })).toBe('{"a":1}')
    expect(payloadText({ value: 'plain words' })).toBe('plain words')
    expect(payloadText({ value: { a: [1, 2] } })).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}')
    expect(payloadText({ value: null })).toBe('null')
  })

  it('offers the conversation first for chats, JSON for structures, raw always', () => {
    const chat = { value: [], messages: [{ role: 'user', text: 'hi' }] }
    expect(payloadViews(chat, 'conversation')).toEqual(['conversation', 'json', 'raw'])
    expect(payloadViews({ ...chat, value: 'hi' }, 'json')).toEqual(['conversation', 'raw'])
    expect(payloadViews({ value: { a: 1 } }, 'conversation')).toEqual(['json', 'raw'])
    expect(payloadViews({ value: { a: 1 } }, 'raw')).toEqual(['raw', 'json'])
    expect(payloadViews({ value: 'text' }, 'json')).toEqual(['raw'])
  })
})

describe('clip', () => {
  it('keeps short text whole and reports the full length of long text', () => {
    expect(clip('abc', 5)).toEqual({ text: 'abc', clipped: false, total: 3 })
    expect(clip('abcdef', 4)).toEqual({ text: 'abcd', clipped: true, total: 6 })
  })
  it('never splits an emoji in half', () => {
    const out = clip('ab😀cd', 3)
    expect(out.text).toBe('ab')
    expect(out.clipped).toBe(true)
  })
})

describe('tool-call arguments', () => {
  it('pretty-prints JSON arguments, even twice-encoded ones', () => {
    expect(prettyArguments('{"city":"Paris"}')).toBe('{\n  "city": "Paris"\n}')
    expect(prettyArguments(JSON.stringify('{"n":1}'))).toBe('{\n  "n": 1\n}')
    expect(prettyArguments({ n: 1 })).toBe('{\n  "n": 1\n}')
  })
  it('leaves non-JSON arguments as written', () => {
    expect(prettyArguments('city=Paris')).toBe('city=Paris')
    expect(prettyArguments('{broken')).toBe('{broken')
    expect(prettyArguments(undefined)).toBe('')
  })
})

describe('messages', () => {
  it('reads text from the message or from its text parts', () => {
    expect(messageText({ role: 'user', text: 'hello' })).toBe('hello')
    expect(
      messageText({
        role: 'user',
        parts: [
          { type: 'text', text: 'a' },
          { type: 'image', data: 'x.png' },
          { type: 'text', text: 'b' },
        ],
      }),
    ).toBe('a\nb')
    expect(
      nonTextParts({
        role: 'user',
        parts: [
          { type: 'text', text: 'a' },
          { type: 'image', data: 'x.png' },
        ],
      }),
    ).toEqual([{ type: 'image', data: 'x.png' }])
  })
  it('maps role names from many producers onto a few tones', () => {
    expect(roleTone('human')).toBe('user')
    expect(roleTone('AI')).toBe('assistant')
    expect(roleTone('developer')).toBe('system')
    expect(roleTone('function')).toBe('tool')
    expect(roleTone('critic')).toBe('other')
  })
})
