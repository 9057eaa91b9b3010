/**
 * The replay view end to end: the real app through the browser host in Chromium, on an agent run
 * recorded with the OTel SDK (test/e2e/replay-fixture.ts). After every control — by mouse and by
 * keyboard — the tests check what a user sees: the position "Step i / n", the highlighted row of
 * the execution tree, the step the timeline has drawn, and what the detail panel shows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import {
  launchBrowser,
  openApp,
  screenshot,
  startHost,
  type AppPage,
  type HostProcess,
} from './harness'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'
import { REPLAY_RUN, replayRunJson } from './replay-fixture'

let host: HostProcess
let browser: Browser
const TRACE = 'invoke_agent Researcher'
// Step order (1-based) of the fixture, as the tree lists it.
const NAMES = [
  'invoke_agent Researcher',
  'chat gpt-4o',
  'execute_tool search_web',
  'execute_tool search_web',
  'GET api.search',
  'chat gpt-4o',
  'guardrail pii_check',
]

beforeAll(async () => {
  ;[host, browser] = await Promise.all([startHost(), launchBrowser()])
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-replay-ui-'))
  const file = join(dir, 'lyon-run.json')
  writeFileSync(file, replayRunJson())
  // A second, unrelated trace: something to compare the replayed one with.
  const other = join(dir, 'support-run.json')
  writeFileSync(other, supportAgentRun({ seed: 1 }))
  const reports = await host.importPaths([file, other], 'replay-e2e')
  for (const report of reports) if (report.error) throw new Error(report.error)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

/** Opens the fixture trace from the library and waits for the replay view. */
async function openTrace(): Promise<AppPage> {
  const app = await openApp(browser, host)
  await app.page.getByText(TRACE, { exact: true }).first().click()
  await app.page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
  await expectStep(app.page, 1)
  return app
}

/**
 * Waits until the view stands on `step` (1-based) everywhere: position label, the one selected
 * tree row, the timeline's drawn step and the detail panel's span.
 */
async function expectStep(page: Page, step: number): Promise<void> {
  const want = {
    position: `Step ${step} / ${REPLAY_RUN.steps}`,
    tree: NAMES[step - 1],
    timeline: String(step - 1),
    detail: String(step - 1),
  }
  const read = () =>
    page.evaluate(() => ({
      position: document.querySelector('[data-testid="step-position"]')?.textContent ?? null,
      tree: [...document.querySelectorAll('[role="treeitem"][aria-selected="true"]')]
        .map((el) => el.getAttribute('aria-label')?.split(',')[0])
        .join('|'),
      timeline:
        document.querySelector<HTMLElement>('[data-testid="timeline"]')?.dataset.drawnStep ?? null,
      detail:
        document
          .querySelector('article[aria-label="Step detail"]:not([aria-busy="true"])')
          ?.getAttribute('data-span-index') ?? null,
    }))
  const deadline = Date.now() + 10_000
  let seen = await read()
  while (JSON.stringify(seen) !== JSON.stringify(want) && Date.now() < deadline) {
    await page.waitForTimeout(40)
    seen = await read()
  }
  expect(seen).toEqual(want)
  await expect(page.locator('.td-detail__name').innerText()).resolves.toBe(NAMES[step - 1])
}

/**
 * The execution tree's column headings a user can see (lower case), and whether any heading's text runs into
 * the next one (text clipped by its own box with an ellipsis does not count).
 */
function treeHeading(scope: Locator): Promise<{ shown: string[]; overlap: boolean }> {
  return scope.locator('.td-tree__head').evaluate((head) => {
    const cells = [...head.children].filter((c) => getComputedStyle(c).display !== 'none')
    const spans = cells.map((c) => {
      const range = document.createRange()
      range.selectNodeContents(c)
      const text = range.getBoundingClientRect()
      const box = c.getBoundingClientRect()
      const clips = getComputedStyle(c).overflowX !== 'visible'
      return { left: text.left, right: clips ? Math.min(text.right, box.right) : text.right }
    })
    return {
      shown: cells.map((c) => (c as HTMLElement).innerText.trim().toLowerCase()),
      overlap: spans.some((s, k) => k > 0 && spans[k - 1].right > s.left + 0.5),
    }
  })
}

const button = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Replay controls' }).getByRole('button', { name, exact: true })
const detailRegion = (page: Page, name: 'Input' | 'Output') =>
  page.getByRole('article', { name: 'Step detail' }).getByRole('region', { name })

describe('replay controls', () => {
  it('steps with First, Previous, Next and Last, and jumps to the landmarks', async () => {
    const { page, errors, context } = await openTrace()
    await button(page, 'Next').click()
    await expectStep(page, 2)
    await expect(detailRegion(page, 'Input').innerText()).resolves.toContain(REPLAY_RUN.question)
    await button(page, 'Last').click()
    await expectStep(page, 7)
    await expect(button(page, 'Next').isDisabled()).resolves.toBe(true)
    await button(page, 'Previous').click()
    await expectStep(page, 6)
    await expect(detailRegion(page, 'Output').innerText()).resolves.toContain(REPLAY_RUN.answer)
    await button(page, 'First').click()
    await expectStep(page, 1)
    await expect(button(page, 'Previous').isDisabled()).resolves.toBe(true)

    await button(page, 'First error').click()
    await expectStep(page, REPLAY_RUN.firstError.step)
    const error = page
      .getByRole('article', { name: 'Step detail' })
      .getByRole('group', { name: 'Error' })
    await expect(error.innerText()).resolves.toContain(REPLAY_RUN.firstError.message)
    await expect(
      page.locator('[role="treeitem"][aria-selected="true"]').getAttribute('data-state'),
    ).resolves.toBe('current')
    await expect(
      page.locator('[role="treeitem"][aria-selected="true"]').innerText(),
    ).resolves.toContain('Retried')

    await button(page, 'First').click()
    await button(page, 'Slowest span').click()
    await expectStep(page, REPLAY_RUN.slowest.step)
    await button(page, 'Most expensive span').click()
    await expectStep(page, REPLAY_RUN.mostExpensive.step)
    // Steps passed show their outcome in the tree: ✓ done, ↻ the retried search.
    const states = await page
      .locator('[role="treeitem"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')))
    expect(states).toEqual([
      'completed',
      'completed',
      'retry',
      'completed',
      'completed',
      'current',
      'pending',
    ])
    expect(errors).toEqual([])
    await context.close()
  })

  it('plays to the end at the chosen speed and shows the summary report', async () => {
    const { page, errors, context } = await openTrace()
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('10')
    await button(page, 'Play').click()
    await expect(button(page, 'Pause').isVisible()).resolves.toBe(true)
    const report = page.getByRole('dialog', { name: 'Replay summary' })
    await report.waitFor({ timeout: 15_000 })
    await expect(button(page, 'Play').isVisible()).resolves.toBe(true)
    await expectStep(page, 7)
    const text = await report.innerText()
    for (const expected of [REPLAY_RUN.question, REPLAY_RUN.answer, 'Recovered', 'gpt-4o', '6 s'])
      expect(text).toContain(expected)
    expect(text).toMatch(/Retries\s+1/)
    expect(text).toMatch(/Steps\s+7/)
    await screenshot(page, 'replay-summary')
    await report.getByRole('button', { name: 'Close' }).click()
    await expect(report.count()).resolves.toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it('sizes the panels to a short trace: every timeline row shows, the detail gets the rest', async () => {
    const { page, context } = await openTrace()
    const canvas = (await page.getByTestId('timeline').boundingBox())!
    const detail = (await page.getByRole('article', { name: 'Step detail' }).boundingBox())!
    const rowsHeight = 24 + REPLAY_RUN.steps * 20 // axis and rows
    expect(canvas.height).toBeGreaterThanOrEqual(rowsHeight)
    expect(canvas.height).toBeLessThanOrEqual(rowsHeight + 40) // no more than two empty rows
    expect(detail.height).toBeGreaterThan(canvas.height * 2)
    // The context sidebar's metadata: values (ids, names) get more room than their keys.
    const row = page
      .getByRole('table', { name: 'Trace metadata' })
      .getByRole('row', { name: /^Trace id/ })
    const [key, value] = await Promise.all([
      row.getByRole('rowheader').boundingBox(),
      row.getByRole('cell').boundingBox(),
    ])
    expect(value!.width).toBeGreaterThan(key!.width * 1.8)
    await context.close()
  })

  it('jumps from the timeline, the tree, the sidebar and search results', async () => {
    const { page, errors, context } = await openTrace()
    // The timeline draws one row per span under a 24 px axis, 20 px per row: click row 4.
    const canvas = page.getByTestId('timeline')
    await canvas.click({ position: { x: 300, y: 24 + 3 * 20 + 10 } })
    await expectStep(page, 4)
    await expect(detailRegion(page, 'Output').innerText()).resolves.toContain(REPLAY_RUN.hostile)
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null),
    ).toBeNull()

    await page.getByRole('treeitem', { name: /^GET api\.search,/ }).click()
    await expectStep(page, 5)
    const side = page.getByRole('complementary', { name: 'Context' })
    await expect(side.getByTestId('sibling-position').innerText()).resolves.toBe('1 of 1')
    await side.getByRole('button', { name: 'Go to parent: execute_tool search_web' }).click()
    await expectStep(page, 4)
    await expect(side.getByTestId('sibling-position').innerText()).resolves.toBe('3 of 5')

    const search = page.getByRole('searchbox', { name: 'Search spans' })
    await search.fill('kind:tool')
    await expect.poll(() => page.getByTestId('search-status').innerText()).toBe('2 / 2')
    await expect(page.locator('.td-tree__row--match').count()).resolves.toBe(2)
    await page.getByRole('button', { name: 'Next match' }).click()
    await expectStep(page, 3)
    await expect(page.getByTestId('search-status').innerText()).resolves.toBe('1 / 2')
    await page.getByRole('button', { name: 'Previous match' }).click()
    await expectStep(page, 4)

    // Text inside payloads comes from the host's full-text index.
    await search.fill('inhabitants')
    await expect
      .poll(() => page.getByTestId('search-status').innerText(), { timeout: 10_000 })
      .toMatch(/^– \/ [1-9]/)
    await search.press('Enter')
    await expect(
      page.locator('[role="treeitem"][aria-selected="true"]').getAttribute('class'),
    ).resolves.not.toContain('pending')
    const position = await page.getByTestId('step-position').innerText()
    expect([1, 6].map((s) => `Step ${s} / 7`)).toContain(position)
    expect(errors).toEqual([])
    await context.close()
  })

  it('collapses a subtree in the tree and reveals it again when the replay reaches it', async () => {
    const { page, context } = await openTrace()
    const rows = page.getByRole('treeitem')
    await expect(rows.count()).resolves.toBe(7)
    await page
      .getByRole('treeitem', { name: /^execute_tool search_web, pending, OK/ })
      .getByRole('button', { name: 'Collapse' })
      .click()
    await expect(rows.count()).resolves.toBe(6)
    await button(page, 'Last').click()
    await button(page, 'Previous').click()
    await button(page, 'Previous').click()
    await expectStep(page, 5) // GET api.search was hidden: the tree expands to show it
    await expect(rows.count()).resolves.toBe(7)
    await context.close()
  })
})

describe('opening a trace', () => {
  it('asks the host for the trace once, for both the replay and the top bar', async () => {
    const app = await openApp(browser, host)
    const { page, errors, context } = app
    const asked: string[] = []
    page.on('request', (r) => {
      const verb = new URL(r.url()).pathname.replace('/api/', '')
      if (verb === 'getTrace' || verb === 'getSpanColumns') asked.push(verb)
    })
    await page.getByText(TRACE, { exact: true }).first().click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    await expectStep(page, 1)
    // The top bar names the trace (from the same answer) and the window title follows it.
    await expect
      .poll(() => page.getByLabel('Current view').innerText())
      .toMatch(new RegExp(`Trace\\s+${TRACE}`))
    await expect.poll(() => page.title()).toBe(`${TRACE} — tracedeck`)
    expect(asked.sort()).toEqual(['getSpanColumns', 'getTrace'])
    expect(errors).toEqual([])
    await context.close()
  })

  it('reopens the last viewed trace at start with one getTrace', async () => {
    const { page, errors, context } = await openTrace()
    const asked: string[] = []
    page.on('request', (r) => {
      const verb = new URL(r.url()).pathname.replace('/api/', '')
      if (verb === 'getTrace') asked.push(verb)
    })
    // A new start of the window (the token stays in sessionStorage; the last trace in localStorage).
    await page.reload()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    await expectStep(page, 1)
    await expect.poll(() => page.title()).toBe(`${TRACE} — tracedeck`)
    // The check that the trace still exists and the replay that shows it share one request.
    expect(asked).toEqual(['getTrace'])
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('compare from a trace', () => {
  it('opens the comparison with another trace through "Compare with…" in the trace header', async () => {
    const { page, errors, context } = await openTrace()
    await page
      .getByRole('region', { name: 'Trace replay' })
      .getByRole('button', { name: 'Compare with…' })
      .click()
    const picker = page.getByRole('dialog', { name: 'Compare with…' })
    await picker.waitFor()
    // Keys typed while the picker is open belong to it, not to the replay behind it.
    await page.keyboard.press('End')
    await expect(page.getByTestId('step-position').innerText()).resolves.toBe('Step 1 / 7')
    await picker.getByRole('button').filter({ hasText: 'invoke_agent support-agent' }).click()
    await page.getByTestId('compare-view').waitFor()
    await expect
      .poll(() => page.getByTestId('compare-pane-a').locator('.td-cpane__name').textContent())
      .toBe(TRACE)
    await expect
      .poll(() => page.getByTestId('compare-pane-b').locator('.td-cpane__name').textContent())
      .toBe('invoke_agent support-agent')
    // Both panes replay their trace: each has its own execution tree with its spans.
    for (const [side, first] of [
      ['A', TRACE],
      ['B', 'invoke_agent support-agent'],
    ]) {
      const pane = page.getByRole('region', { name: `Trace ${side}` })
      const tree = pane.getByRole('tree')
      await expect
        .poll(() => tree.getByRole('treeitem').first().getAttribute('aria-label'))
        .toMatch(new RegExp(`^${first},`))
      // A half-width pane: the tree's headings close up instead of running into each other.
      const heading = await treeHeading(pane)
      expect(heading.overlap).toBe(false)
      expect(heading.shown).not.toContain('tokens')
      expect(heading.shown).toContain('duration')
    }
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('narrow windows', () => {
  it('keeps the execution tree readable: headings never overlap, columns drop as it narrows', async () => {
    const { page, errors, context } = await openTrace()
    const pane = page.getByRole('region', { name: 'Trace replay' })
    const wide = await treeHeading(pane)
    expect(wide).toEqual({ shown: ['name', 'duration', 'tokens', 'status'], overlap: false })
    const title = pane.locator('.td-tree__top .td-tree__title')
    await expect(title.innerText()).resolves.toMatch(/^execution tree · 7 spans$/i)
    await page.setViewportSize({ width: 900, height: 700 })
    await expect.poll(async () => (await treeHeading(pane)).shown).not.toContain('tokens')
    const narrow = await treeHeading(pane)
    expect(narrow.overlap).toBe(false)
    expect(narrow.shown[0]).toBe('name')
    await expect(title.innerText()).resolves.toMatch(/^7 spans$/i)
    expect(narrow.shown).toContain('duration')
    // Each row's duration stays inside the tree, right of the span name.
    const row = page.getByRole('treeitem', { name: /^execute_tool search_web, pending, Retried/ })
    const [name, duration, tree] = await Promise.all([
      row.locator('.td-tree__label').boundingBox(),
      row.locator('.td-tree__num').first().boundingBox(),
      page.getByRole('tree').boundingBox(),
    ])
    expect(name!.x + name!.width).toBeLessThanOrEqual(duration!.x)
    expect(duration!.x + duration!.width).toBeLessThanOrEqual(tree!.x + tree!.width)
    await expect(row.locator('.td-tree__num').first().innerText()).resolves.toBe('2 s')
    // The trace id in the header is clipped with an ellipsis, not drawn under the figures.
    const [id, stats] = await Promise.all([
      pane.getByTitle('Trace id').boundingBox(),
      pane.locator('.td-rhead__stats').boundingBox(),
    ])
    expect(id!.x + id!.width).toBeLessThanOrEqual(stats!.x)
    // The header's actions (Re-run…, Compare with…, Export HTML…, Summary) never overlap each
    // other, the figures or the title: past a full line they move to a second line.
    const boxes = await pane
      .locator('.td-rhead__actions > *:not(dialog), .td-rhead__stats, .td-rhead__title')
      .evaluateAll((els) =>
        els
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width > 0)
          .map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })),
      )
    expect(boxes.length).toBeGreaterThanOrEqual(6) // title, figures and 4+ actions
    const overlapping = boxes.some((p, i) =>
      boxes.some(
        (q, j) => j > i && p.l < q.r - 1 && q.l < p.r - 1 && p.t < q.b - 1 && q.t < p.b - 1,
      ),
    )
    expect(overlapping).toBe(false)
    await screenshot(page, 'replay-narrow-900')

    // The timeline has room for fewer rows than the trace has: it scrolls them to keep the last
    // step in view, by whole rows, so no row is left half hidden under the time axis.
    await page.keyboard.press('End')
    await expectStep(page, 7)
    const timeline = page.getByTestId('timeline')
    const view = async () => ({
      rowTop: Number(await timeline.getAttribute('data-row-top')),
      height: (await timeline.boundingBox())!.height,
    })
    await expect
      .poll(async () => {
        const { rowTop, height } = await view()
        // Whole rows, and the last one (row 6) entirely below the 24 px axis.
        return rowTop > 0 && Number.isInteger(rowTop) && 24 + (6 - rowTop + 1) * 20 <= height
      })
      .toBe(true)
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('replay by keyboard only', () => {
  it('First error → read the input → step to the parent → play at 2×', async () => {
    const { page, errors, context } = await openTrace()
    await page.keyboard.press('e')
    await expectStep(page, REPLAY_RUN.firstError.step)
    await expect(detailRegion(page, 'Input').innerText()).resolves.toContain(
      'population Lyon Paris',
    )
    await page.keyboard.press('u')
    await expectStep(page, 1)
    await page.keyboard.press(']')
    await page.keyboard.press(']')
    await expect(page.getByRole('combobox', { name: 'Speed' }).inputValue()).resolves.toBe('2')
    await page.keyboard.press('Space')
    await expect(button(page, 'Pause').isVisible()).resolves.toBe(true)
    await expectStep(page, 2)
    const report = page.getByRole('dialog', { name: 'Replay summary' })
    await report.waitFor({ timeout: 20_000 })
    await page.keyboard.press('Escape')
    await expect(report.count()).resolves.toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it('reaches the execution tree with Tab and walks it as an ARIA tree without stepping', async () => {
    const { page, errors, context } = await openTrace()
    const tree = page.getByRole('tree', { name: 'Execution tree' })
    const rows = tree.getByRole('treeitem')
    /** The span index of the focused tree row, or the focused element's tag. */
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement
        return el?.getAttribute('role') === 'treeitem'
          ? Number(el.getAttribute('data-index'))
          : (el?.tagName ?? null)
      })
    const position = () => page.getByTestId('step-position').innerText()
    // One row is in the tab order: the current step's.
    await expect(
      tree.locator('[tabindex="0"]').evaluateAll((r) => r.map((e) => e.getAttribute('data-index'))),
    ).resolves.toEqual(['0'])
    await page.getByRole('searchbox', { name: 'Search spans' }).focus()
    for (let k = 0; k < 3 && (await focused()) !== 0; k++) await page.keyboard.press('Tab')
    expect(await focused()).toBe(0)

    // Arrows move the focus, not the replay; Enter jumps to the focused span.
    await page.keyboard.press('ArrowDown')
    expect(await focused()).toBe(1)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await focused()).toBe(3)
    await expect(position()).resolves.toBe('Step 1 / 7')
    await expect(tree.locator('[tabindex="0"]').getAttribute('data-index')).resolves.toBe('3')
    await page.keyboard.press('Enter')
    await expectStep(page, 4)
    expect(await focused()).toBe(3)

    // ← collapses the focused span, → expands it, → again enters it, ← on a leaf climbs.
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => rows.count()).toBe(6)
    await expect(tree.locator('[data-index="3"]').getAttribute('aria-expanded')).resolves.toBe(
      'false',
    )
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => rows.count()).toBe(7)
    await expect(tree.locator('[data-index="3"]').getAttribute('aria-expanded')).resolves.toBe(
      'true',
    )
    await page.keyboard.press('ArrowRight')
    expect(await focused()).toBe(4)
    await page.keyboard.press('ArrowLeft')
    expect(await focused()).toBe(3)
    await page.keyboard.press('End')
    expect(await focused()).toBe(6)
    await page.keyboard.press('Home')
    expect(await focused()).toBe(0)
    await expect(position()).resolves.toBe('Step 4 / 7')

    // Shortcuts the tree does not use still work from it, and the focus follows the step.
    await page.keyboard.press('e')
    await expectStep(page, REPLAY_RUN.firstError.step)
    await expect.poll(focused).toBe(REPLAY_RUN.firstError.step - 1)

    // Out of the tree, the arrows step the replay again.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('ArrowRight')
    await expectStep(page, REPLAY_RUN.firstError.step + 1)
    // A click on a row jumps without taking the focus: → then steps on from there.
    await rows.nth(5).click()
    await expectStep(page, 6)
    expect(await focused()).not.toBe(5)
    await page.keyboard.press('ArrowRight')
    await expectStep(page, 7)
    expect(errors).toEqual([])
    await context.close()
  })

  it('has a shortcut for every control', async () => {
    const { page, context } = await openTrace()
    const keys: [string, number][] = [
      ['ArrowRight', 2],
      ['j', 3],
      ['ArrowLeft', 2],
      ['k', 1],
      ['End', 7],
      ['Home', 1],
      ['s', REPLAY_RUN.slowest.step],
      ['$', REPLAY_RUN.mostExpensive.step],
      ['e', REPLAY_RUN.firstError.step],
    ]
    for (const [key, step] of keys) {
      await page.keyboard.press(key)
      await expectStep(page, step)
    }
    await page.keyboard.press('/')
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
    ).resolves.toBe('Search spans')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Space')
    await expect(button(page, 'Pause').isVisible()).resolves.toBe(true)
    await page.keyboard.press('Space')
    await expect(button(page, 'Play').isVisible()).resolves.toBe(true)
    await page.keyboard.press('[')
    await expect(page.getByRole('combobox', { name: 'Speed' }).inputValue()).resolves.toBe('0.5')
    // Space belongs to Play even when a control button has the focus (it must not click it too).
    await button(page, 'First').click()
    await button(page, 'Next').click()
    await expectStep(page, 2)
    await page.keyboard.press('Space')
    await expect(button(page, 'Pause').isVisible()).resolves.toBe(true)
    await expect(page.getByTestId('step-position').innerText()).resolves.toBe('Step 2 / 7')
    await page.keyboard.press('Space')
    // Every control names itself and states its key.
    for (const name of [
      'First',
      'Previous',
      'Play',
      'Next',
      'Last',
      'First error',
      'Slowest span',
      'Most expensive span',
    ]) {
      await expect(button(page, name).getAttribute('title')).resolves.toMatch(/\(.+\)/)
    }
    await context.close()
  })
})

describe('timeline', () => {
  /** The visible time window the timeline reports after its last draw: [t0, t1] in µs. */
  const windowOf = async (page: Page): Promise<[number, number]> => {
    const raw = await page.getByTestId('timeline').getAttribute('data-window')
    const [t0, t1] = (raw ?? '').split(',').map(Number)
    return [t0, t1]
  }
  const widthOf = async (page: Page) => {
    const [t0, t1] = await windowOf(page)
    return t1 - t0
  }

  it('zooms with keys and the wheel, pans with shift+wheel and drag, and jumps from the minimap', async () => {
    const { page, errors, context } = await openTrace()
    const canvas = page.getByTestId('timeline')
    const full = await widthOf(page)
    await page.keyboard.press('+')
    await expect.poll(() => widthOf(page)).toBeLessThan(full * 0.7)
    await page.keyboard.press('-')
    await page.keyboard.press('-')
    await expect.poll(() => widthOf(page)).toBeGreaterThan(full * 0.99)

    const box = (await canvas.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.wheel(0, -400) // wheel up: zoom in about the pointer
    await expect.poll(() => widthOf(page)).toBeLessThan(full * 0.6)
    const zoomed = await windowOf(page)
    await page.keyboard.down('Shift')
    await page.mouse.wheel(0, 200) // shift+wheel: pan later in time
    await page.keyboard.up('Shift')
    await expect.poll(async () => (await windowOf(page))[0]).toBeGreaterThan(zoomed[0])
    const panned = await windowOf(page)
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2, { steps: 5 }) // drag right: earlier time
    await page.mouse.up()
    await expect.poll(async () => (await windowOf(page))[0]).toBeLessThan(panned[0])
    await expectStep(page, 1) // a drag is not a click: the step did not change

    // The minimap: a click at its left edge brings the trace start into view.
    const minimap = (await page.locator('.td-tl__minimap').boundingBox())!
    await page.mouse.click(minimap.x + 12, minimap.y + 4)
    await expect.poll(async () => (await windowOf(page))[0]).toBeLessThanOrEqual(0)
    await page.keyboard.press('0')
    await expect.poll(() => widthOf(page)).toBeGreaterThan(full * 0.99)
    expect(errors).toEqual([])
    await context.close()
  })

  it('shows a span on hover as text, and keeps the current step in view while stepping', async () => {
    const { page, context } = await openTrace()
    const canvas = page.getByTestId('timeline')
    const box = (await canvas.boundingBox())!
    // Row 6 (the answering chat call, 4.0 s → 5.8 s of 6 s) spans the right third of the axis.
    await page.mouse.move(box.x + box.width * 0.8, box.y + 24 + 5 * 20 + 10)
    const tip = page.getByRole('tooltip')
    await expect.poll(() => tip.isVisible()).toBe(true)
    const text = await tip.innerText()
    expect(text).toContain('chat gpt-4o')
    expect(text).toMatch(/Duration\s+1\.8 s/)
    expect(text).toMatch(/Tokens\s+1,546/)
    await page.mouse.move(box.x + 5, box.y + 5) // over the axis: no tooltip
    await expect.poll(() => tip.isVisible()).toBe(false)

    // Zoomed in on the start, stepping to the last span pans the window to it.
    for (let k = 0; k < 4; k++) await page.keyboard.press('+')
    await page.keyboard.press('End')
    await expectStep(page, 7)
    const [t0, t1] = await windowOf(page)
    const guardrail = { start: 5_820_000, end: 5_900_000 } // µs from the trace start
    expect(t0).toBeLessThanOrEqual(guardrail.start)
    expect(t1).toBeGreaterThanOrEqual(guardrail.end)
    await context.close()
  })
})
