/**
 * Issue 11, items 6 and 7, in real Chromium: one sheet of keyboard shortcuts for every view,
 * opened with `?` or the top bar's button; the summary dialog says where the replay stands and
 * renders the final response as markdown when the Markdown toggle is on; "Open sample trace"
 * opens the sample instead of leaving the user on the library.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp, screenshot, startHost, type HostProcess } from './harness'
import { REPLAY_RUN, replayRunJson } from './replay-fixture'

let host: HostProcess
let empty: HostProcess
let browser: Browser
const TRACE = 'invoke_agent Researcher'

beforeAll(async () => {
  ;[host, empty, browser] = await Promise.all([startHost(), startHost(), launchBrowser()])
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-help-ui-'))
  const file = join(dir, 'lyon-run.json')
  writeFileSync(file, replayRunJson())
  const reports = await host.importPaths([file], 'help-e2e')
  for (const report of reports) if (report.error) throw new Error(report.error)
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([host?.stop(), empty?.stop()])
})

describe('keyboard shortcut sheet', () => {
  it('opens with ? in every view and from the top bar, listing every view’s keys', async () => {
    const { page, errors, context } = await openApp(browser, host)
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    // The library.
    await page.keyboard.press('?')
    await sheet.waitFor()
    const text = await sheet.innerText()
    for (const section of [
      'Everywhere',
      'Replay (a trace)',
      'Compare (two traces)',
      'Library and sessions',
    ])
      expect(text.toLowerCase()).toContain(section.toLowerCase())
    expect(text).toContain('First divergence')
    expect(text).toMatch(/T\s+Pacing/)
    await screenshot(page, 'shortcut-sheet')
    await page.keyboard.press('Escape')
    await expect.poll(() => sheet.isVisible()).toBe(false)

    // The replay: ? opens the same sheet and does not step the replay.
    await page.getByText(TRACE, { exact: true }).first().click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    await page.keyboard.press('?')
    await sheet.waitFor()
    await expect(page.getByTestId('step-position').textContent()).resolves.toBe(
      `Step 1 / ${REPLAY_RUN.steps}`,
    )
    await page.keyboard.press('?') // ? again closes it
    await expect.poll(() => sheet.isVisible()).toBe(false)
    // The top bar's button.
    await page.getByRole('banner').getByRole('button', { name: 'Keyboard shortcuts' }).click()
    await sheet.waitFor()
    await sheet.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => sheet.isVisible()).toBe(false)
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('summary dialog', () => {
  it('says where the replay stands, and renders the final response as markdown when asked', async () => {
    const { page, errors, context } = await openApp(browser, host, { width: 1280, height: 720 })
    await page.getByText(TRACE, { exact: true }).first().click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    const report = page.getByRole('dialog', { name: 'Replay summary' })
    // Opened at step 1 of 7: not "complete".
    await page.keyboard.press('r')
    await report.waitFor()
    await expect(report.getByRole('heading', { level: 2 }).innerText()).resolves.toBe(
      `Trace summary · at step 1 of ${REPLAY_RUN.steps}`,
    )
    // Markdown off (the default): the response as raw text.
    const response = report.getByRole('region', { name: 'Final response' })
    await expect.poll(() => response.locator('pre').count()).toBe(1)
    await page.keyboard.press('Escape')
    // The Markdown toggle on: the response is rendered, not shown raw.
    await page
      .getByRole('article', { name: 'Step detail' })
      .getByRole('button', { name: 'Markdown' })
      .first()
      .click()
    await page.keyboard.press('r')
    await report.waitFor()
    await expect.poll(() => response.locator('.td-markdown').count()).toBe(1)
    await expect(response.locator('pre').count()).resolves.toBe(0)
    await expect(response.innerText()).resolves.toContain(REPLAY_RUN.answer)
    await screenshot(page, 'summary-at-step-1')
    await page.keyboard.press('Escape')
    // At the last step it is complete.
    await page.keyboard.press('End')
    await page.keyboard.press('r')
    await report.waitFor()
    await expect(report.getByRole('heading', { level: 2 }).innerText()).resolves.toBe(
      'Replay complete',
    )
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('sample trace', () => {
  it('"Open sample trace" imports the sample and opens it', async () => {
    const { page, errors, context } = await openApp(browser, empty)
    await page.getByRole('button', { name: 'Open sample trace' }).click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor({ timeout: 20_000 })
    await expect(page.getByTestId('step-position').textContent()).resolves.toMatch(/^Step 1 \//)
    expect(errors).toEqual([])
    await context.close()
  })
})
