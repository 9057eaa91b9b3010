import { describe, expect, it } from 'vitest'
import { toChatMessages, toPayload } from './chat'

describe('toChatMessages', () => {
  it('reads OpenAI chat messages with tool calls and tool results', () => {
    const msgs = toChatMessages([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in' }, { type: 'text', text: 'Tokyo?' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    ])
    expect(msgs).toEqual([
      { role: 'system', text: 'Be brief.' },
      { role: 'user', text: 'Weather in\nTokyo?' },
      { role: 'assistant', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Tokyo"}' }] },
      { role: 'tool', text: 'sunny', toolCallId: 'call_1' },
    ])
  })

  it('keeps images as parts next to the text', () => {
    const [m] = toChatMessages([
      { role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: 'data:x' } }] },
    ])!
    expect(m.text).toBe('what is this?')
    expect(m.parts?.map((p) => p.type)).toEqual(['text', 'image'])
  })

  it('reads OpenAI Responses items', () => {
    const msgs = toChatMessages({
      model: 'gpt-4.1',
      instructions: 'You are helpful',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'add 2 and 3' }] },
        { type: 'function_call', call_id: 'fc_1', name: 'add', arguments: '{"a":2,"b":3}' },
        { type: 'function_call_output', call_id: 'fc_1', output: '5' },
      ],
    })
    expect(msgs).toEqual([
      { role: 'system', text: 'You are helpful' },
      { role: 'user', text: 'add 2 and 3' },
      { role: 'assistant', toolCalls: [{ id: 'fc_1', name: 'add', arguments: '{"a":2,"b":3}' }] },
      { role: 'tool', text: '5', toolCallId: 'fc_1' },
    ])
  })

  it('reads Anthropic content blocks', () => {
    const msgs = toChatMessages({
      system: 'sys',
      messages: [
        { role: 'user', content: 'find it' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Searching.' },
            { type: 'tool_use', id: 'tu_1', name: 'search', input: { q: 'it' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: [{ type: 'text', text: 'found' }] }] },
      ],
    })!
    expect(msgs[0]).toEqual({ role: 'system', text: 'sys' })
    expect(msgs[2]).toEqual({ role: 'assistant', text: 'Searching.', toolCalls: [{ id: 'tu_1', name: 'search', arguments: { q: 'it' } }] })
    expect(msgs[3].toolCallId).toBe('tu_1')
    expect(msgs[3].text).toBe('found')
    expect(msgs[3].parts?.[0]).toMatchObject({ type: 'tool_result', text: 'found' })
  })

  it('reads OTel GenAI parts messages from a JSON string', () => {
    const input = JSON.stringify([
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'c1', response: 'rainy' }] },
      { role: 'assistant', parts: [{ type: 'text', content: 'It is rainy.' }], finish_reason: 'stop' },
    ])
    const msgs = toChatMessages(input)!
    expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant'])
    expect(msgs[0].text).toBe('Weather in Paris?')
    expect(msgs[1].toolCalls).toEqual([{ id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } }])
    expect(msgs[2]).toMatchObject({ role: 'tool', text: 'rainy', toolCallId: 'c1' })
    expect(msgs[3].text).toBe('It is rainy.')
  })

  it('reads LangChain serialized messages in nested batches', () => {
    const lc = (cls: string, kwargs: object) => ({ lc: 1, type: 'constructor', id: ['langchain', 'schema', 'messages', cls], kwargs })
    const msgs = toChatMessages([
      [
        lc('SystemMessage', { content: 'sys', type: 'system' }),
        lc('HumanMessage', { content: 'hi', type: 'human' }),
        lc('AIMessage', { content: '', type: 'ai', tool_calls: [{ name: 'lookup', args: { id: 7 }, id: 'call_9' }] }),
        lc('ToolMessage', { content: 'row 7', type: 'tool', tool_call_id: 'call_9' }),
      ],
    ])
    expect(msgs).toEqual([
      { role: 'system', text: 'sys' },
      { role: 'user', text: 'hi' },
      { role: 'assistant', text: '', toolCalls: [{ id: 'call_9', name: 'lookup', arguments: { id: 7 } }] },
      { role: 'tool', text: 'row 7', toolCallId: 'call_9' },
    ])
  })

  it('reads LangChain message dicts and a {messages} wrapper', () => {
    expect(toChatMessages({ messages: [{ type: 'human', content: 'q' }, { type: 'ai', content: 'a' }] })).toEqual([
      { role: 'user', text: 'q' },
      { role: 'assistant', text: 'a' },
    ])
  })

  it('reads Gemini contents with the model role', () => {
    const msgs = toChatMessages({
      contents: [
        { role: 'user', parts: [{ text: 'hi' }] },
        { role: 'model', parts: [{ functionCall: { name: 'f', args: { x: 1 } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { y: 2 } } }] },
      ],
    })!
    expect(msgs[0]).toEqual({ role: 'user', text: 'hi' })
    expect(msgs[1]).toEqual({ role: 'assistant', toolCalls: [{ name: 'f', arguments: { x: 1 } }] })
    expect(msgs[2].parts?.[0].type).toBe('tool_result')
  })

  it('reads Vercel AI SDK prompts', () => {
    expect(toChatMessages('{"system":"be nice","prompt":"hello"}')).toEqual([
      { role: 'system', text: 'be nice' },
      { role: 'user', text: 'hello' },
    ])
    const msgs = toChatMessages([
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'weather', args: { city: 'Oslo' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'weather', result: { temp: 3 } }] },
    ])!
    expect(msgs[0].toolCalls).toEqual([{ id: 't1', name: 'weather', arguments: { city: 'Oslo' } }])
    expect(msgs[1].toolCallId).toBe('t1')
    expect(JSON.parse(msgs[1].text!)).toEqual({ temp: 3 })
  })

  it('reads OpenAI completion responses', () => {
    expect(toChatMessages({ id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'done' } }] })).toEqual([
      { role: 'assistant', text: 'done' },
    ])
  })

  it('says no to values that are not conversations', () => {
    for (const v of ['hello', 42, null, [], [1, 2], { a: 1 }, [{ role: 'user' }], [{ role: 'user', content: 'x' }, 'y'], '{"q":"x"}']) {
      expect(toChatMessages(v)).toBeUndefined()
    }
  })
})

describe('toPayload', () => {
  it('decodes a twice-encoded conversation, keeps the raw string, and adds the chat view', () => {
    const raw = JSON.stringify(JSON.stringify([{ role: 'user', content: '{"not":"decoded in the chat view"}' }]))
    const p = toPayload(raw, 'application/json')
    expect(p.raw).toBe(raw)
    expect(p.mimeType).toBe('application/json')
    expect(p.value).toEqual([{ role: 'user', content: { not: 'decoded in the chat view' } }])
    expect(p.messages).toEqual([{ role: 'user', text: '{"not":"decoded in the chat view"}' }])
  })

  it('keeps plain text as it is', () => {
    expect(toPayload('just words')).toEqual({ value: 'just words' })
  })
})

describe('tool definitions and logged reprs', () => {
  it('leaves tool definitions logged as role "tool" out of the conversation', () => {
    const msgs = toChatMessages([
      { role: 'user', content: 'search' },
      { role: 'tool', content: { type: 'function', function: { name: 'Web-Search', parameters: {} } } },
    ])
    expect(msgs).toEqual([{ role: 'user', text: 'search' }])
  })

  it('reads Python repr strings of messages (Agno)', () => {
    const msgs = toChatMessages({
      messages: [
        "role='system' content='Use markdown.\\nBe brief.' name=None tool_calls=None",
        'role=\'user\' content="What\'s trending?" name=None',
        "role='assistant' content=None tool_calls=[{'id': 'call_1'}]",
      ],
    })
    expect(msgs).toEqual([
      { role: 'system', text: 'Use markdown.\nBe brief.' },
      { role: 'user', text: "What's trending?" },
      { role: 'assistant' },
    ])
  })

  it('reads one OpenAI choice and LangChain dicts with additional_kwargs tool calls', () => {
    expect(toChatMessages({ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' })).toEqual([{ role: 'assistant', text: 'ok' }])
    const [m] = toChatMessages([
      { role: 'assistant', content: '', additional_kwargs: { tool_calls: [{ id: 'c', function: { name: 'f', arguments: '{}' } }] } },
    ])!
    expect(m.toolCalls).toEqual([{ id: 'c', name: 'f', arguments: '{}' }])
    expect(toChatMessages({ type: 'tool', content: 'done', tool_call_id: 'c', name: 'f' })).toEqual([{ role: 'tool', text: 'done', toolCallId: 'c', name: 'f' }])
  })

  it('reads a Gemini request whose contents is a bare prompt', () => {
    expect(toChatMessages({ model: 'gemini-2.5-flash', contents: 'What is Langfuse?' })).toEqual([{ role: 'user', text: 'What is Langfuse?' }])
  })
})
