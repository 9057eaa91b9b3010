import { beforeAll, describe, expect, it } from 'vitest'
import type { RawSpan, RawTrace } from '../../../../shared/model'
import { ImportError, type ImportContext } from '../importer'
import { otlpImporter } from './otlp'
import { normaliseTraces } from '../normalise/normalise'
import { loadPriceTable } from '../../pricing/price-table'
import { LLM_RUN, recordLlmRun } from '../../../../../test/fixtures/otlp-llm-run'
import { micros, type OtlpRequest } from '../../../../../test/fixtures/otlp-sdk'

function ctx(): ImportContext & { warnings: string[] } {
  const warnings: string[] = []
  return { file: 'run.json', warnings, warn: (m) => warnings.push(m) }
}

let request: OtlpRequest
let traces: RawTrace[]
const byName = (name: string, t = traces): RawSpan => {
  const s = t.flatMap((x) => x.spans).find((x) => x.name === name)
  if (!s) throw new Error(`no span named ${name}`)
  return s
}

beforeAll(() => {
  request = recordLlmRun().request
  traces = otlpImporter.convert(request, ctx())
})

describe('OTLP JSON written by the OpenTelemetry JS SDK', () => {
  it('detects the request by content', () => {
    expect(otlpImporter.detect(request)).toMatch(/resourceSpans/)
  })

  it('groups spans into their traces with parent links and services', () => {
    expect(traces.map((t) => t.spans.length)).toEqual([LLM_RUN.agentSpans, LLM_RUN.workflowSpans])
    const [agent] = traces
    const root = byName('invoke_agent Aria')
    expect(root.parentId).toBeNull()
    for (const s of agent.spans)
      if (s !== root) expect(agent.spans.some((p) => p.id === s.parentId)).toBe(true)
    expect(byName('ai.toolCall').parentId).toBe(byName('ai.generateText').id)
    expect(byName('execute_tool get_weather').service).toBe('weather-tools')
    expect(root.service).toBe('support-agent')
    expect(root.id).toMatch(/^[0-9a-f]{16}$/)
    expect(agent.sourceTraceId).toMatch(/^[0-9a-f]{32}$/)
    expect(agent.attributes?.['deployment.environment.name']).toBe('test')
    expect(agent.attributes?.['service.name']).toBe('support-agent') // the root's resource
    expect(agent.environment).toBe('test')
  })

  it('keeps nanosecond times exact to the microsecond', () => {
    const root = byName('invoke_agent Aria')
    expect(root.start).toBe(micros(0.123456789))
    expect(root.end).toBe(micros(9))
  })

  it('reads OTel GenAI 1.37+ chat spans: model, provider, tokens, system + user messages, tool call', () => {
    const s = byName('chat gpt-4o')
    expect(s).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
      inputTokens: 120,
      outputTokens: 18,
    })
    expect(s.input?.messages?.map((m) => [m.role, m.text])).toEqual([
      ['system', 'You are Aria, a travel assistant.'],
      ['user', 'Weather in Paris tomorrow?'],
    ])
    expect(s.output?.messages?.[0].toolCalls).toEqual([
      { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
    ])
    expect(s.attributes?.['gen_ai.response.finish_reasons']).toEqual(['tool_call'])
    expect(s.attributes?.['span.kind']).toBe('client')
  })

  it('reads tool spans and the agent root with its conversation id', () => {
    const tool = byName('execute_tool get_weather')
    expect(tool.kind).toBe('tool')
    expect(tool.input?.value).toEqual({ city: 'Paris' })
    expect(tool.output?.value).toEqual({ forecast: 'rain', high_c: 17 })
    const root = byName('invoke_agent Aria')
    expect(root).toMatchObject({ kind: 'agent', sessionId: LLM_RUN.conversation })
  })

  it('reports a failed span with the exception type, message and stack', () => {
    const s = byName('execute_tool get_forecast')
    expect(s.failed).toBe(true)
    expect(s.error).toMatchObject(LLM_RUN.forecastError)
    expect(s.error?.stack).toContain('at fetchForecast')
    expect(s.events?.map((e) => e.name)).toEqual(['exception'])
    expect(traces.flatMap((t) => t.spans).filter((x) => x.failed)).toHaveLength(LLM_RUN.errors)
  })

  it('reads Traceloop indexed prompts and completions, and the association user id', () => {
    const s = byName('openai.chat')
    expect(s).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      inputTokens: 80,
      outputTokens: 12,
      userId: 'user-7',
    })
    expect(s.input?.messages?.map((m) => m.role)).toEqual(['system', 'user'])
    expect(s.output?.messages).toEqual([
      { role: 'assistant', text: 'Bring an umbrella: rain, 17°C.' },
    ])
  })

  it('reads older GenAI prompt/completion events and keeps the events', () => {
    const s = byName('anthropic.chat')
    expect(s).toMatchObject({
      provider: 'anthropic',
      model: 'claude-3-5-sonnet',
      inputTokens: 50,
      outputTokens: 9,
    })
    expect(s.input?.messages).toEqual([{ role: 'user', text: 'Translate "umbrella" to French.' }])
    expect(s.output?.messages).toEqual([{ role: 'assistant', text: 'parapluie' }])
    expect(s.events?.map((e) => e.name)).toEqual([
      'gen_ai.content.prompt',
      'gen_ai.content.completion',
    ])
  })

  it('reads OpenInference LLM spans with stated cost and TOOL spans', () => {
    const s = byName('ChatCompletion')
    expect(s).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o',
      provider: 'openai',
      inputTokens: 200,
      outputTokens: 25,
      sessionId: LLM_RUN.conversation,
    })
    expect(s.cost).toBeCloseTo(LLM_RUN.openInferenceCost, 10)
    expect(s.input?.mimeType).toBe('application/json')
    expect(s.input?.messages).toEqual([
      { role: 'system', text: 'You search documents.' },
      { role: 'user', text: 'Find docs on umbrellas' },
    ])
    expect(s.output?.messages?.[0].toolCalls?.[0]).toMatchObject({
      id: 'call_2',
      name: 'search_docs',
    })
    const tool = byName('search_docs')
    expect(tool.kind).toBe('tool')
    expect(tool.output).toEqual({ value: 'Umbrellas: see aisle 4.', mimeType: 'text/plain' })
  })

  it('reads the Vercel AI SDK: the outer call, its provider calls and the tool call', () => {
    const outer = byName('ai.generateText')
    expect(outer).toMatchObject({
      kind: 'chain',
      model: 'gpt-4o-mini',
      provider: 'openai',
      inputTokens: 70,
      outputTokens: 20,
      sessionId: LLM_RUN.conversation,
    })
    expect(outer.input?.messages).toEqual([{ role: 'user', text: 'Weather in Oslo?' }])
    expect(outer.output?.messages).toEqual([{ role: 'assistant', text: 'Oslo: 3°C and clear.' }])
    const calls = traces[0].spans.filter((x) => x.name === 'ai.generateText.doGenerate')
    expect(calls.map((c) => [c.kind, c.inputTokens, c.outputTokens])).toEqual([
      ['llm', 30, 12],
      ['llm', 40, 8],
    ])
    expect(calls[0].output?.messages?.[0].toolCalls).toEqual([
      { id: 'call_3', name: 'weather', arguments: '{"city":"Oslo"}' },
    ])
    const tool = byName('ai.toolCall')
    expect(tool).toMatchObject({ kind: 'tool', input: { value: { city: 'Oslo' } } })
  })

  it('sums tokens per span (roll-up included) as the manifest defines them', () => {
    const spans = traces[0].spans
    expect(spans.reduce((n, s) => n + (s.inputTokens ?? 0), 0)).toBe(LLM_RUN.rollup.input)
    expect(spans.reduce((n, s) => n + (s.outputTokens ?? 0), 0)).toBe(LLM_RUN.rollup.output)
  })

  it('reads a Traceloop workflow with a double-encoded entity input', () => {
    const wf = byName('nightly_digest.workflow')
    expect(wf.kind).toBe('chain')
    expect(wf.input?.value).toEqual({ args: [], kwargs: { day: '2025-06-13' } })
    expect(typeof wf.input?.raw).toBe('string')
    expect(byName('fetch_articles.task').parentId).toBe(wf.id)
  })
})

describe('OTLP values, ids and bad input', () => {
  const one = (span: object, resource: object = {}) => ({
    resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 's' }, spans: [span] }] }],
  })
  const base = {
    traceId: '5B8EFFF798038103D269B633813FC60C',
    spanId: 'EEE19B7EC3C1B174',
    name: 'x',
    startTimeUnixNano: '1749823200000001999',
    endTimeUnixNano: '1749823201000000000',
  }

  it('reads every AnyValue kind and keeps big integers exact', () => {
    const [t] = otlpImporter.convert(
      one({
        ...base,
        attributes: [
          { key: 'i', value: { intValue: '412' } },
          { key: 'big', value: { intValue: '9007199254740993' } },
          { key: 'd', value: { doubleValue: 0.25 } },
          { key: 'nan', value: { doubleValue: 'NaN' } },
          { key: 'b', value: { boolValue: true } },
          { key: 'bytes', value: { bytesValue: 'aGVsbG8=' } },
          {
            key: 'arr',
            value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }] } },
          },
          {
            key: 'kv',
            value: {
              kvlistValue: {
                values: [
                  {
                    key: 'nested',
                    value: {
                      kvlistValue: { values: [{ key: 'deep', value: { stringValue: 'yes' } }] },
                    },
                  },
                ],
              },
            },
          },
          { key: 'empty', value: {} },
        ],
      }),
      ctx(),
    )
    expect(t.spans[0].attributes).toMatchObject({
      i: 412,
      big: '9007199254740993',
      d: 0.25,
      nan: 'NaN',
      b: true,
      bytes: 'aGVsbG8=',
      arr: ['a', 2],
      kv: { nested: { deep: 'yes' } },
      empty: null,
    })
  })

  it('normalises upper-case hex ids and reads a parent that is not in the file', () => {
    const [t] = otlpImporter.convert(one({ ...base, parentSpanId: 'EEE19B7EC3C1B173' }), ctx())
    expect(t.sourceTraceId).toBe('5b8efff798038103d269b633813fc60c')
    expect(t.spans[0]).toMatchObject({
      id: 'eee19b7ec3c1b174',
      parentId: 'eee19b7ec3c1b173',
      start: 1749823200000001,
      end: 1749823201000000,
    })
  })

  it('treats an empty or all-zero parent id as a root', () => {
    for (const parentSpanId of ['', '0000000000000000', 'AAAAAAAAAAA=']) {
      expect(
        otlpImporter.convert(one({ ...base, parentSpanId }), ctx())[0].spans[0].parentId,
      ).toBeNull()
    }
  })

  it('gives a clear error for a value that is not an OTLP request', () => {
    expect(() => otlpImporter.convert({ resourceSpans: 5 }, ctx())).toThrow(ImportError)
    expect(() => otlpImporter.convert({ resourceSpans: 5 }, ctx())).toThrow(
      /resourceSpans.*not an array/,
    )
    expect(() => otlpImporter.convert({ data: [] }, ctx())).toThrow(/resourceSpans/)
  })

  it('skips spans without ids and says so; keeps a span without times for the normaliser to place', () => {
    const c = ctx()
    const out = otlpImporter.convert(
      {
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  { name: 'no ids' },
                  { ...base, startTimeUnixNano: '0', endTimeUnixNano: null },
                  7,
                  base,
                ],
              },
            ],
          },
        ],
      },
      c,
    )
    expect(out[0].spans.map((s) => s.id)).toEqual(['eee19b7ec3c1b174', 'eee19b7ec3c1b174'])
    expect([out[0].spans[0].start, out[0].spans[0].end]).toEqual([NaN, null])
    expect(c.warnings.join('\n')).toMatch(/no traceId[\s\S]*not an object/)
  })

  it('imports a span with no times (Jaeger /api/v3 drops zero values) at the trace start, flagged', () => {
    const req = {
      result: {
        resourceSpans: [
          {
            resource: {},
            scopeSpans: [
              {
                scope: {},
                spans: [
                  {
                    kind: 2,
                    name: 'foobar',
                    spanId: '0000000000000002',
                    status: { code: 2 },
                    traceId: '00000000000000000000000000000001',
                  },
                ],
              },
            ],
          },
        ],
      },
    }
    const raws = otlpImporter.convert(req, ctx())
    const [t] = normaliseTraces(raws, {
      format: 'otlp',
      file: 'f.json',
      fileHash: 'h',
      prices: loadPriceTable(),
    })
    expect(t.spans).toEqual([
      expect.objectContaining({ name: 'foobar', status: 'error', start: 0, duration: 0 }),
    ])
    expect(t.report.repairs.map((r) => r.kind)).toEqual(['missing-end'])
    expect(t.report.warnings.join()).toMatch(/no start time/)
  })

  it('accepts an empty request (0 spans) without throwing; the pipeline reports it', () => {
    expect(otlpImporter.convert({ resourceSpans: [] }, ctx())).toEqual([])
  })

  it('does not claim other formats', () => {
    for (const v of [
      { data: [{ traceID: 'a', spans: [], processes: {} }] },
      [{ traceId: 'a', id: 'b', timestamp: 1 }],
      { traceEvents: [] },
      [],
      {},
      null,
      'x',
    ]) {
      expect(otlpImporter.detect(v)).toBeNull()
    }
  })
})
