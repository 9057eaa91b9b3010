/**
 * Real OTLP exports written by other projects (../shared/corpus, outside the repo) must import
 * with the counts their manifest states. The files go through the same steps as an import —
 * parse (formats.md §0), detection over every registered importer, conversion, normalisation —
 * without the store. The directory is not part of the repository: when it is absent the suite
 * is skipped with a visible note.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NormalisedTrace, Span } from '../../src/shared/model'
import { parseDocument } from '../../src/main/core/import/parse/parse-document'
import { detectFormat } from '../../src/main/core/import/registry'
import { normaliseTraces } from '../../src/main/core/import/normalise/normalise'
import { parsePriceTable } from '../../src/main/core/pricing/price-table'

const CORPUS = resolve(__dirname, '../../../shared/corpus')
const present = existsSync(join(CORPUS, 'manifest.json'))

interface Entry {
  file: string
  traces: number
  spans: number
  roots: number
  orphans: number
  errors: number
  llmSpans: number
  inputTokens: number | null
  outputTokens: number | null
  inputTokensNoRollup: number | null
  outputTokensNoRollup: number | null
  traceDurationMs: number | null
  sessionId: string | null
  longestSpan: { name: string; durationMs: number } | null
}

function importCorpusFile(file: string): { format: string; traces: NormalisedTrace[]; warnings: string[] } {
  const warnings: string[] = []
  const parsed = parseDocument(readFileSync(join(CORPUS, file), 'utf8'))
  const found = detectFormat(parsed.values[0])
  if (!found) throw new Error(`${file}: not detected`)
  const ctx = { file, warn: (m: string) => warnings.push(m) }
  const raws = parsed.values.flatMap((v) => found.importer.convert(v, ctx))
  const prices = parsePriceTable('{"models":{}}', 'none')
  return { format: found.importer.format, traces: normaliseTraces(raws, { format: found.importer.format, file, fileHash: file, prices }), warnings }
}

/** The manifest's definition: a model name, token counts, or chat messages. */
const isLlm = (s: Span) => !!s.model || s.inputTokens !== undefined || s.outputTokens !== undefined || !!s.input?.messages || !!s.output?.messages
const sum = (xs: (number | undefined)[]) => (xs.some((x) => x !== undefined) ? xs.reduce<number>((n, x) => n + (x ?? 0), 0) : null)

if (!present) {
  console.warn(`[otlp-corpus] SKIPPED: no corpus at ${CORPUS} (it lives outside the repository)`)
}

describe.skipIf(!present)('OTLP corpus matches manifest.json', () => {
  const entries: Entry[] = present
    ? (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as Entry[]).filter((e) => e.file.startsWith('otlp--'))
    : []

  it('has OTLP files to check', () => {
    expect(entries.length).toBeGreaterThan(0)
  })

  for (const e of entries) {
    it(e.file, () => {
      const { format, traces } = importCorpusFile(e.file)
      const spans = traces.flatMap((t) => t.spans)
      const orphan = (s: Span) => s.flags?.includes('orphan') ?? false
      expect(format).toBe('otlp')
      expect({
        traces: traces.length,
        spans: spans.length,
        roots: spans.filter((s) => s.parentIndex === -1 && !orphan(s)).length,
        orphans: spans.filter(orphan).length,
        errors: spans.filter((s) => s.status !== 'ok').length,
        llmSpans: spans.filter(isLlm).length,
        inputTokens: sum(spans.map((s) => s.inputTokens)),
        outputTokens: sum(spans.map((s) => s.outputTokens)),
      }).toEqual({
        traces: e.traces,
        spans: e.spans,
        roots: e.roots,
        orphans: e.orphans,
        errors: e.errors,
        llmSpans: e.llmSpans,
        inputTokens: e.inputTokens,
        outputTokens: e.outputTokens,
      })
      // Trace totals leave out parents that repeat their children's usage.
      expect(traces.reduce((n, t) => n + t.trace.inputTokens, 0)).toBe(e.inputTokensNoRollup ?? 0)
      expect(traces.reduce((n, t) => n + t.trace.outputTokens, 0)).toBe(e.outputTokensNoRollup ?? 0)
      expect(traces.find((t) => t.trace.sessionId)?.trace.sessionId ?? null).toBe(e.sessionId)
      // The model keeps microseconds (start and end each truncated) and the manifest rounds
      // nanoseconds to 3 decimals of a millisecond: they agree within 1.5 µs.
      const near = (ms: number, expected: number) => expect(Math.abs(ms - expected)).toBeLessThanOrEqual(0.0015)
      if (e.traceDurationMs !== null) near(traces[0].trace.duration / 1000, e.traceDurationMs)
      if (e.longestSpan) {
        const longest = spans.reduce((a, b) => (b.duration > a.duration ? b : a))
        expect(longest.name).toBe(e.longestSpan.name)
        near(longest.duration / 1000, e.longestSpan.durationMs)
      }
    })
  }
})
