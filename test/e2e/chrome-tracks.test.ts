/**
 * Issue 11, item 5, in real Chromium: a Chrome Trace Event file (a browser and a renderer
 * process, named threads, nested slices, async slices and instant events, on a clock that
 * counts from boot) opens in Perfetto's shape: one track per process holding one per thread
 * (named from the `M` events), slices nested by time on their thread, async slices on their own
 * track, instants as marks; times are offsets on the file's clock, never dates in 1970.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp, screenshot, startHost, type HostProcess } from './harness'

let host: HostProcess
let browser: Browser
/** µs since boot: 34 h 17 min 36.789 s, as Chrome records it. */
const BOOT = 123_456_789_000

function chromeTrace(): string {
  const events: Record<string, unknown>[] = [
    { ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'Browser' } },
    { ph: 'M', name: 'process_name', pid: 2, tid: 0, args: { name: 'Renderer' } },
    { ph: 'M', name: 'thread_name', pid: 1, tid: 11, args: { name: 'CrBrowserMain' } },
    { ph: 'M', name: 'thread_name', pid: 2, tid: 21, args: { name: 'CrRendererMain' } },
    { ph: 'M', name: 'thread_name', pid: 2, tid: 22, args: { name: 'Compositor' } },
  ]
  const x = (pid: number, tid: number, name: string, at: number, dur: number) =>
    events.push({ ph: 'X', pid, tid, name, ts: BOOT + at, dur, cat: 'toplevel' })
  // Many short tasks per thread: a flat list of thousands of rows before.
  for (let k = 0; k < 40; k++) {
    x(1, 11, 'MessageLoop::RunTask', k * 10_000, 4_000)
    x(1, 11, 'BrowserMain::HandleInput', k * 10_000 + 500, 1_000)
    x(2, 21, 'ThreadControllerImpl::RunTask', k * 10_000 + 2_000, 6_000)
    x(2, 21, 'V8.Execute', k * 10_000 + 2_500, 3_000)
    x(2, 22, 'Compositor::DrawFrame', k * 10_000 + 8_000, 1_500)
  }
  events.push(
    { ph: 'b', pid: 2, tid: 21, name: 'ResourceLoad', cat: 'net', id: '0x1', ts: BOOT + 1_000 },
    { ph: 'e', pid: 2, tid: 22, name: 'ResourceLoad', cat: 'net', id: '0x1', ts: BOOT + 250_000 },
    { ph: 'i', pid: 2, tid: 21, name: 'firstContentfulPaint', s: 't', ts: BOOT + 9_500 },
    { ph: 'I', pid: 1, tid: 11, name: 'TracingStartedInBrowser', s: 'p', ts: BOOT },
  )
  return JSON.stringify({ traceEvents: events, displayTimeUnit: 'ms' })
}

beforeAll(async () => {
  ;[host, browser] = await Promise.all([startHost(), launchBrowser()])
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-chrome-ui-'))
  const file = join(dir, 'page-load.trace.json')
  writeFileSync(file, chromeTrace())
  const reports = await host.importPaths([file], 'chrome-e2e')
  for (const report of reports) if (report.error) throw new Error(report.error)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

describe('Chrome Trace Event files', () => {
  it('open as process and thread tracks with slices nested on them, times as clock offsets', async () => {
    const { page, errors, context } = await openApp(browser, host, { width: 1440, height: 900 })
    // The library: the start is an offset on the file's clock, not a 1970 date.
    const row = page.getByRole('row', { name: /Browser/ }).first()
    await expect(row.innerText()).resolves.toContain('clock +34:17:36')
    expect(await row.innerText()).not.toContain('1970')
    await row.click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    const tree = page.getByRole('tree', { name: 'Execution tree' })
    const level = (n: number) => tree.locator(`[role="treeitem"][aria-level="${n}"]`)
    await level(1).first().waitFor()
    const names = async (n: number) =>
      (await level(n).evaluateAll((els) =>
        els.map((e) => e.getAttribute('aria-label')?.split(',')[0]),
      )) as string[]
    // Top level: one track per process, named from process_name (the browser collapsed, so the
    // renderer's tracks come into view).
    await page.keyboard.press('c')
    await expect.poll(() => names(1)).toEqual(['Browser (pid 1)', 'Renderer (pid 2)'])
    // The renderer's async slices have their own track; its threads follow, named from thread_name.
    expect(await names(2)).toEqual(
      expect.arrayContaining(['ResourceLoad (async)', 'CrRendererMain (tid 21)']),
    )
    // Slices sit on their thread, nested by time (V8.Execute inside the task that encloses it).
    expect(await names(3)).toContain('ThreadControllerImpl::RunTask')
    expect(await names(4)).toContain('V8.Execute')
    await screenshot(page, 'chrome-tracks')

    // The detail's start is an offset in the trace; the sidebar's trace start is on the clock.
    await page
      .getByRole('treeitem', { name: /^V8\.Execute,/ })
      .first()
      .click()
    const detail = page.getByRole('article', { name: 'Step detail' })
    await expect(detail.innerText()).resolves.toMatch(/Started\s+\+2\.5 ms/i)
    const sidebar = await page.locator('.td-side, [aria-label="Context"]').first().innerText()
    expect(sidebar).not.toContain('1970')
    await page
      .getByRole('treeitem', { name: /^CrRendererMain \(tid 21\),/ })
      .getByRole('button', { name: 'Collapse' })
      .click()
    await expect.poll(() => names(2)).toContain('Compositor (tid 22)')
    expect(errors).toEqual([])
    await context.close()
  })

  it('keeps instant events as marks on their track', async () => {
    const { page, errors, context } = await openApp(browser, host)
    await page
      .getByRole('row', { name: /Browser/ })
      .first()
      .click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    // Step 1 is the browser process track: the process-scoped instant is its event.
    const detail = page.getByRole('article', { name: 'Step detail' })
    const events = detail.getByRole('table', { name: 'Events' })
    await expect(events.innerText()).resolves.toContain('TracingStartedInBrowser')
    expect(errors).toEqual([])
    await context.close()
  })
})
