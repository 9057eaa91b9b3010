/**
 * Live traces end to end in Chromium through `tracedeck serve` with its OTLP receiver on: the real
 * OTLP/HTTP protobuf exporter (another process) sends an agent run slowly; the trace appears
 * live in the library, grows in the open replay without losing the user's place, is committed
 * and replays; "follow latest" opens the next run as it completes; the comparison picker offers
 * the previous run of the same name.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hostAndBrowser, openApp, ROOT, screenshot } from './harness'

const CHILD = join(ROOT, 'test/live/export-child.mjs')
const session = hostAndBrowser()
const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 })

/** Runs the exporter; resolves with the trace ids it sent once it has flushed everything. */
function exportRun(endpoint: string, children: number, pauseMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, 'http-proto', '1', String(children), '-', String(pauseMs)], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`exporter exited ${code}: ${err}`))
      resolve((JSON.parse(out) as { traces: { traceId: string }[] }).traces.map((t) => t.traceId))
    })
  })
}

const position = (page: Page) => page.locator('[data-testid="step-position"]').innerText()
const steps = (page: Page) =>
  page.locator('.td-rhead__stat', { hasText: 'Steps' }).locator('dd').innerText()

describe('live traces in the window', () => {
  it('a run appears live, grows while open (the current step stays), completes and replays', async () => {
    const { host, browser } = session
    const { page, errors } = await openApp(browser, host)
    // A free port, not 4318: other programs on this machine may hold it.
    const status = await host.api('setLiveReceiver', { enabled: true, port: 0 })
    expect(status.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await poll(() => page.getByTestId('live-endpoint').innerText()).toBe(status.endpoint)
    await screenshot(page, 'live-library-on')

    const sent = exportRun(status.endpoint!, 15, 900)
    const row = page.locator('.td-live__row').first()
    await poll(() => row.count()).toBe(1)
    // The root span is exported when it ends, last: until then the row says so.
    await expect(row.innerText()).resolves.toMatch(/Live\s+chat step 0…\s+root span still running/)
    await screenshot(page, 'live-row')
    await row.click()
    await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
    const first = Number(await steps(page))
    expect(first).toBeLessThan(16)
    await page.getByTestId('live-trace-badge').waitFor()
    // The user moves to step 2; more spans arrive; they stay on the same span.
    await page.getByRole('toolbar', { name: 'Replay controls' }).getByRole('button', { name: 'Next', exact: true }).click()
    const name = await page.locator('.td-detail__name').innerText()
    await poll(async () => Number(await steps(page))).toBeGreaterThan(first)
    await expect(page.locator('.td-detail__name').innerText()).resolves.toBe(name)
    await screenshot(page, 'live-growing')

    const [traceId] = await sent
    // Committed after the quiet time: all 16 spans, replayable from the library.
    await poll(() => steps(page), 30_000).toBe('16')
    await expect(page.locator('.td-rhead__name').innerText()).resolves.toBe('agent run 0')
    await poll(() => page.getByTestId('live-trace-badge').count()).toBe(0)
    await poll(async () => (await host.api('listLiveTraces', {})).length).toBe(0)
    const listed = await host.api('listTraces', {})
    expect(listed.map((t) => t.sourceTraceId)).toEqual([traceId])
    await page.getByRole('toolbar', { name: 'Replay controls' }).getByRole('button', { name: 'Last', exact: true }).click()
    await poll(() => position(page)).toBe('Step 16 / 16')
    expect(errors).toEqual([])
  })

  it('follow latest opens the next run as it completes; the picker offers the previous run', async () => {
    const { host, browser } = session
    const { page, errors } = await openApp(browser, host)
    const status = await host.api('liveStatus', {})
    expect(status.enabled).toBe(true)
    await page.getByLabel('Follow latest').check()
    const [second] = await exportRun(status.endpoint!, 4, 15)
    // The window moves to the new trace by itself once it is committed.
    await poll(async () => (await page.locator('.td-rhead__id').count()) > 0, 30_000).toBe(true)
    const shownId = await page.locator('.td-rhead__id').innerText()
    const traces = await host.api('listTraces', {})
    expect(traces.find((t) => t.id === shownId)?.sourceTraceId).toBe(second)
    await poll(() => steps(page)).toBe('5')

    await page.getByRole('button', { name: 'Compare with…' }).click()
    const previous = page.getByTestId('previous-run')
    await previous.waitFor()
    await screenshot(page, 'live-previous-run')
    const older = traces.find((t) => t.id !== shownId)!
    await expect(previous.innerText()).resolves.toContain(older.id.slice(0, 10))
    await previous.getByRole('button').click()
    await poll(() => page.locator('[data-view]').getAttribute('data-view')).toBe('compare')
    expect(errors).toEqual([])
  })
})
