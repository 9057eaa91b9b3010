/**
 * The comparison view end to end in Chromium through the browser host (run `npx electron-vite
 * build` first): a good and a bad run of the same agent (written by the OpenTelemetry SDK) are
 * opened from the library; lockstep Next moves both panes; "First divergence" lands on the changed
 * pair and shows the word diff; a gap shows an empty slot; unlock, step one pane, re-lock; swap;
 * play; and `tracedeck diff` names the same first divergence the UI shows.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'
import {
  CLI,
  launchBrowser,
  openApp,
  screenshot,
  startHost,
  type AppPage,
  type HostProcess,
} from './harness'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-e2e-compare-'))
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const GOOD = write('good-run.json', supportAgentRun({ seed: 1 }))
const BAD = write(
  'bad-run.json',
  supportAgentRun({
    seed: 2,
    toolResult: 'No order 1234 found.',
    answer: 'Sorry, I cannot find order 1234.',
    slowerBy: 0.6,
  }),
)
const RETRIED = write(
  'retried-run.json',
  supportAgentRun({ seed: 3, retryLookup: true, sendEmail: true }),
)

let host: HostProcess
let browser: Browser
let app: AppPage

beforeAll(async () => {
  ;[host, browser] = await Promise.all([
    startHost({ files: [GOOD, BAD, RETRIED] }),
    launchBrowser(),
  ])
})

afterAll(async () => {
  await app?.context.close()
  await browser?.close()
  await host?.stop()
})

function cliDiff(
  a: string,
  b: string,
): Promise<{
  firstDivergence: { stepA: number | null; stepB: number | null; reason: string } | null
}> {
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      [CLI, '--db', host.dbPath, '--json', 'diff', a, b],
      { env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        error ? fail(new Error(`tracedeck diff failed: ${stderr}`)) : done(JSON.parse(stdout)),
    ),
  )
}

/** Opens the comparison of two library rows (by source file name) with the library's Compare button. */
async function openComparison(page: Page, fileA: string, fileB: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Library', exact: true })
    .click()
  // The library may remember an earlier selection: select exactly these two.
  for (const f of ['good-run.json', 'bad-run.json', 'retried-run.json']) {
    const box = page.getByRole('row').filter({ hasText: f }).getByRole('checkbox')
    await box.setChecked(f === fileA || f === fileB)
  }
  await page.getByRole('button', { name: 'Compare', exact: true }).click()
  await page.getByTestId('compare-view').waitFor()
  await expect.poll(() => page.getByTestId('compare-position').textContent()).toMatch(/^1 \/ \d+/)
}

const paneStep = (page: Page, side: 'a' | 'b') =>
  page.getByTestId(`pane-${side}-step`).textContent()
/** For each of the first four timeline rows of a pane: is its left edge in the mark colour? */
function markStripes(page: Page, side: string): Promise<boolean[]> {
  return page
    .getByRole('region', { name: `Trace ${side}` })
    .getByTestId('timeline')
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d')!
      const dpr = canvas.width / canvas.clientWidth
      const mark = getComputedStyle(canvas).getPropertyValue('--mark').trim() // #rrggbb
      const want = [1, 3, 5].map((k) => parseInt(mark.slice(k, k + 2), 16))
      // Rows are 20 px under a 24 px axis; the stripe is 3 px wide at x = 0.
      return [0, 1, 2, 3].map((row) => {
        const [r, g, b] = ctx.getImageData(1 * dpr, (24 + row * 20 + 10) * dpr, 1, 1).data
        return Math.abs(r - want[0]) + Math.abs(g - want[1]) + Math.abs(b - want[2]) < 12
      })
    })
}

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Comparison controls' })

describe('comparing two runs in the browser', () => {
  it('steps both panes in lockstep and lands on the first divergence with its diff', async () => {
    app = await openApp(browser, host, { width: 1600, height: 1000 })
    const { page, errors } = app
    await openComparison(page, 'good-run.json', 'bad-run.json')
    await expect.poll(() => paneStep(page, 'a')).toBe('step 1 of 4')
    await expect.poll(() => paneStep(page, 'b')).toBe('step 1 of 4')

    // One Next moves both panes.
    await toolbar(page).getByRole('button', { name: 'Next', exact: true }).click()
    await expect.poll(() => paneStep(page, 'a')).toBe('step 2 of 4')
    await expect.poll(() => paneStep(page, 'b')).toBe('step 2 of 4')

    // Divergent spans are marked in both trees (the tool call and the answer it changed) and on
    // both timelines, in the mark colour, at the left edge of their rows.
    for (const side of ['A', 'B']) {
      const pane = page.getByRole('region', { name: `Trace ${side}` })
      const tree = pane.getByRole('tree', { name: 'Execution tree' })
      await expect
        .poll(() =>
          tree
            .locator('.td-tree__row--mark')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-index'))),
        )
        .toEqual(['2', '3'])
      await expect(
        tree.getByRole('treeitem', { name: /^execute_tool lookup_order, .*, differs/ }).count(),
      ).resolves.toBe(1)
      await expect.poll(() => markStripes(page, side)).toEqual([false, false, true, true])
    }

    // Search works in a compare pane, highlighted apart from the marks, and its jump moves both
    // panes (locked): the next LLM call after step 2 is step 4.
    const paneA = page.getByRole('region', { name: 'Trace A' })
    const search = paneA.getByRole('searchbox', { name: 'Search spans' })
    await search.fill('kind:llm')
    await expect.poll(() => paneA.getByTestId('search-status').innerText()).toBe('1 / 2')
    await expect(
      paneA
        .locator('.td-tree__row--match')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-index'))),
    ).resolves.toEqual(['1', '3'])
    await expect(paneA.locator('.td-tree__row--mark').count()).resolves.toBe(2)
    await search.press('Enter')
    await expect.poll(() => paneStep(page, 'a')).toBe('step 4 of 4')
    await expect.poll(() => paneStep(page, 'b')).toBe('step 4 of 4')
    await search.press('Escape')
    await expect.poll(() => paneA.locator('.td-tree__row--match').count()).toBe(0)

    await page.getByRole('button', { name: 'First divergence' }).click()
    await expect.poll(() => paneStep(page, 'a')).toBe('step 3 of 4')
    await expect.poll(() => paneStep(page, 'b')).toBe('step 3 of 4')
    await expect
      .poll(() => page.getByTestId('divergence-status').textContent())
      .toBe('Divergence 1 of 2: different output')
    await expect.poll(() => page.getByTestId('pair-fields').textContent()).toBe('differs in output')
    const diff = page.getByTestId('diff-output')
    await expect
      .poll(() => diff.locator('del').allTextContents())
      .toContain('shipped on June 11; it arrives Friday')
    await expect.poll(() => diff.locator('ins').allTextContents()).toContain('found')
    await screenshot(page, 'compare-first-divergence')

    // The command line names the same first divergence.
    const traces = await host.api('listTraces', {})
    const id = (file: string) => traces.find((t) => t.source.file === file)!.id
    const cli = await cliDiff(id('good-run.json'), id('bad-run.json'))
    expect(cli.firstDivergence).toMatchObject({ stepA: 3, stepB: 3, reason: 'output' })

    // Next divergence: the answering call, whose input changed.
    await page.getByRole('button', { name: 'Next divergence' }).click()
    await expect.poll(() => paneStep(page, 'a')).toBe('step 4 of 4')
    await expect
      .poll(() => page.getByTestId('divergence-status').textContent())
      .toBe('Divergence 2 of 2: different input')
    await page.getByRole('button', { name: 'Previous divergence' }).click()
    await expect.poll(() => paneStep(page, 'b')).toBe('step 3 of 4')
    await expect
      .poll(() => page.getByTestId('total-deltas').getByText('+600 ms (+23%)').count())
      .toBe(1)
    expect(errors).toEqual([])
  })

  it('shows a span only one run has as an empty slot, and unlocks, steps one pane, re-locks', async () => {
    const { page, errors } = app
    await openComparison(page, 'good-run.json', 'retried-run.json')
    await page.getByRole('button', { name: 'First divergence' }).click()
    // B retried the lookup: at B's failed attempt, A has nothing.
    await expect.poll(() => paneStep(page, 'b')).toBe('step 3 of 6')
    await expect.poll(() => paneStep(page, 'a')).toBe('no span here')
    const slot = page.getByTestId('gap-slot-a')
    await expect
      .poll(() => slot.textContent())
      .toContain('Trace B ran execute_tool lookup_order (step 3) here.')
    await expect
      .poll(() => page.getByTestId('divergence-status').textContent())
      .toBe('Divergence 1 of 2: only in B')
    await screenshot(page, 'compare-gap')

    const traces = await host.api('listTraces', {})
    const id = (file: string) => traces.find((t) => t.source.file === file)!.id
    expect(
      (await cliDiff(id('good-run.json'), id('retried-run.json'))).firstDivergence,
    ).toMatchObject({ stepA: null, stepB: 3, reason: 'onlyB' })

    // Unlock: each pane gets its own transport and moves alone.
    const lock = page.getByRole('button', { name: 'Lockstep' })
    await lock.click()
    await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('false')
    const paneB = page.getByRole('region', { name: 'Trace B' })
    await paneB.getByRole('button', { name: 'Next', exact: true }).click()
    await expect.poll(() => paneStep(page, 'b')).toBe('step 4 of 6')
    await expect.poll(() => page.getByTestId('gap-slot-a').count()).toBe(0)
    const aBefore = await paneStep(page, 'a')
    // Re-lock at the pane moved last: A follows B to the counterpart of B's step 4 (A's step 3).
    await lock.click()
    await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => paneStep(page, 'a')).toBe('step 3 of 4')
    expect(aBefore).not.toBe('step 3 of 4')
    expect(errors).toEqual([])
  })

  it('swaps A and B in place and plays both panes to the end', async () => {
    const { page, errors } = app
    await openComparison(page, 'good-run.json', 'bad-run.json')
    const idA = await page.getByTestId('compare-pane-a').locator('code').textContent()
    await page.getByRole('button', { name: 'First divergence' }).click()
    await page.getByRole('button', { name: 'Swap A/B' }).click()
    await expect
      .poll(() => page.getByTestId('compare-pane-b').locator('code').textContent())
      .toBe(idA)
    // The same pair stays on screen after the swap.
    await expect.poll(() => paneStep(page, 'a')).toBe('step 3 of 4')

    await toolbar(page).getByRole('button', { name: 'First', exact: true }).click()
    await toolbar(page).getByRole('button', { name: 'Play' }).click()
    await expect
      .poll(() => page.getByTestId('compare-position').textContent(), { timeout: 10_000 })
      .toMatch(/^4 \/ 4/)
    await expect.poll(() => paneStep(page, 'a')).toBe('step 4 of 4')
    await expect.poll(() => paneStep(page, 'b')).toBe('step 4 of 4')

    // "Change B…" picks another trace for B: runs of the same agent are offered first.
    await page.getByRole('button', { name: 'Change B…' }).click()
    const picker = page.getByRole('dialog', { name: 'Compare with…' })
    await picker.getByRole('button').filter({ hasText: '6 spans' }).click()
    await expect.poll(() => picker.count()).toBe(0)
    await expect.poll(() => paneStep(page, 'b')).toBe('step 1 of 6')
    await expect
      .poll(() => page.getByTestId('compare-pane-a').locator('code').textContent())
      .not.toBe(idA)
    expect(errors).toEqual([])
  })
})
