/**
 * "Export HTML…" in the app, through the browser host in Chromium: from a trace's header and
 * from a comparison's toolbar, with options; the page arrives as a download, and the downloaded
 * file opens from file:// with the note, the redaction notice and the step the exporter chose.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ROOT, hostAndBrowser, openApp, screenshot } from '../e2e/harness'
import { readFileSync } from 'node:fs'
import { readSharePage } from './fixtures'

const e2e = hostAndBrowser(() => ({ files: [join(ROOT, 'resources/sample-agent-run.json')] }))

describe('Export HTML… in the app', () => {
  it('exports the trace being replayed with a note, a redaction and the current step', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const traces = await e2e.host.api('listTraces', {})
    const trace = traces.find((t) => t.spanCount === 9)!
    await page.getByText(trace.name, { exact: true }).first().click()
    const controls = page.getByRole('toolbar', { name: 'Replay controls' })
    await controls.waitFor()
    await page.keyboard.press('e') // first error: step 3
    await expect.poll(() => page.getByTestId('step-position').innerText()).toBe('Step 3 / 9')

    await page.getByRole('button', { name: 'Export HTML…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export replay as HTML' })
    await dialog.getByLabel('Note for the reader').fill('Step 3: the lookup timed out.')
    await dialog.getByRole('radio', { name: /Only LLM messages/ }).check()
    await dialog.getByRole('radio', { name: /Around step 3/ }).check()
    await dialog.getByRole('spinbutton', { name: 'Steps before and after' }).fill('1')
    await screenshot(page, 'share-export-dialog')
    const downloading = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^invoke-agent-support-agent-replay\.html$/)
    const file = join(e2e.host.dir, 'downloaded.html')
    await download.saveAs(file)
    await expect(page.getByRole('dialog').count()).resolves.toBe(0)

    const { head } = readSharePage(readFileSync(file, 'utf8'))
    expect(head).toMatchObject({
      redaction: 'llm-messages',
      note: 'Step 3: the lookup timed out.',
      openAt: 2,
    })
    expect(head.traces[0].range).toMatchObject({ from: 1, to: 3 })

    const viewer = await e2e.browser.newPage()
    await viewer.goto(pathToFileURL(file).href)
    await expect(viewer.getByTestId('share-note').innerText()).resolves.toBe(
      'Step 3: the lookup timed out.',
    )
    await expect(viewer.getByTestId('share-redaction').innerText()).resolves.toContain(
      'only the chat messages',
    )
    await expect.poll(() => viewer.getByTestId('step-position').innerText()).toBe('Step 3 / 4')
    await expect(viewer.getByRole('button', { name: 'Export HTML…' }).count()).resolves.toBe(0)
    await viewer.close()
    expect(errors).toEqual([])
    await context.close()
  })

  it('exports a comparison from its toolbar', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const [a, b] = await e2e.host.api('listTraces', {})
    // Open A, then "Compare with…" B.
    await page.getByText(a.name, { exact: true }).first().click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    await page.getByRole('button', { name: 'Compare with…' }).click()
    await page
      .getByRole('dialog')
      .getByRole('button')
      .filter({ hasText: b.id.slice(0, 10) })
      .click()
    await page.getByTestId('compare-view').waitFor()
    await page
      .getByRole('toolbar', { name: 'Comparison controls' })
      .getByRole('button', { name: 'Export HTML…' })
      .click()
    const dialog = page.getByRole('dialog', { name: 'Export replay as HTML' })
    // A comparison is shared whole: no step options.
    await expect(dialog.getByRole('radio', { name: /Around step/ }).count()).resolves.toBe(0)
    const downloading = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    const file = join(e2e.host.dir, 'compare.html')
    await (await downloading).saveAs(file)
    const { head } = readSharePage(readFileSync(file, 'utf8'))
    expect(head.kind).toBe('compare')
    expect(head.traces).toHaveLength(2)
    expect(errors).toEqual([])
    await context.close()
  })
})
