/**
 * Test support: compact builders for raw traces and tracedeck export files, so pipeline, store
 * and service tests make their own inputs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RawSpan, RawTrace } from '../../../shared/model'
import { exportDocument } from '../export/export-traces'
import { loadPriceTable } from '../pricing/price-table'
import { normaliseTraces } from './normalise/normalise'

export const T0 = 1_750_000_000_000_000 // µs, mid-2025

/** A raw span; `at`/`dur` in milliseconds from T0. */
export function span(
  id: string,
  parentId: string | null,
  name: string,
  at: number,
  dur: number | null,
  extra: Partial<RawSpan> = {},
): RawSpan {
  return {
    id,
    parentId,
    name,
    start: T0 + at * 1000,
    end: dur === null ? null : T0 + (at + dur) * 1000,
    ...extra,
  }
}

/** A small agent run: an agent span, two LLM calls (the first failed and retried), a tool call. */
export function agentTrace(sourceTraceId = 'trace-1'): RawTrace {
  return {
    sourceTraceId,
    sessionId: 'session-1',
    tags: ['test'],
    spans: [
      span('a', null, 'agent run', 0, 1000, { kind: 'agent' }),
      span('l1', 'a', 'chat gpt-4o', 10, 100, {
        kind: 'llm',
        model: 'gpt-4o',
        failed: true,
        error: { type: 'RateLimitError', message: 'rate limited' },
        input: {
          value: [{ role: 'user', content: 'What is the weather in Paris?' }],
          messages: [{ role: 'user', text: 'What is the weather in Paris?' }],
        },
      }),
      span('l2', 'a', 'chat gpt-4o', 200, 300, {
        kind: 'llm',
        model: 'gpt-4o',
        inputTokens: 1000,
        outputTokens: 200,
        input: {
          value: [{ role: 'user', content: 'What is the weather in Paris?' }],
          messages: [{ role: 'user', text: 'What is the weather in Paris?' }],
        },
        output: {
          value: 'Let me call the weather tool.',
          messages: [{ role: 'assistant', text: 'Let me call the weather tool.' }],
        },
        attributes: { 'gen_ai.request.temperature': 0 },
      }),
      span('t1', 'a', 'get_weather', 550, 50, {
        kind: 'tool',
        input: { value: { city: 'Paris' } },
        output: { value: 'sunny, 24°C' },
      }),
    ],
  }
}

/** Writes text to a fresh temp file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-test-'))
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

/** A tracedeck export document (as text) of raw traces, normalised as an import would. */
export function tracedeckExportText(raws: RawTrace[], file = 'fixture.json'): string {
  const traces = normaliseTraces(raws, {
    format: 'test',
    file,
    fileHash: 'fixture',
    prices: loadPriceTable(),
  })
  return JSON.stringify(exportDocument(traces))
}
