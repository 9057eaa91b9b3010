/**
 * Issue 11, items 3 and 4, in real Chromium through the browser host: the timeline opens fitted
 * and never shows time outside the trace, its labels stay readable when zoomed deep, and the
 * speed selector matters: time-true pacing plays the recorded timeline ÷ speed with a playhead,
 * and the expected playback length is shown beside the selector.
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
import { REPLAY_RUN, replayRunJson } from './replay-fixture'

let host: HostProcess
let browser: Browser
const TRACE = 'invoke_agent Researcher'
/** The fixture's root span lasts 6 s: the whole trace. */
const TRACE_US = 6_000_000

beforeAll(async () => {
  ;[host, browser] = await Promise.all([startHost(), launchBrowser()])
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-pacing-ui-'))
  const file = join(dir, 'lyon-run.json')
  writeFileSync(file, replayRunJson())
  const reports = await host.importPaths([file], 'pacing-e2e')
  for (const report of reports) if (report.error) throw new Error(report.error)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

async function openTrace(size?: { width: number; height: number }): Promise<AppPage> {
  const app = await openApp(browser, host, size)
  await app.page.getByText(TRACE, { exact: true }).first().click()
  await app.page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
  await expect
    .poll(() => app.page.getByTestId('step-position').textContent())
    .toBe(`Step 1 / ${REPLAY_RUN.steps}`)
  return app
}

const timelineData = async (page: Page, key: string): Promise<string> =>
  (await page.getByTestId('timeline').getAttribute(`data-${key}`)) ?? ''
const windowOf = async (page: Page): Promise<[number, number]> => {
  const [t0, t1] = (await timelineData(page, 'window')).split(',').map(Number)
  return [t0, t1]
}

describe('timeline axis', () => {
  it('opens fitted to the trace and cannot pan before its start or past its end', async () => {
    const { page, errors, context } = await openTrace()
    await expect.poll(() => windowOf(page)).toEqual([0, TRACE_US])
    const labels = (await timelineData(page, 'ticks')).split('|')
    expect(labels[0]).toBe('0')
    expect(labels).toContain('1 s')
    expect(labels.every((l) => /^(0|\d+(\.\d+)? s)$/.test(l))).toBe(true)

    const canvas = page.getByTestId('timeline')
    const box = (await canvas.boundingBox())!
    // Fitted: dragging right (towards earlier time) changes nothing.
    await page.mouse.move(box.x + 300, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + 600, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    await expect.poll(() => windowOf(page)).toEqual([0, TRACE_US])
    // Zoomed in, a drag far to the right stops at the trace start, far left at its end.
    await page.keyboard.press('+')
    await page.keyboard.press('+')
    await expect
      .poll(async () => {
        const [t0, t1] = await windowOf(page)
        return t1 - t0
      })
      .toBeLessThan(TRACE_US * 0.6)
    await page.mouse.move(box.x + 100, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    await expect.poll(async () => (await windowOf(page))[0]).toBe(0)
    for (let k = 0; k < 4; k++) {
      await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2)
      await page.mouse.down()
      await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 5 })
      await page.mouse.up()
    }
    await expect.poll(async () => (await windowOf(page))[1]).toBe(TRACE_US)
    expect(errors).toEqual([])
    await context.close()
  })

  it('opens fitted even when the replay starts on a short step, and labels a deep zoom readably', async () => {
    const { page, errors, context } = await openTrace()
    // The guardrail (step 7) is 80 ms of 6 s: stepping there may zoom, reopening does not.
    await page.keyboard.press('End')
    await expect
      .poll(() => page.getByTestId('step-position').textContent())
      .toBe(`Step 7 / ${REPLAY_RUN.steps}`)
    for (let k = 0; k < 14; k++) await page.keyboard.press('+')
    await expect
      .poll(async () => {
        const [t0, t1] = await windowOf(page)
        return t1 - t0
      })
      .toBeLessThan(20_000)
    const labels = (await timelineData(page, 'ticks')).split('|')
    // The first tick carries the full offset, the others the distance from it.
    expect(labels[0]).toMatch(/^5\.8\d* s$/)
    expect(labels.slice(1).every((l) => /^\+\d+(\.\d+)? (ms|µs)$/.test(l))).toBe(true)
    await screenshot(page, 'timeline-deep-zoom')
    await page.keyboard.press('0')
    await expect.poll(() => windowOf(page)).toEqual([0, TRACE_US])
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('playback pacing', () => {
  it('shows the expected playback length, which follows the speed in time-true mode', async () => {
    const { page, errors, context } = await openTrace()
    const speed = page.getByRole('combobox', { name: 'Speed' })
    const pacing = page.getByRole('combobox', { name: 'Pacing' })
    const length = page.getByTestId('playback-length')
    const lengthMs = async () => Number(await length.getAttribute('data-ms'))

    await pacing.selectOption('readable')
    await speed.selectOption('0.25')
    const readableSlow = await lengthMs()
    await speed.selectOption('5')
    const readableFast = await lengthMs()
    // Readable pacing clamps every step to 80–550 ms: 7 steps stay within 0.56–3.85 s.
    expect(readableSlow).toBeLessThanOrEqual(7 * 550)
    expect(readableFast).toBeGreaterThanOrEqual(7 * 80)

    await pacing.selectOption('time-true')
    await speed.selectOption('0.25')
    await expect.poll(lengthMs).toBe(24_000)
    await expect(length.textContent()).resolves.toBe('≈ 24 s')
    await speed.selectOption('1')
    await expect.poll(lengthMs).toBe(6_000)
    await speed.selectOption('5')
    await expect.poll(lengthMs).toBe(1_200)
    await expect(length.textContent()).resolves.toBe('≈ 1.2 s')
    await screenshot(page, 'replay-pacing-controls')
    expect(errors).toEqual([])
    await context.close()
  })

  it('plays time-true with a playhead sweeping the timeline, finishing after the recorded time ÷ speed', async () => {
    const { page, errors, context } = await openTrace()
    await page.getByRole('combobox', { name: 'Pacing' }).selectOption('time-true')
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('3')
    const began = Date.now()
    await page.getByRole('button', { name: 'Play', exact: true }).click()
    // The playhead moves through the trace while it plays.
    await expect.poll(async () => Number(await timelineData(page, 'playhead'))).toBeGreaterThan(0)
    const first = Number(await timelineData(page, 'playhead'))
    await expect
      .poll(async () => Number(await timelineData(page, 'playhead')))
      .toBeGreaterThan(first + 300_000)
    await screenshot(page, 'replay-time-true-playing')
    const report = page.getByRole('dialog', { name: /summary/i })
    await report.waitFor({ timeout: 15_000 })
    // 6 s of recorded time at 3× cannot finish sooner than 2 s of real time.
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_900)
    await expect(timelineData(page, 'playhead')).resolves.toBe('')
    await expect
      .poll(() => page.getByTestId('step-position').textContent())
      .toBe(`Step 7 / ${REPLAY_RUN.steps}`)
    expect(errors).toEqual([])
    await context.close()
  })
})
