/**
 * Dropping two trace files at once opens their comparison (issue 5: "open a comparison by
 * dropping two files at once"): A is the first file, B the second, and the import card offers
 * the way back to the comparison. End to end in Chromium through the browser host.
 */
import { describe, expect, it } from 'vitest'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'
import { dropFiles, hostAndBrowser, openApp, screenshot } from './harness'

const e2e = hostAndBrowser()

describe('dropping two files', () => {
  it('opens the two traces side by side, first file as A', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host, {
      width: 1600,
      height: 1000,
    })
    await dropFiles(page, [
      { name: 'good-run.json', content: supportAgentRun({ seed: 1 }) },
      {
        name: 'bad-run.json',
        content: supportAgentRun({ seed: 2, answer: 'Sorry, I cannot find order 1234.' }),
      },
    ])

    await page.getByTestId('compare-view').waitFor({ timeout: 20_000 })
    const traces = await e2e.host.api('listTraces', {})
    const id = (file: string) => traces.find((t) => t.source.file === file)!.id
    for (const [side, file] of [
      ['a', 'good-run.json'],
      ['b', 'bad-run.json'],
    ] as const) {
      await expect
        .poll(() =>
          page.getByTestId(`compare-pane-${side}`).locator('.td-cpane__id').getAttribute('title'),
        )
        .toBe(`Trace id ${id(file)}`)
      await expect
        .poll(() => page.getByTestId(`pane-${side}-step`).textContent())
        .toBe('step 1 of 4')
    }

    // The card says what happened; it offers no other destination while the comparison shows.
    const card = page.getByRole('region', { name: '2 new traces' })
    await card.waitFor()
    await expect(
      card.getByRole('button', { name: 'Compare the two traces' }).count(),
    ).resolves.toBe(0)
    await screenshot(page, 'drop-compare')

    // Leave, and the card (held open, so it does not clear itself) brings the comparison back.
    await card.getByRole('button', { name: 'Details' }).click()
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Library', exact: true })
      .click()
    await card.getByRole('button', { name: 'Compare the two traces' }).click()
    await page.getByTestId('compare-view').waitFor()
    expect(errors).toEqual([])
    await context.close()
  })

  it('opens one trace alone when the same file is dropped twice', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const run = supportAgentRun({ seed: 7 })
    await dropFiles(page, [
      { name: 'run.json', content: run },
      { name: 'run-copy.json', content: run },
    ])
    await page.getByRole('tree', { name: 'Execution tree' }).waitFor({ timeout: 20_000 })
    await expect(page.getByTestId('compare-view').count()).resolves.toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })
})
