import { describe, expect, it } from 'vitest'
import { extractLlmFields, flattenAttributes, hasLlmData, readTraceFields } from './index'

describe('OTel GenAI 1.37+', () => {
  it('reads a chat span: kind, provider, model, tokens, messages with system instructions, session', () => {
    const f = extractLlmFields({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.usage.input_tokens': 412,
      'gen_ai.usage.output_tokens': '27',
      'gen_ai.conversation.id': 'conv-7',
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be terse.' }]),
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'Weather?' }] },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'c1', name: 'weather', arguments: { city: 'Oslo' } }],
          finish_reason: 'tool_call',
        },
      ]),
    })
    expect(f).toMatchObject({
      kind: 'llm',
      kindHint: 'chat',
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      inputTokens: 412,
      outputTokens: 27,
      sessionId: 'conv-7',
    })
    expect(f.input?.messages).toEqual([
      { role: 'system', text: 'Be terse.' },
      { role: 'user', text: 'Weather?' },
    ])
    expect(f.output?.messages).toEqual([
      {
        role: 'assistant',
        toolCalls: [{ id: 'c1', name: 'weather', arguments: { city: 'Oslo' } }],
      },
    ])
  })

  it('reads structured (non-string) message attributes and tool execution spans', () => {
    const f = extractLlmFields({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'weather',
      'gen_ai.tool.call.arguments': '{"city":"Oslo"}',
      'gen_ai.tool.call.result': '{"temp":3}',
    })
    expect(f.kind).toBe('tool')
    expect(f.input?.value).toEqual({ city: 'Oslo' })
    expect(f.output?.value).toEqual({ temp: 3 })
    const g = extractLlmFields({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'go' }] }],
    })
    expect(g.kind).toBe('agent')
    expect(g.input?.messages).toEqual([{ role: 'user', text: 'go' }])
  })

  it('reads a tool execution span whose arguments and result sit in older keys', () => {
    const bridge = extractLlmFields({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      input: '{"city": "New York"}',
      output: '{"status": "success"}',
    })
    expect([bridge.kind, bridge.input?.value, bridge.output?.value]).toEqual([
      'tool',
      { city: 'New York' },
      { status: 'success' },
    ])
    const logfire = extractLlmFields({
      'gen_ai.operation.name': 'execute_tool',
      tool_arguments: '{"q": 1}',
      tool_response: 'done',
    })
    expect([logfire.input?.value, logfire.output?.value]).toEqual([{ q: 1 }, 'done'])
    // Other spans' generic `input`/`output` keys are not taken for tool arguments.
    expect(extractLlmFields({ 'gen_ai.operation.name': 'chat', input: 'x' }).input).toBeUndefined()
  })

  it('maps embeddings and unknown operations', () => {
    expect(extractLlmFields({ 'gen_ai.operation.name': 'embeddings' }).kind).toBe('embedding')
    expect(extractLlmFields({ 'gen_ai.operation.name': 'something_new' })).toEqual({
      kindHint: 'something_new',
    })
  })
})

describe('older GenAI and Traceloop', () => {
  it('reads indexed prompt/completion keys with tool calls', () => {
    const f = extractLlmFields({
      'gen_ai.system': 'openai',
      'llm.request.type': 'chat',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.prompt_tokens': 412,
      'gen_ai.usage.completion_tokens': 27,
      'gen_ai.prompt.0.role': 'system',
      'gen_ai.prompt.0.content': 'You are a weather bot',
      'gen_ai.prompt.1.role': 'user',
      'gen_ai.prompt.1.content': 'Weather in Paris?',
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.finish_reason': 'tool_calls',
      'gen_ai.completion.0.tool_calls.0.id': 'call_1',
      'gen_ai.completion.0.tool_calls.0.name': 'get_weather',
      'gen_ai.completion.0.tool_calls.0.arguments': '{"city":"Paris"}',
      'traceloop.association.properties.user_id': 'u-9',
      'traceloop.association.properties.session_id': 's-9',
    })
    expect(f).toMatchObject({
      kind: 'llm',
      provider: 'openai',
      model: 'gpt-4o',
      inputTokens: 412,
      outputTokens: 27,
      userId: 'u-9',
      sessionId: 's-9',
    })
    expect(f.input?.messages?.map((m) => [m.role, m.text])).toEqual([
      ['system', 'You are a weather bot'],
      ['user', 'Weather in Paris?'],
    ])
    expect(f.output?.messages).toEqual([
      {
        role: 'assistant',
        toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      },
    ])
  })

  it('reads the whole conversation from one gen_ai.prompt / gen_ai.completion attribute', () => {
    const f = extractLlmFields({
      'gen_ai.provider.name': 'openai',
      'gen_ai.operation.name': 'chat',
      'gen_ai.prompt': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          parts: [
            {
              type: 'tool_call',
              id: '1234',
              name: 'get_weather',
              arguments: { location: 'Paris' },
            },
          ],
        },
      ]),
      'gen_ai.completion': JSON.stringify({ text: 'Rainy, 57°F.', finish_reason: 'stop' }),
    })
    expect(f.input?.messages).toEqual([
      { role: 'user', text: 'Weather in Paris?' },
      {
        role: 'assistant',
        toolCalls: [{ id: '1234', name: 'get_weather', arguments: { location: 'Paris' } }],
      },
    ])
    expect(f.output?.messages).toEqual([{ role: 'assistant', text: 'Rainy, 57°F.' }])
    expect(
      extractLlmFields({ 'gen_ai.system': 'openai', 'gen_ai.completion': 'Plain answer' }).output
        ?.messages,
    ).toEqual([{ role: 'assistant', text: 'Plain answer' }])
  })

  it('reads prompt and completion events (≤1.27 and 1.28–1.36)', () => {
    const old = extractLlmFields({ 'gen_ai.system': 'anthropic' }, [
      {
        name: 'gen_ai.content.prompt',
        time: 1,
        attributes: { 'gen_ai.prompt': '[{"role":"user","content":"hi"}]' },
      },
      {
        name: 'gen_ai.content.completion',
        time: 2,
        attributes: { 'gen_ai.completion': '[{"role":"assistant","content":"hello"}]' },
      },
    ])
    expect(old.input?.messages).toEqual([{ role: 'user', text: 'hi' }])
    expect(old.output?.messages).toEqual([{ role: 'assistant', text: 'hello' }])
    const mid = extractLlmFields({ 'gen_ai.system': 'openai' }, [
      { name: 'gen_ai.system.message', time: 1, attributes: { content: 'sys' } },
      { name: 'gen_ai.user.message', time: 2, attributes: { content: 'q' } },
      {
        name: 'gen_ai.choice',
        time: 3,
        attributes: { index: 0, finish_reason: 'stop', message: '{"content":"a"}' },
      },
    ])
    expect(mid.input?.messages).toEqual([
      { role: 'system', text: 'sys' },
      { role: 'user', text: 'q' },
    ])
    expect(mid.output?.messages).toEqual([{ role: 'assistant', text: 'a' }])
  })

  it('reads traceloop workflow/task spans with double-encoded entity input/output', () => {
    const f = extractLlmFields({
      'traceloop.span.kind': 'task',
      'traceloop.entity.input': JSON.stringify(JSON.stringify({ args: ['x'], kwargs: {} })),
      'traceloop.entity.output': '"done"',
    })
    expect(f.kind).toBe('chain')
    expect(f.input?.value).toEqual({ args: ['x'], kwargs: {} })
    expect(f.output?.value).toBe('done')
    expect(extractLlmFields({ 'traceloop.span.kind': 'tool' }).kind).toBe('tool')
    expect(extractLlmFields({ 'traceloop.span.kind': 'agent' }).kind).toBe('agent')
  })
})

describe('OpenInference', () => {
  const llm = {
    'openinference.span.kind': 'LLM',
    'llm.model_name': 'gpt-4o-mini',
    'llm.provider': 'openai',
    'llm.token_count.prompt': 100,
    'llm.token_count.completion': 20,
    'llm.cost.prompt': 0.001,
    'llm.cost.completion': 0.0005,
    'input.value': '{"messages":[{"role":"user","content":"hi"}],"model":"gpt-4o-mini"}',
    'input.mime_type': 'application/json',
    'llm.input_messages.0.message.role': 'system',
    'llm.input_messages.0.message.contents.0.message_content.type': 'text',
    'llm.input_messages.0.message.contents.0.message_content.text': 'sys',
    'llm.input_messages.1.message.role': 'user',
    'llm.input_messages.1.message.content': 'hi',
    'llm.output_messages.0.message.role': 'assistant',
    'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_x',
    'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'search',
    'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"q":"x"}',
    'session.id': 'sess-1',
    'user.id': 'user-1',
  }

  it('reads an LLM span from flat keys', () => {
    const f = extractLlmFields(llm)
    expect(f).toMatchObject({
      kind: 'llm',
      kindHint: 'LLM',
      model: 'gpt-4o-mini',
      provider: 'openai',
      inputTokens: 100,
      outputTokens: 20,
      sessionId: 'sess-1',
      userId: 'user-1',
    })
    expect(f.cost).toBeCloseTo(0.0015)
    expect(f.input?.mimeType).toBe('application/json')
    expect(f.input?.value).toMatchObject({ model: 'gpt-4o-mini' })
    expect(f.input?.messages).toEqual([
      { role: 'system', text: 'sys' },
      { role: 'user', text: 'hi' },
    ])
    expect(f.output?.messages).toEqual([
      { role: 'assistant', toolCalls: [{ id: 'call_x', name: 'search', arguments: '{"q":"x"}' }] },
    ])
  })

  it('reads the same span from nested objects (older Phoenix spec)', () => {
    const nested = {
      openinference: { span: { kind: 'LLM' } },
      llm: {
        model_name: 'gpt-4o-mini',
        token_count: { prompt: 100, completion: 20 },
        input_messages: [{ message: { role: 'user', content: 'hi' } }],
      },
      session: { id: 'sess-1' },
    }
    const f = extractLlmFields(nested)
    expect(f).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o-mini',
      inputTokens: 100,
      outputTokens: 20,
      sessionId: 'sess-1',
    })
    expect(f.input?.messages).toEqual([{ role: 'user', text: 'hi' }])
  })

  it('reads the model of an embedding span', () => {
    const f = extractLlmFields({
      'openinference.span.kind': 'EMBEDDING',
      'embedding.model_name': 'text-embedding-3-small',
      'input.value': 'where is my order',
    })
    expect(f).toMatchObject({ kind: 'embedding', model: 'text-embedding-3-small' })
  })

  it('maps every span kind', () => {
    const kinds = {
      CHAIN: 'chain',
      TOOL: 'tool',
      AGENT: 'agent',
      RETRIEVER: 'retriever',
      RERANKER: 'retriever',
      EMBEDDING: 'embedding',
      GUARDRAIL: 'guardrail',
    }
    for (const [k, v] of Object.entries(kinds))
      expect(extractLlmFields({ 'openinference.span.kind': k }).kind).toBe(v)
    expect(extractLlmFields({ 'openinference.span.kind': 'UNKNOWN' }).kind).toBeUndefined()
  })

  it('shows retrieved documents as the retriever output', () => {
    const f = extractLlmFields({
      'openinference.span.kind': 'RETRIEVER',
      'retrieval.documents.0.document.id': 'd1',
      'retrieval.documents.0.document.content': 'alpha',
      'retrieval.documents.1.document.id': 'd2',
      'retrieval.documents.1.document.content': 'beta',
    })
    expect(f.output?.value).toEqual([
      { id: 'd1', content: 'alpha' },
      { id: 'd2', content: 'beta' },
    ])
  })
})

describe('Vercel AI SDK', () => {
  it('reads the outer generateText span (roll-up) and the provider call', () => {
    const outer = extractLlmFields({
      'operation.name': 'ai.generateText my-fn',
      'ai.operationId': 'ai.generateText',
      'ai.model.id': 'gpt-4o',
      'ai.model.provider': 'openai.chat',
      'ai.prompt': '{"system":"be nice","prompt":"hello"}',
      'ai.response.text': 'hi there',
      'ai.usage.promptTokens': 30,
      'ai.usage.completionTokens': 8,
      'ai.telemetry.metadata.sessionId': 'chat-42',
    })
    expect(outer).toMatchObject({
      kind: 'chain',
      kindHint: 'ai.generateText',
      model: 'gpt-4o',
      provider: 'openai',
      inputTokens: 30,
      outputTokens: 8,
      sessionId: 'chat-42',
    })
    expect(outer.input?.messages).toEqual([
      { role: 'system', text: 'be nice' },
      { role: 'user', text: 'hello' },
    ])
    expect(outer.output?.messages).toEqual([{ role: 'assistant', text: 'hi there' }])

    const call = extractLlmFields({
      'operation.name': 'ai.generateText.doGenerate',
      'ai.model.id': 'gpt-4o',
      'ai.prompt.messages': '[{"role":"user","content":[{"type":"text","text":"hello"}]}]',
      'ai.response.toolCalls':
        '[{"toolCallType":"function","toolCallId":"t1","toolName":"weather","args":"{\\"city\\":\\"Oslo\\"}"}]',
      'ai.usage.inputTokens': 12,
      'ai.usage.outputTokens': 4,
    })
    expect(call).toMatchObject({ kind: 'llm', inputTokens: 12, outputTokens: 4 })
    expect(call.input?.messages).toEqual([{ role: 'user', text: 'hello' }])
    expect(call.output?.messages).toEqual([
      {
        role: 'assistant',
        toolCalls: [{ id: 't1', name: 'weather', arguments: '{"city":"Oslo"}' }],
      },
    ])
  })

  it('names the provider the same on the outer span and the provider call, which mirrors it into gen_ai.system', () => {
    const call = extractLlmFields({
      'ai.operationId': 'ai.generateText.doGenerate',
      'ai.model.provider': 'anthropic.messages',
      'gen_ai.system': 'anthropic.messages',
      'gen_ai.request.model': 'claude-sonnet-4-5',
    })
    expect(call.provider).toBe('anthropic')
    // A gen_ai.system of its own (not the SDK's mirror) is kept as stated.
    expect(
      extractLlmFields({ 'ai.model.provider': 'openai.chat', 'gen_ai.system': 'azure.openai' })
        .provider,
    ).toBe('azure.openai')
  })

  it('reads tool call spans', () => {
    const f = extractLlmFields({
      'ai.operationId': 'ai.toolCall',
      'ai.toolCall.name': 'weather',
      'ai.toolCall.args': '{"city":"Oslo"}',
      'ai.toolCall.result': '{"temp":3}',
    })
    expect(f.kind).toBe('tool')
    expect(f.input?.value).toEqual({ city: 'Oslo' })
    expect(f.output?.value).toEqual({ temp: 3 })
  })
})

describe('precedence and edge cases', () => {
  it('prefers new GenAI keys over the legacy ones and OpenInference', () => {
    const f = extractLlmFields({
      'gen_ai.usage.input_tokens': 5,
      'gen_ai.usage.prompt_tokens': 6,
      'llm.token_count.prompt': 7,
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.system': 'bedrock',
    })
    expect(f.inputTokens).toBe(5)
    expect(f.provider).toBe('aws.bedrock')
  })

  it('treats a span with only a model as an LLM span', () => {
    expect(extractLlmFields({ 'gen_ai.request.model': 'm' })).toMatchObject({
      kind: 'llm',
      model: 'm',
    })
  })

  it('returns nothing for plain HTTP spans', () => {
    const f = extractLlmFields({ 'http.method': 'GET', 'http.status_code': 200 })
    expect(f).toEqual({})
    expect(hasLlmData(f)).toBe(false)
  })

  it('accepts numeric strings (Zipkin tags) and ignores garbage numbers', () => {
    expect(
      extractLlmFields({ 'gen_ai.usage.input_tokens': '12', 'gen_ai.usage.output_tokens': 'many' }),
    ).toMatchObject({ inputTokens: 12 })
    expect(extractLlmFields({ 'gen_ai.usage.output_tokens': 'many' }).outputTokens).toBeUndefined()
  })
})

describe('Langfuse OTLP attributes', () => {
  it('reads a generation: kind, model, usage and cost details, input/output messages', () => {
    const f = extractLlmFields({
      'langfuse.observation.type': 'generation',
      'langfuse.observation.model.name': 'gpt-4.1-mini',
      'langfuse.observation.usage_details': JSON.stringify({ input: 12, output: 5, total: 17 }),
      'langfuse.observation.cost_details': JSON.stringify({ input: 0.001, output: 0.002 }),
      'langfuse.observation.input': JSON.stringify([{ role: 'user', content: 'Where is order 7?' }]),
      'langfuse.observation.output': JSON.stringify({ role: 'assistant', content: 'Shipped.' }),
    })
    expect(f).toMatchObject({ kind: 'llm', model: 'gpt-4.1-mini', inputTokens: 12, outputTokens: 5, cost: 0.003 })
    expect(f.input?.messages).toEqual([{ role: 'user', text: 'Where is order 7?' }])
    expect(f.output?.messages).toEqual([{ role: 'assistant', text: 'Shipped.' }])
  })

  it('reads tools, level ERROR with its status message, and provider-named usage keys', () => {
    expect(extractLlmFields({ 'langfuse.observation.type': 'tool' }).kind).toBe('tool')
    const f = extractLlmFields({
      'langfuse.observation.type': 'generation',
      'langfuse.observation.level': 'ERROR',
      'langfuse.observation.status_message': '500 The server had an error',
      'langfuse.observation.usage_details': { prompt_tokens: 3, completion_tokens: 4 },
    })
    expect(f).toMatchObject({ failed: true, error: { message: '500 The server had an error' }, inputTokens: 3, outputTokens: 4 })
    expect(extractLlmFields({ 'langfuse.observation.level': 'WARNING' }).failed).toBeUndefined()
  })
})

describe('trace fields on spans', () => {
  it('reads OpenInference tag.tags and Langfuse trace name, tags, environment, release and metadata', () => {
    expect(readTraceFields(flattenAttributes({ 'tag.tags': '["prod","chat"]' }))).toEqual({ tags: ['prod', 'chat'] })
    expect(
      readTraceFields(
        flattenAttributes({
          'langfuse.trace.name': 'support run',
          'langfuse.trace.tags': ['agent', 'prod'],
          'tag.tags': ['prod'],
          'langfuse.environment': 'staging',
          'langfuse.release': 'r-42',
          'langfuse.trace.metadata.plan': 'pro',
        }),
      ),
    ).toEqual({
      name: 'support run',
      tags: ['prod', 'agent'],
      environment: 'staging',
      attributes: { 'langfuse.release': 'r-42', 'metadata.plan': 'pro' },
    })
    expect(readTraceFields(flattenAttributes({ 'llm.model_name': 'x' }))).toEqual({})
  })
})
