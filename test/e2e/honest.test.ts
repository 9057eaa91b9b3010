/**
 * Issue 11 "honest statuses, counts and numbers" in real Chromium through the browser host:
 * import headlines that say what happened, success cards that clear themselves and never cover
 * a dialog, one status vocabulary in the library, full-text library search.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { recordLlmRun } from '../fixtures/otlp-llm-run'
import { hostAndBrowser, openApp, screenshot } from './harness'

const e2e = hostAndBrowser()

/** The SDK-recorded run (two traces) with fresh trace ids, so each copy is a new file. */
function runCopy(prefix: string): Buffer {
  return Buffer.from(recordLlmRun().json.replace(/"traceId":"\w{4}/g, `"traceId":"${prefix}`))
}

const json = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/json', buffer })

async function importFiles(page: Page, files: ReturnType<typeof json>[]): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(files)
}

describe('honest import headlines', () => {
  it('says "N new · N already in the library · N failed", clears a success, never covers a dialog', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const first = runCopy('aaa1')
    await importFiles(page, [
      json('run-a.json', first),
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not spans\n') },
    ])
    const mixed = page.getByRole('region', { name: '2 new traces · 1 file failed' })
    await mixed.waitFor({ timeout: 20_000 })
    await screenshot(page, 'honest-import-mixed')
    // A failure stays until dismissed.
    await page.waitForTimeout(7000)
    await expect(mixed.isVisible()).resolves.toBe(true)
    await mixed.getByRole('button', { name: 'Dismiss import report' }).click()

    // The same file again plus a new one: the headline does not count the old traces as imported.
    await importFiles(page, [json('run-a-again.json', first), json('run-b.json', runCopy('bbb2'))])
    const again = page.getByRole('region', { name: '2 new traces · 2 already in the library' })
    await again.waitFor({ timeout: 20_000 })
    await screenshot(page, 'honest-import-again')
    // A success clears itself after a few seconds.
    await again.waitFor({ state: 'detached', timeout: 15_000 })

    // A card that stays (a failure) steps aside while the summary dialog is open.
    await importFiles(page, [
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"x": 1') },
    ])
    const failed = page.getByRole('region', { name: 'Nothing added · 1 file failed' })
    await failed.waitFor({ timeout: 20_000 })
    await page.getByText('invoke_agent', { exact: false }).first().click()
    await page.getByRole('button', { name: 'Summary' }).click()
    const report = page.getByRole('dialog', { name: 'Replay summary' })
    await report.waitFor()
    for (const name of ['Close']) {
      const button = report.getByRole('button', { name }).first()
      const box = (await button.boundingBox())!
      const hit = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x, y)?.closest('button')?.textContent ?? null,
        [box.x + box.width / 2, box.y + box.height / 2],
      )
      expect(hit).toContain(name)
    }
    await expect(failed.isVisible()).resolves.toBe(false)
    await screenshot(page, 'honest-summary-uncovered')
    await report.getByRole('button', { name: 'Close' }).first().click()
    await expect.poll(() => failed.isVisible()).toBe(true)
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
    await context.close()
  })

  it('finds a word from a span output in the library, shows the span, and says when a token is not a filter', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library', exact: true }).click()
    const search = page.getByRole('searchbox', { name: 'Search' })
    // "Oslo" is only in an LLM call's output, not in any trace-level field.
    await search.fill('Oslo')
    await search.press('Enter')
    const match = page.getByTestId('search-match').first()
    await match.waitFor({ timeout: 15_000 })
    await expect(match.innerText()).resolves.toMatch(/output · .*Oslo/)
    await screenshot(page, 'honest-library-search')
    // A typo'd filter is said, and a new query does not keep the earlier typed filter.
    await search.fill('stauts:error')
    await search.press('Enter')
    await expect(page.getByTestId('query-notes').innerText()).resolves.toMatch(/stauts: is not a filter/)
    await search.fill('status:error Oslo')
    await search.press('Enter')
    await expect.poll(() => page.getByLabel('Status').inputValue()).toBe('error')
    await search.fill('Oslo')
    await search.press('Enter')
    await expect.poll(() => page.getByLabel('Status').inputValue()).toBe('')
    await screenshot(page, 'honest-library-query')

    // The whole header cell sorts: a click right of the label, inside the cell.
    const cell = page.getByRole('columnheader', { name: /Duration/ })
    const box = (await cell.boundingBox())!
    await page.mouse.click(box.x + 4, box.y + box.height / 2)
    await expect.poll(() => cell.getAttribute('aria-sort')).not.toBe('none')
    expect(errors).toEqual([])
    await context.close()
  })

  it('browser Back returns to the previous view instead of leaving the app', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const start = page.url()
    await page.getByText('invoke_agent', { exact: false }).first().click()
    await page.getByRole('tree', { name: 'Execution tree' }).waitFor({ timeout: 15_000 })
    await page.goBack()
    await page.getByRole('heading', { name: 'Library' }).waitFor()
    expect(new URL(page.url()).origin).toBe(new URL(start).origin)
    await expect(page.getByRole('tree', { name: 'Execution tree' }).count()).resolves.toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })
})
