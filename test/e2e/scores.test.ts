/**
 * Imported scores on screen (run `npx electron-vite build` first): a Langfuse trace whose
 * scores name the trace and one generation shows the trace's score in the context sidebar and
 * the generation's score in its step detail, and nothing where there is none.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hostAndBrowser, openApp } from './harness'

const SHOTS = process.env.TRACEDECK_SHOTS ?? tmpdir()
const at = (s: number) => new Date(Date.UTC(2025, 5, 1, 9, 0, s)).toISOString()

const trace = {
  id: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  name: 'graded support run',
  timestamp: at(0),
  sessionId: 'sess-scored',
  observations: [
    {
      id: 'a000000000000001',
      traceId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
      type: 'AGENT',
      name: 'support agent',
      startTime: at(0),
      endTime: at(4),
    },
    {
      id: 'a000000000000002',
      traceId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
      parentObservationId: 'a000000000000001',
      type: 'GENERATION',
      name: 'answer',
      model: 'gpt-4o',
      startTime: at(1),
      endTime: at(3),
      input: [{ role: 'user', content: 'Where is my order?' }],
      output: { role: 'assistant', content: 'It ships tomorrow.' },
      usageDetails: { input: 20, output: 6, total: 26 },
    },
  ],
  scores: [
    {
      name: 'user-feedback',
      value: 1,
      stringValue: 'thumbs_up',
      dataType: 'CATEGORICAL',
      source: 'API',
      comment: 'fast answer',
    },
    {
      name: 'helpfulness',
      value: 0.82,
      dataType: 'NUMERIC',
      source: 'EVAL',
      comment: 'direct and correct',
      observationId: 'a000000000000002',
    },
  ],
}

const session = hostAndBrowser(() => {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-e2e-scores-'))
  const file = join(dir, 'graded.json')
  writeFileSync(file, JSON.stringify(trace))
  return { files: [file] }
})

describe('imported scores', () => {
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ]) {
    it(`shows the trace's scores in the sidebar and a span's in its detail (${width}×${height})`, async () => {
      const { page, errors } = await openApp(session.browser, session.host, { width, height })
      await page.getByText('graded support run', { exact: true }).first().click()
      await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
      const traceScores = page.getByRole('list', { name: 'Scores of this trace' })
      await traceScores.waitFor()
      expect(await traceScores.innerText()).toMatch(/user-feedback\s*thumbs_up/)
      // The agent span has no score of its own.
      await expect
        .poll(() => page.getByRole('list', { name: 'Scores of this span' }).count())
        .toBe(0)
      await page.getByRole('treeitem', { name: /^answer/ }).click()
      const spanScores = page.getByRole('list', { name: 'Scores of this span' })
      await spanScores.waitFor()
      expect(await spanScores.innerText()).toMatch(/helpfulness\s*0\.82/)
      expect(await spanScores.getByRole('listitem').getAttribute('title')).toContain(
        'direct and correct',
      )
      await page.screenshot({ path: join(SHOTS, `tracedeck-scores-${width}.png`) })
      expect(errors).toEqual([])
      await page.context().close()
    })
  }
})
