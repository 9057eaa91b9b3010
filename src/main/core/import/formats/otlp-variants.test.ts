/**
 * Every OTLP variant of formats.md §1, derived from one request the real SDK wrote, must import
 * to exactly what the original imports to (ids, tree, times, LLM fields, errors, attributes).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawTrace } from '../../../../shared/model'
import type { ImportContext } from '../importer'
import { normaliseTraces } from '../normalise/normalise'
import { parsePriceTable } from '../../pricing/price-table'
import { otlpImporter } from './otlp'
import { LLM_RUN, recordLlmRun } from '../../../../../test/fixtures/otlp-llm-run'
import type { OtlpRequest } from '../../../../../test/fixtures/otlp-sdk'
import * as variant from '../../../../../test/fixtures/otlp-variants'

const ctx = (): ImportContext => ({ file: 'variant.json', warn: () => undefined })

/** What a user sees of the traces, independent of file order. */
function digest(traces: RawTrace[], withTimes = true) {
  const merged = new Map<string, RawTrace>()
  for (const t of traces) {
    const m = merged.get(t.sourceTraceId)
    if (m) {
      m.spans.push(...t.spans)
      m.attributes = { ...t.attributes, ...m.attributes }
    } else merged.set(t.sourceTraceId, { ...t, spans: [...t.spans] })
  }
  return [...merged.values()]
    .sort((a, b) => a.sourceTraceId.localeCompare(b.sourceTraceId))
    .map((t) => ({
      id: t.sourceTraceId,
      attributes: t.attributes,
      spans: t.spans
        .map((s) =>
          withTimes
            ? s
            : { ...s, start: 0, end: 0, events: s.events?.map((e) => ({ ...e, time: 0 })) },
        )
        .sort((a, b) => a.id.localeCompare(b.id)),
    }))
}

let request: OtlpRequest
let json: string
let baseline: ReturnType<typeof digest>

beforeAll(() => {
  ;({ request, json } = recordLlmRun())
  baseline = digest(otlpImporter.convert(request, ctx()))
})

const convertAll = (values: unknown[]) => values.flatMap((v) => otlpImporter.convert(v, ctx()))

describe('OTLP variants import identically', () => {
  const cases: [string, () => unknown][] = [
    ['snake_case keys', () => variant.snakeCase(request)],
    ['base64 ids', () => variant.base64Ids(request)],
    ['upper-case hex ids', () => variant.upperCaseIds(request)],
    ['enum strings and string intValue', () => variant.enumStrings(request)],
    ['legacy instrumentationLibrarySpans', () => variant.legacyKeys(request)],
    ['{result} wrapper', () => variant.resultWrapper(request)],
    ['array of requests', () => variant.arrayOfRequests(request)],
    [
      'snake_case + base64 + enum strings',
      () => variant.snakeCase(variant.enumStrings(variant.base64Ids(request)) as OtlpRequest),
    ],
  ]
  for (const [name, make] of cases) {
    it(name, () => {
      const value = JSON.parse(JSON.stringify(make()))
      expect(otlpImporter.detect(value)).not.toBeNull()
      expect(digest(otlpImporter.convert(value, ctx()))).toEqual(baseline)
    })
  }

  it('JSON Lines, one span per line in reverse order', () => {
    const lines = variant
      .jsonLines(request)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    for (const l of lines) expect(otlpImporter.detect(l)).not.toBeNull()
    expect(digest(convertAll(lines))).toEqual(baseline)
  })

  it('unquoted nanoseconds: everything equal, times within a microsecond', () => {
    const text = variant.unquotedNanosText(json)
    expect(text).toMatch(/"startTimeUnixNano":\d/)
    const traces = otlpImporter.convert(JSON.parse(text), ctx())
    expect(digest(traces, false)).toEqual(digest(otlpImporter.convert(request, ctx()), false))
    const exact = new Map(
      otlpImporter.convert(request, ctx()).flatMap((t) => t.spans.map((s) => [s.id, s])),
    )
    for (const s of traces.flatMap((t) => t.spans)) {
      expect(Math.abs(s.start - exact.get(s.id)!.start)).toBeLessThanOrEqual(1)
      expect(Math.abs((s.end ?? 0) - (exact.get(s.id)!.end ?? 0))).toBeLessThanOrEqual(1)
    }
  })

  it('the streaming plan converts span by span to the same traces', () => {
    const { path, convertUnit } = otlpImporter.stream!
    expect(path).toEqual(['resourceSpans', '*', 'scopeSpans', '*', 'spans', '*'])
    const out: RawTrace[] = []
    const { resourceSpans, ...reqRest } = request as unknown as {
      resourceSpans: Record<string, unknown>[]
    }
    for (const { scopeSpans, ...rsRest } of resourceSpans) {
      for (const { spans, ...ssRest } of scopeSpans as Record<string, unknown>[]) {
        for (const s of spans as unknown[])
          out.push(...convertUnit!(s, [reqRest, rsRest, ssRest], ctx()))
      }
    }
    expect(digest(out)).toEqual(baseline)
  })
})

describe('OTLP through the normaliser', () => {
  it('trace totals count the Vercel roll-up once; errors, session and models are the trace’s', () => {
    const prices = parsePriceTable('{"models":{}}', 'test')
    const [agent, workflow] = normaliseTraces(otlpImporter.convert(request, ctx()), {
      format: 'otlp',
      file: 'run.json',
      fileHash: 'h',
      prices,
    })
    expect(agent.trace).toMatchObject({
      name: 'invoke_agent Aria',
      spanCount: LLM_RUN.agentSpans,
      errorCount: LLM_RUN.errors,
      inputTokens: LLM_RUN.totals.input,
      outputTokens: LLM_RUN.totals.output,
      sessionId: LLM_RUN.conversation,
    })
    expect(agent.trace.models).toEqual(
      expect.arrayContaining(['gpt-4o-2024-08-06', 'gpt-4o-mini', 'claude-3-5-sonnet']),
    )
    expect(agent.spans[0].name).toBe('invoke_agent Aria')
    expect(workflow.trace.spanCount).toBe(LLM_RUN.workflowSpans)
  })
})
