/**
 * Issue 11, item 20, in real Chromium: on a Langfuse export of a slow agent run, the context
 * sidebar says where the time went (self time per kind and per model / tool, with a jump to
 * the span that spent the most), the critical path is listed and drawn on the timeline, and an
 * LLM step shows its time to first token (Langfuse `completionStartTime`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp, screenshot, startHost, type HostProcess } from './harness'

let host: HostProcess
let browser: Browser
const T0 = Date.UTC(2025, 5, 13, 14, 0, 0)
const iso = (ms: number) => new Date(T0 + ms).toISOString()

/** agent 0–10 s: plan (gpt-4o-mini 0–1 s), search tool 1.1–7.1 s ∥ cache 1.2–1.5 s, answer (gpt-4o 7.2–9.7 s, first token at +0.32 s). */
function langfuseExport(): string {
  const obs = (o: Record<string, unknown>) => ({ traceId: 'lf-slow', ...o })
  return JSON.stringify({
    trace: { id: 'lf-slow', name: 'slow-research-agent', timestamp: iso(0) },
    observations: [
      obs({
        id: 'a',
        type: 'AGENT',
        name: 'research-agent',
        startTime: iso(0),
        endTime: iso(10_000),
      }),
      obs({
        id: 'p',
        parentObservationId: 'a',
        type: 'GENERATION',
        name: 'plan',
        model: 'gpt-4o-mini',
        startTime: iso(0),
        endTime: iso(1_000),
        completionStartTime: iso(150),
      }),
      obs({
        id: 's',
        parentObservationId: 'a',
        type: 'TOOL',
        name: 'web_search',
        startTime: iso(1_100),
        endTime: iso(7_100),
      }),
      obs({
        id: 'c',
        parentObservationId: 'a',
        type: 'TOOL',
        name: 'cache_lookup',
        startTime: iso(1_200),
        endTime: iso(1_500),
      }),
      obs({
        id: 'g',
        parentObservationId: 'a',
        type: 'GENERATION',
        name: 'answer',
        model: 'gpt-4o',
        startTime: iso(7_200),
        endTime: iso(9_700),
        completionStartTime: iso(7_520),
      }),
    ],
  })
}

beforeAll(async () => {
  ;[host, browser] = await Promise.all([startHost(), launchBrowser()])
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-time-spent-'))
  const file = join(dir, 'slow-run.json')
  writeFileSync(file, langfuseExport())
  const reports = await host.importPaths([file], 'time-spent-e2e')
  for (const report of reports) if (report.error) throw new Error(report.error)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

describe('where the time went', () => {
  it('breaks self time down per kind and model / tool, lists the critical path, and jumps', async () => {
    const { page, errors, context } = await openApp(browser, host)
    await page.getByText('slow-research-agent', { exact: true }).first().click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    const section = page.getByTestId('time-spent')
    const perKind = section.getByRole('list', { name: 'Self time per kind' })
    // 10.3 s of self time in all (the cache lookup ran in parallel): tools 6.3 s first; the
    // agent's own code is the gaps between its children (0.5 s).
    const kindRows = await perKind.getByRole('button').allInnerTexts()
    expect(kindRows[0]).toMatch(/^Tool\s+61%\s+6\.3 s$/)
    expect(kindRows.join('\n')).toMatch(/LLM\s+34%\s+3\.5 s/)
    expect(kindRows.join('\n')).toMatch(/Own code\s+5%\s+500 ms/)
    const perName = await section
      .getByRole('list', { name: 'Self time per model or tool' })
      .innerText()
    expect(perName).toMatch(/web_search\s+58%\s+6 s/)
    expect(perName).toMatch(/gpt-4o\s+24%\s+2\.5 s/)
    // The critical path: plan → web_search → answer (the cache lookup ran in parallel).
    const path = await section.getByRole('list', { name: 'Critical path' }).innerText()
    expect(path).toContain('web_search')
    expect(path).toContain('answer')
    expect(path).not.toContain('cache_lookup')
    await expect
      .poll(() => page.getByTestId('timeline').getAttribute('data-critical-spans'))
      .toBe('4')
    await screenshot(page, 'time-spent')

    // Jump from the Tool row to the tool that spent the most.
    await perKind.getByRole('button', { name: /^Tool/ }).click()
    await expect.poll(() => page.getByTestId('step-position').textContent()).toBe('Step 3 / 5')
    await expect(page.getByRole('article', { name: 'Step detail' }).innerText()).resolves.toContain(
      'web_search',
    )
    expect(errors).toEqual([])
    await context.close()
  })

  it('shows the time to first token of an LLM step', async () => {
    const { page, errors, context } = await openApp(browser, host, { width: 1280, height: 720 })
    await page.getByText('slow-research-agent', { exact: true }).first().click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    await page.getByRole('treeitem', { name: /^answer,/ }).click()
    const detail = page.getByRole('article', { name: 'Step detail' })
    await expect.poll(() => detail.innerText()).toMatch(/First token\s+320 ms/i)
    await screenshot(page, 'time-spent-ttft-1280')
    expect(errors).toEqual([])
    await context.close()
  })
})
