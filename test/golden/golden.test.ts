/**
 * Golden tests for every importer owned here, on fixtures generated from one scenario
 * (`scenario.ts`): normalised dump, detection by content alone, and the tracedeck v1 round trip.
 * Besides the reviewed golden file, each case asserts what a user would see of the scenario:
 * the agent at the root, the failed tool call shown as a retry, tokens, and the session.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { CASES } from './cases'
import { join } from 'node:path'
import {
  detectText,
  dump,
  expectGolden,
  importStreamed,
  importText,
  openLibrary,
  roundTrip,
  type Imported,
} from './harness'
import { SESSION } from './scenario'

const lib = openLibrary()
afterAll(() => lib.close())

describe.each(CASES)('$name', (c) => {
  let imported: Imported
  const text = c.text()

  it(`imports as ${c.format} and matches its golden dump`, async () => {
    imported = await importText(lib, text)
    expect(imported.report.error).toBeUndefined()
    expect(imported.report.format).toBe(c.format)
    expectGolden(join(__dirname, 'expected', `${c.name}.json`), dump(imported.traces))
  })

  it('shows the scenario: root agent, retried tool, LLM tokens, session', () => {
    const { trace, spans } = imported.traces[0]
    if (c.carries.tree) {
      expect(spans[0].name).toMatch(/support-agent|agent:start|chat-turn|agent-svc/)
      expect(spans[0].depth).toBe(0)
      expect(spans.filter((s) => s.parentIndex === 0).length).toBeGreaterThanOrEqual(2)
    }
    if (c.carries.errors) {
      const tools = spans.filter((s) => s.name === 'get_weather')
      expect(tools.map((s) => s.status)).toEqual(['retry', 'ok'])
      expect(tools[0].error?.message).toMatch(/timed out|Error running tool/)
      expect(trace.status).toBe('warning')
    }
    if (c.carries.tokens) {
      expect(trace.inputTokens).toBeGreaterThanOrEqual(320)
      expect(trace.outputTokens).toBeGreaterThanOrEqual(70)
      expect(trace.models).toContain('gpt-4o')
    }
    if (c.carries.session) expect(trace.sessionId).toBe(SESSION)
  })

  it('is detected from its content alone', () => {
    expect(detectText(text)).toBe(c.format)
    expect(imported.report.detectedBy).toBeTruthy()
  })

  it('survives export to tracedeck v1 and re-import unchanged', async () => {
    const again = await roundTrip(lib, imported)
    expect(again.report.error).toBeUndefined()
    expect(again.report.format).toBe('tracedeck')
    expect(dump(again.traces)).toEqual(dump(imported.traces))
  })

  it('streams to the same traces at a tiny chunk size', async () => {
    const streamed = await importStreamed(text, 13)
    expect(streamed.report.error).toBeUndefined()
    if (!c.streamedDiffers) return expect(dump(streamed.traces)).toEqual(dump(imported.traces))
    const structure = (t: Imported) =>
      t.traces.map(({ trace, spans }) => ({
        name: trace.name,
        status: trace.status,
        tokens: [trace.inputTokens, trace.outputTokens],
        spans: spans.map((s) => [
          s.id,
          s.parentIndex,
          s.name,
          s.kind,
          s.status,
          s.start,
          s.duration,
        ]),
      }))
    expect(structure(streamed)).toEqual(structure(imported))
  })
})
