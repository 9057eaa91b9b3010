/**
 * Issue 11, item 2, in real Chromium: a 663-span Zipkin trace shaped like the one that made the
 * execution tree unreadable (a deep chain of service calls with wide fan-outs and one failure
 * deep inside). The tree and the timeline share one row model: same row height, the same first
 * row, one scroll position and one hovered row; indentation is capped and deep rows show their
 * depth as a number, so names keep their room; a collapsed node says it hides an error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  launchBrowser,
  openApp,
  screenshot,
  startHost,
  type AppPage,
  type HostProcess,
} from './harness'

let host: HostProcess
let browser: Browser
const ROOT_NAME = 'get /api/checkout'
const SPANS = 663
const DEEPEST = 40
const FAILED = 'select inventory_reservations'

/**
 * Zipkin v2 spans: a chain 40 calls deep (each level a different service), every level with a
 * few quick sibling calls, the rest as a wide fan-out of cache reads under the root; one failure
 * at depth 31.
 */
function deepZipkinTrace(): string {
  const traceId = 'a1b2c3d4e5f60718'
  const spans: Record<string, unknown>[] = []
  let n = 0
  const id = () => (++n).toString(16).padStart(16, '0')
  const t0 = 1_700_000_000_000_000
  const rootId = id()
  spans.push({
    traceId,
    id: rootId,
    name: ROOT_NAME,
    timestamp: t0,
    duration: 2_000_000,
    kind: 'SERVER',
    localEndpoint: { serviceName: 'frontend' },
  })
  let parent = rootId
  for (let depth = 1; depth <= DEEPEST; depth++) {
    const start = t0 + depth * 20_000
    const chainId = id()
    spans.push({
      traceId,
      id: chainId,
      parentId: parent,
      name: depth === 31 ? FAILED : `call service-${depth} /v1/step-${depth}`,
      timestamp: start,
      duration: 1_800_000 - depth * 40_000,
      kind: 'CLIENT',
      localEndpoint: { serviceName: `service-${depth}` },
      ...(depth === 31 ? { tags: { error: 'deadlock detected' } } : {}),
    })
    for (let k = 0; k < 4; k++) {
      spans.push({
        traceId,
        id: id(),
        parentId: parent,
        name: `redis get session:${depth}:${k}`,
        timestamp: start + 1000 + k * 500,
        duration: 300,
        kind: 'CLIENT',
        localEndpoint: { serviceName: `service-${depth - 1}` },
      })
    }
    parent = chainId
  }
  while (spans.length < SPANS) {
    const k = spans.length
    spans.push({
      traceId,
      id: id(),
      parentId: rootId,
      name: `cache read item-${k}`,
      timestamp: t0 + 1_900_000 + k * 100,
      duration: 796,
      kind: 'CLIENT',
      localEndpoint: { serviceName: 'frontend' },
    })
  }
  return JSON.stringify(spans)
}

beforeAll(async () => {
  ;[host, browser] = await Promise.all([startHost(), launchBrowser()])
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-deep-tree-'))
  const file = join(dir, 'checkout-zipkin.json')
  writeFileSync(file, deepZipkinTrace())
  const reports = await host.importPaths([file], 'deep-tree-e2e')
  for (const report of reports) if (report.error) throw new Error(report.error)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

async function openTrace(width: number, height: number): Promise<AppPage> {
  const app = await openApp(browser, host, { width, height })
  await app.page.getByText(ROOT_NAME, { exact: true }).first().click()
  await app.page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
  await app.page.getByRole('treeitem').first().waitFor()
  return app
}

/** The on-screen box of the tree row of span `index`, and the timeline's geometry. */
async function geometry(page: Page, index: number) {
  return page.evaluate((i) => {
    const row = document.querySelector(`[role="treeitem"][data-index="${i}"]`)
    const label = row?.querySelector('.td-tree__label')
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="timeline"]')!
    const c = canvas.getBoundingClientRect()
    const r = row?.getBoundingClientRect()
    return {
      rowTop: r ? r.top : null,
      rowHeight: r ? r.height : null,
      labelWidth: label ? label.getBoundingClientRect().width : null,
      labelText: label?.textContent ?? null,
      title: row?.getAttribute('title') ?? null,
      canvasTop: c.top,
      timelineRowTop: Number(canvas.dataset.rowTop),
      hoverRow: canvas.dataset.hoverRow ?? null,
    }
  }, index)
}

describe('deep trees (663-span Zipkin trace)', () => {
  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    it(`keeps deep names readable and lines tree rows up with timeline bars at ${width}×${height}`, async () => {
      const { page, errors, context } = await openTrace(width, height)
      // Step down the chain to the failure at depth 31 (the first error).
      await page.keyboard.press('e')
      const current = Number(
        await page
          .locator('[role="treeitem"][aria-selected="true"]')
          .getAttribute('data-index', { timeout: 5000 }),
      )
      const g = await geometry(page, current)
      expect(g.labelText).toBe(FAILED)
      // Indentation is capped: the name keeps a readable width, the depth shows as a number.
      expect(g.labelWidth!).toBeGreaterThanOrEqual(60)
      await expect(
        page.locator(`[role="treeitem"][data-index="${current}"] .td-tree__depth`).textContent(),
      ).resolves.toBe('31')
      expect(g.title).toBe(`${FAILED} · depth 31`)
      // The same row height, and the row sits on the same line as its bar.
      expect(g.rowHeight).toBe(20)
      const barY = (row: number) => g.canvasTop + 24 + (row - g.timelineRowTop) * 20
      // Row number of the current span in the shared row model: its offset in the tree sizer.
      const modelRow = await page.evaluate((i) => {
        const el = document.querySelector<HTMLElement>(`[role="treeitem"][data-index="${i}"]`)!
        return Math.round(new DOMMatrix(getComputedStyle(el).transform).m42 / 20)
      }, current)
      expect(Math.abs(g.rowTop! - barY(modelRow))).toBeLessThanOrEqual(1)
      // The current row is kept away from the edges of the timeline's rows area.
      expect(modelRow - g.timelineRowTop).toBeGreaterThanOrEqual(2)
      await screenshot(page, `deep-tree-${width}x${height}`)

      // Scrolling the tree scrolls the timeline's rows with it.
      await page.getByTestId('span-tree').evaluate((el) => (el.scrollTop += 200))
      await expect
        .poll(async () => Number(await page.getByTestId('timeline').getAttribute('data-row-top')))
        .toBeCloseTo(g.timelineRowTop + 10, 0)
      // Hovering a tree row highlights the same row on the timeline, and the other way round.
      const treeBox = (await page.getByTestId('span-tree').boundingBox())!
      const top = Number(await page.getByTestId('timeline').getAttribute('data-row-top'))
      const hovered = Math.ceil(top) + 3
      await page.mouse.move(treeBox.x + 60, treeBox.y + (hovered - top) * 20 + 10)
      await expect.poll(async () => (await geometry(page, current)).hoverRow).toBe(String(hovered))
      const canvasBox = (await page.getByTestId('timeline').boundingBox())!
      const rt = Number(await page.getByTestId('timeline').getAttribute('data-row-top'))
      await page.mouse.move(canvasBox.x + 40, canvasBox.y + 24 + (hovered + 2 - rt) * 20 + 10)
      await expect
        .poll(() =>
          page.evaluate(() =>
            Number(
              Math.round(
                new DOMMatrix(
                  getComputedStyle(document.querySelector('.td-tree__row--hover')!).transform,
                ).m42 / 20,
              ),
            ),
          ),
        )
        .toBe(hovered + 2)
      expect(errors).toEqual([])
      await context.close()
    })
  }

  it('marks a collapsed node that hides a failed span', async () => {
    const { page, errors, context } = await openTrace(1440, 900)
    // Collapse the chain's first call (step 2): the failure at depth 31 is inside it.
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('c')
    const badge = page.getByTestId('hidden-errors')
    await expect(badge.textContent()).resolves.toBe('✗ 1')
    await expect(badge.getAttribute('title')).resolves.toBe(
      'This collapsed subtree hides 1 failed span',
    )
    const row = page.locator('[role="treeitem"][aria-selected="true"]')
    await expect(row.getAttribute('aria-label')).resolves.toContain('hides 1 failed')
    await screenshot(page, 'deep-tree-collapsed-error')
    expect(errors).toEqual([])
    await context.close()
  })
})
