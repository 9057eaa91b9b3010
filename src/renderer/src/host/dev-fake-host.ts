/**
 * DEV ONLY: an in-memory HostBridge so the UI can be developed on the vite dev server without a
 * host (`?fake` in the URL). It is never picked in a production build (see host/index.ts). It
 * fabricates one small agent trace per "import" so every panel has something to show.
 */
import type {
  ApiEventName,
  ApiEvents,
  HostBridge,
  SpanTable,
  TraceApi,
  TraceSummary,
} from '../../../shared/api'
import type { ImportReport, Json, Span, SpanKind, Trace } from '../../../shared/model'
import { SPAN_KINDS } from '../../../shared/model'

interface Stored {
  trace: Trace
  spans: Span[]
}

/** Creates the dev-only fake host. */
export function createDevFakeHost(): HostBridge {
  const traces = new Map<string, Stored>()
  const listeners = new Map<ApiEventName, Set<(p: unknown) => void>>()
  const emit = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) =>
    listeners.get(event)?.forEach((l) => l(payload))
  const cancelled = new Set<string>()
  const need = (id: string) => {
    const stored = traces.get(id)
    if (!stored) throw new Error(`No trace with id "${id}" in the library`)
    return stored
  }
  const add = (file: string): ImportReport => {
    const stored = fabricateTrace(file, traces.size)
    traces.set(stored.trace.id, stored)
    return {
      file,
      format: 'otlp-json',
      detectedBy: 'top-level "resourceSpans" array',
      traces: [{ id: stored.trace.id, name: stored.trace.name, spanCount: stored.spans.length }],
      repairs: [
        {
          kind: 'orphan',
          spanId: 'abc',
          spanName: 'lookup',
          message: 'Parent span 9f2c… is not in the file; shown as top-level',
        },
      ],
      warnings: ['2 spans have no end time; their duration is 0'],
    }
  }

  const known: Partial<TraceApi> = {
    appInfo: async () => ({ version: '0.0.0-dev', dbPath: ':memory:', hasSample: true }),
    listTraces: async () => [...traces.values()].map(({ trace }) => summary(trace)),
    getTrace: async ({ id }) => ({
      trace: need(id).trace,
      report: { traceId: id, repairs: [], warnings: [] },
    }),
    getSpanTable: async ({ id }) => spanTable(need(id)),
    getSpan: async ({ traceId, index }) => {
      await delay(60)
      const span = need(traceId).spans[index]
      if (!span) throw new Error(`Trace ${traceId} has no span ${index}`)
      return span
    },
    searchSpans: async ({ traceId, text }) =>
      need(traceId)
        .spans.filter((s) => !text || JSON.stringify(s).includes(text))
        .map((s) => s.index),
    importFiles: async ({ paths, jobId }) => {
      const reports: ImportReport[] = []
      for (const [fileIndex, path] of paths.entries()) {
        const file = path.split('/').pop() ?? path
        const bytesTotal = 4_200_000
        for (let done = 0; done <= bytesTotal; done += bytesTotal / 8) {
          if (cancelled.has(jobId)) {
            emit('importProgress', {
              jobId,
              file,
              fileIndex,
              fileCount: paths.length,
              bytesDone: done,
              bytesTotal,
              phase: 'cancelled',
            })
            throw Object.assign(new Error('Import cancelled'), { code: 'cancelled' })
          }
          emit('importProgress', {
            jobId,
            file,
            fileIndex,
            fileCount: paths.length,
            bytesDone: done,
            bytesTotal,
            phase: 'reading',
          })
          await delay(150)
        }
        const report = file.includes('bad')
          ? {
              file,
              format: null,
              traces: [],
              repairs: [],
              warnings: [],
              error: `${file}: not a trace file (expected OTLP JSON, Jaeger, Zipkin…)`,
            }
          : add(file)
        reports.push(report)
        emit('importProgress', {
          jobId,
          file,
          fileIndex,
          fileCount: paths.length,
          bytesDone: bytesTotal,
          bytesTotal,
          phase: report.error ? 'failed' : 'done',
          report,
        })
      }
      emit('libraryChanged', { reason: 'import' })
      return reports
    },
    cancelImport: async ({ jobId }) => (cancelled.add(jobId), true),
    importSample: async () => {
      const report = add('sample-agent-run.json')
      emit('libraryChanged', { reason: 'import' })
      return report
    },
    deleteTraces: async ({ ids }) => ids.filter((id) => traces.delete(id)).length,
    listSessions: async () => [],
  }
  // Verbs added to the contract later answer with a clear "not faked" error.
  const api = new Proxy(known, {
    get: (target, verb: string) =>
      target[verb as keyof TraceApi] ??
      (() => Promise.reject(new Error(`${verb} is not available in the dev fake host`))),
  }) as TraceApi
  return {
    api,
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set())
      listeners.get(event)!.add(listener as (p: unknown) => void)
      return () => listeners.get(event)!.delete(listener as (p: unknown) => void)
    },
    pathForFile: async (file) => `/fake/${file.name}`,
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function summary(trace: Trace): TraceSummary {
  const { attributes: _attributes, ...rest } = trace
  return rest
}

function fabricateTrace(file: string, n: number): Stored {
  const t0 = Date.UTC(2025, 5, 13, 14, 0, n) * 1000
  const id = `fake-${n + 1}`
  const question = 'What is the weather in Paris, and should I take an umbrella?'
  const messages = [
    {
      role: 'system',
      text: 'You are a helpful assistant. Use tools when needed.\n\n- Be **brief**.\n- Cite sources.',
    },
    { role: 'user', text: question },
  ]
  const toolArgs = '{"city":"Paris","units":"metric"}'
  const xss =
    'Result: <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> done'
  const spec: [string, SpanKind, number, number, number, Partial<Span>][] = [
    // name, kind, depth, start ms, duration ms, extras
    [
      'agent run',
      'agent',
      0,
      0,
      4200,
      { input: { value: question }, output: { value: 'Light rain expected. Take an umbrella.' } },
    ],
    [
      'chat gpt-4o',
      'llm',
      1,
      20,
      1480,
      {
        model: 'gpt-4o',
        provider: 'openai',
        inputTokens: 412,
        outputTokens: 38,
        cost: 0.00141,
        costEstimated: true,
        input: { value: messages as unknown as Json, messages },
        output: {
          value: {
            role: 'assistant',
            tool_calls: [{ id: 'call_1', function: { name: 'get_weather', arguments: toolArgs } }],
          },
          messages: [
            {
              role: 'assistant',
              toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: toolArgs }],
            },
          ],
        },
      },
    ],
    [
      'get_weather',
      'tool',
      1,
      1510,
      900,
      {
        status: 'error',
        error: {
          type: 'TimeoutError',
          message: 'upstream timed out after 900 ms',
          stack:
            'TimeoutError: upstream timed out\n    at fetchWeather (tools/weather.ts:41:11)\n    at async run (agent.ts:88:5)',
        },
        input: { value: { city: 'Paris', units: 'metric' }, raw: toolArgs },
      },
    ],
    [
      'get_weather',
      'tool',
      1,
      2420,
      310,
      { input: { value: { city: 'Paris', units: 'metric' } }, output: { value: xss } },
    ],
    [
      'search docs',
      'retriever',
      1,
      2740,
      120,
      {
        output: {
          value: Array.from({ length: 40 }, (_, i) => ({
            id: `doc-${i}`,
            score: 1 - i / 50,
            text: 'Umbrella policy '.repeat(30),
          })),
        },
      },
    ],
    [
      'chat gpt-4o',
      'llm',
      1,
      2870,
      1300,
      {
        model: 'gpt-4o',
        provider: 'openai',
        inputTokens: 620,
        outputTokens: 54,
        cost: 0.0021,
        input: {
          value: 'x'.repeat(10),
          messages: [
            ...messages,
            { role: 'tool', toolCallId: 'call_1', text: '{"temp": 14, "rain": 0.8}' },
          ],
        },
        output: {
          value: 'Light rain expected in **Paris** (14 °C). Take an umbrella.',
          messages: [
            {
              role: 'assistant',
              text: 'Light rain expected in **Paris** (14 °C).\n\n1. Take an umbrella.\n2. <b>raw html stays text</b>',
            },
          ],
        },
      },
    ],
  ]
  const spans: Span[] = spec.map(([name, kind, depth, startMs, durMs, extra], index) => ({
    index,
    id: `s${index}`,
    parentId: depth ? 's0' : null,
    parentIndex: depth ? 0 : -1,
    depth,
    name,
    kind,
    status: index === 2 ? 'retry' : 'ok',
    start: t0 + startMs * 1000,
    duration: durMs * 1000,
    service: 'weather-agent',
    attributes: {
      'service.name': 'weather-agent',
      'gen_ai.system': 'openai',
      'http.status_code': 200,
      nested: { a: [1, 2, { b: null }] },
    },
    events:
      index === 2
        ? [
            {
              name: 'exception',
              time: t0 + 2410_000,
              attributes: { 'exception.type': 'TimeoutError' },
            },
          ]
        : [],
    ...extra,
  }))
  const trace: Trace = {
    id,
    sourceTraceId: '5b8efff798038103d269b633813fc60c',
    name: `weather agent (${file})`,
    source: { format: 'otlp-json', file, fileHash: 'deadbeef' },
    tags: ['prod'],
    start: t0,
    duration: 4_200_000,
    status: 'warning',
    spanCount: spans.length,
    errorCount: 0,
    retryCount: 1,
    inputTokens: 1032,
    outputTokens: 92,
    cost: 0.00351,
    costEstimated: true,
    models: ['gpt-4o'],
    attributes: {},
  }
  return { trace, spans }
}

function spanTable({ trace, spans }: Stored): SpanTable {
  const names = [...new Set(spans.map((s) => s.name))]
  return {
    traceId: trace.id,
    count: spans.length,
    origin: trace.start,
    start: spans.map((s) => s.start - trace.start),
    duration: spans.map((s) => s.duration),
    depth: spans.map((s) => s.depth),
    parentIndex: spans.map((s) => s.parentIndex),
    kind: spans.map((s) => SPAN_KINDS.indexOf(s.kind)),
    status: spans.map((s) => ['ok', 'error', 'retry'].indexOf(s.status)),
    name: spans.map((s) => names.indexOf(s.name)),
    names,
    inputTokens: spans.map((s) => s.inputTokens ?? null),
    outputTokens: spans.map((s) => s.outputTokens ?? null),
    cost: spans.map((s) => s.cost ?? null),
    model: spans.map((s) => (s.model ? 0 : -1)),
    models: ['gpt-4o'],
  }
}
