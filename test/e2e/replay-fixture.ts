/**
 * A failed-then-recovered agent run recorded through the real OTel SDK, for the replay tests
 * (CLI and browser). What a user should see is stated in REPLAY_RUN so tests compare against
 * the story, not against numbers copied from an output.
 *
 * Step order: 1 invoke_agent Researcher · 2 chat gpt-4o (plans a web search) · 3 execute_tool
 * search_web (times out → retried) · 4 execute_tool search_web (succeeds; its output holds
 * hostile HTML) · 5 GET api.search (child of 4) · 6 chat gpt-4o (answers; most tokens) ·
 * 7 guardrail pii_check.
 */
import { SdkFixture, SpanKind } from '../fixtures/otlp-sdk'

const j = JSON.stringify

export const REPLAY_RUN = {
  steps: 7,
  question: 'How many people live in Lyon compared with Paris?',
  answer: 'Lyon has about 520,000 inhabitants; Paris about 2.1 million, roughly four times more.',
  firstError: {
    step: 3,
    name: 'execute_tool search_web',
    message: 'search backend timed out after 2s',
  },
  /** The slowest span by its own time: the first search, waiting 2 s on a timeout. */
  slowest: { step: 3 },
  /** The answer call carries the most tokens (no span states a cost; prices may estimate one). */
  mostExpensive: { step: 6, name: 'chat gpt-4o' },
  hostile: 'Results: <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> end',
}

/** The run as an OTLP JSON document (what an OTLP/HTTP exporter would send). */
export function replayRunJson(): string {
  const f = new SdkFixture('research-agent')
  const root = f.start('invoke_agent Researcher', {
    at: 0,
    until: 6,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'Researcher',
      'gen_ai.conversation.id': 'conv-lyon',
      'gen_ai.input.messages': j([
        { role: 'user', parts: [{ type: 'text', content: REPLAY_RUN.question }] },
      ]),
      'gen_ai.output.messages': j([
        { role: 'assistant', parts: [{ type: 'text', content: REPLAY_RUN.answer }] },
      ]),
    },
  })
  const parent = root.span
  const chat = (at: number, until: number, input: number, output: number, reply: unknown) =>
    f.leaf('chat gpt-4o', {
      parent,
      kind: SpanKind.CLIENT,
      at,
      until,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': input,
        'gen_ai.usage.output_tokens': output,
        'gen_ai.input.messages': j([
          {
            role: 'system',
            parts: [{ type: 'text', content: 'You are a careful research assistant.' }],
          },
          { role: 'user', parts: [{ type: 'text', content: REPLAY_RUN.question }] },
        ]),
        'gen_ai.output.messages': j([reply]),
      },
    })
  chat(0.1, 1.3, 220, 18, {
    role: 'assistant',
    parts: [
      {
        type: 'tool_call',
        id: 'call_1',
        name: 'search_web',
        arguments: { query: 'population Lyon Paris' },
      },
    ],
  })
  const tool = (at: number, until: number, error?: { type: string; message: string }) =>
    f.start('execute_tool search_web', {
      parent,
      at,
      until,
      error,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'search_web',
        'gen_ai.tool.call.arguments': j({ query: 'population Lyon Paris' }),
        ...(error ? {} : { 'gen_ai.tool.call.result': REPLAY_RUN.hostile }),
      },
    })
  tool(1.35, 3.35, { type: 'TimeoutError', message: REPLAY_RUN.firstError.message }).end()
  const retry = tool(3.4, 3.9)
  f.leaf('GET api.search', {
    parent: retry.span,
    kind: SpanKind.CLIENT,
    at: 3.45,
    until: 3.85,
    attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 },
  })
  retry.end()
  chat(4.0, 5.8, 1450, 96, {
    role: 'assistant',
    parts: [{ type: 'text', content: REPLAY_RUN.answer }],
  })
  f.leaf('guardrail pii_check', {
    parent,
    at: 5.82,
    until: 5.9,
    attributes: { 'openinference.span.kind': 'GUARDRAIL' },
  })
  root.end()
  return f.json()
}
