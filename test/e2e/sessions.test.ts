/**
 * Sessions end to end in Chromium through the browser host (run `npx electron-vite build`
 * first): a generated multi-turn conversation is imported through the window's file input,
 * the sessions list shows it with the right totals, the session reads turn by turn with the
 * token chart, a click on a turn lands in that trace's replay — and `tracedeck sessions --json`
 * reports the same metrics the UI shows.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectedSession,
  langfuseSessionFiles,
  otlpSessionJson,
  sessionScript,
} from '../fixtures/multi-turn-session'
import { CLI, launchBrowser, openApp, startHost, type HostProcess } from './harness'

const SHOTS = process.env.TRACEDECK_SHOTS ?? tmpdir()

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-e2e-sessions-'))
const SCRIPT = sessionScript('support-chat-0042', 6, { failTurn: 4 })
const OTHER = sessionScript('lf-thread-7', 3)
let host: HostProcess
let browser: Browser
let page: Page
let errors: string[] = []

/** Polls until the UI settles (generous: CI machines are slow and loaded). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 })

function write(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

function cli(...args: string[]): Promise<string> {
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      [CLI, '--db', host.dbPath, ...args],
      { env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        error ? fail(new Error(`tracedeck ${args.join(' ')} failed: ${stderr}`)) : done(stdout),
    ),
  )
}

beforeAll(async () => {
  host = await startHost()
  browser = await launchBrowser()
  ;({ page, errors } = await openApp(browser, host))
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

/** A tab of the session page (span details have tabs of their own). */
const sessionTab = (name: RegExp) =>
  page.getByRole('tablist', { name: 'Session view' }).getByRole('tab', { name })

/** The metric tile's value on the session page. */
async function metric(label: string): Promise<string> {
  return (
    await page.locator('.td-metric', { hasText: label }).locator('.td-metric__value').innerText()
  ).trim()
}

describe('sessions in the browser', () => {
  it('imports the exported turns of a conversation and lists one session with its totals', async () => {
    const files = [
      write('support-chat.otlp.json', otlpSessionJson(SCRIPT)),
      ...langfuseSessionFiles(OTHER).map((f) => write(f.name, f.text)),
    ]
    await page.getByLabel('Open trace files').setInputFiles(files)
    await page.getByText(`${SCRIPT.turns.length + OTHER.turns.length} new traces`).waitFor()
    await page.screenshot({ path: join(SHOTS, 'library.png') })
    await page.getByRole('button', { name: 'Dismiss import report' }).click()
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    const row = page.getByRole('row').filter({ hasText: 'support-chat-0042' })
    await row.waitFor()
    await page.screenshot({ path: join(SHOTS, 'sessions-list.png') })
    const want = expectedSession(SCRIPT)
    const cells = await row.getByRole('gridcell').allInnerTexts()
    expect(cells).toContain(String(want.traceCount))
    expect(cells).toContain(String(want.spanCount))
    expect(cells.some((c) => c.includes('Error'))).toBe(true)
  })

  it('filters to "failed sessions that used gpt-4o"', async () => {
    await page.getByLabel('Status').selectOption('failed')
    await page.getByLabel('Model', { exact: true }).fill('gpt-4o')
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'lf-thread-7' }).count())
      .toBe(0)
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'support-chat-0042' }).count())
      .toBe(1)
    await page.getByRole('button', { name: 'Clear' }).click()
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'lf-thread-7' }).count())
      .toBe(1)
  })

  it('opens the session and reads the conversation turn by turn, with the token chart', async () => {
    await page.getByRole('row').filter({ hasText: 'support-chat-0042' }).click()
    const turns = page.locator('.td-turn')
    await poll(() => turns.count()).toBe(SCRIPT.turns.length)
    for (const [i, t] of SCRIPT.turns.entries()) {
      const turn = turns.nth(i)
      await poll(() => turn.locator('.td-cmsg--user').innerText()).toContain(t.question)
      if (t.fails)
        expect(await turn.locator('.td-cmsg--assistant').innerText()).toContain('Rate limit reached')
      else expect(await turn.locator('.td-cmsg--assistant').innerText()).toContain(t.answer)
    }
    // One bar per turn, growing: the chart's bars are in turn order.
    const heights = await page
      .locator('.td-chart__bar')
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('height'))))
    expect(heights).toHaveLength(SCRIPT.turns.length)
    for (let i = 1; i < heights.length; i++) expect(heights[i]).toBeGreaterThan(heights[i - 1])
    expect(await page.locator('.td-chart').innerText()).toContain('context limit 128k')
    // Far below the limit the chart fits the data; to scale, the limit line is drawn.
    expect(await page.locator('.td-chart__limit').count()).toBe(0)
    await page.getByRole('button', { name: 'Show to scale' }).click()
    expect(await page.locator('.td-chart__limit').count()).toBe(1)
    await page.locator('.td-chart').screenshot({ path: join(SHOTS, 'session-chart-to-scale.png') })
    await page.getByRole('button', { name: 'Fit to data' }).click()
    await page.screenshot({ path: join(SHOTS, 'session-conversation.png'), fullPage: false })
    // The failed turn: its steps list the LLM call that failed.
    const failed = turns.nth(SCRIPT.turns.findIndex((t) => t.fails))
    await failed.getByRole('button', { name: /steps in between/ }).click()
    expect(await failed.locator('.td-steps__list').innerText()).toMatch(/chat gpt-4o[\s\S]*Error/)
    await failed.scrollIntoViewIfNeeded()
    await failed.screenshot({ path: join(SHOTS, 'session-failed-turn.png') })
  })

  it('shows the same metrics as `tracedeck sessions --json`', async () => {
    const [fromCli] = JSON.parse(
      await cli('sessions', '--json', '--session', 'support-chat-0042'),
    ) as {
      traceCount: number
      spanCount: number
      totalTokens: number
      cost: number
      durationMs: number
      status: string
    }[]
    const want = expectedSession(SCRIPT)
    expect(fromCli).toMatchObject({
      traceCount: want.traceCount,
      spanCount: want.spanCount,
      status: 'error',
    })
    expect(await metric('Traces')).toBe(String(fromCli.traceCount))
    expect(await metric('Spans')).toBe(String(fromCli.spanCount))
    expect(
      await page.locator('.td-metric', { hasText: 'Total tokens' }).getAttribute('title'),
    ).toContain(`${want.inputTokens.toLocaleString('en-US')} input`)
    expect(fromCli.totalTokens).toBe(want.inputTokens + want.outputTokens)
    expect(Number((await metric('Total tokens')).replace(/,/g, ''))).toBe(fromCli.totalTokens)
    // The UI rounds what it shows: the same value to its displayed precision.
    const shownCost = Number(/\$([\d.]+)/.exec(await metric('Cost'))![1])
    expect(Math.abs(shownCost - fromCli.cost)).toBeLessThan(0.00051)
    expect(await metric('Cost')).toMatch(/^~\$/) // the one estimate mark
    const [, m, sec] = /(\d+)m (\d+)s/.exec(await metric('Duration'))!
    expect(Number(m) * 60 + Number(sec)).toBe(Math.round(fromCli.durationMs / 1000))
    expect(await page.locator('.td-page__title').innerText()).toContain('Error')
  })

  it('expands a trace to its spans with their input and output', async () => {
    await sessionTab(/Traces/).click()
    await page.locator('.td-strace__toggle').first().click()
    const spans = page.locator('.td-span__row')
    await poll(() => spans.count()).toBe(3)
    await expect
      .poll(() => page.locator('.td-spans').innerText())
      .toContain(SCRIPT.turns[0].answer.slice(0, 40))
    await spans.nth(2).click()
    await page.locator('.td-span__detail [aria-label="Step detail"]').waitFor()
    await page.screenshot({ path: join(SHOTS, 'session-traces.png') })
    await sessionTab(/Conversation/).click()
  })

  it('clicking a turn lands in that trace in replay', async () => {
    await page.locator('.td-turn').nth(2).locator('.td-cmsg--user').click()
    await poll(() => page.locator('.td-app').getAttribute('data-view')).toBe('trace')
    const { traces } = await host.api('getSession', { id: 'support-chat-0042' })
    await poll(() => page.locator('.td-crumb').innerText()).toContain(traces[2].name)
    await page.screenshot({ path: join(SHOTS, 'session-replay.png') })
  })
})

describe('sessions in the dark theme', () => {
  it('renders the session page legibly with the OS in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    await page.getByRole('row').filter({ hasText: 'support-chat-0042' }).click()
    await poll(() => page.locator('.td-turn').count()).toBe(SCRIPT.turns.length)
    const background = await page
      .locator('.td-turn')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor)
    const [r, g, b] = background.match(/\d+/g)!.map(Number)
    expect(r + g + b).toBeLessThan(150) // a dark surface, not the light theme's white
    await page.screenshot({ path: join(SHOTS, 'session-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
    expect(errors).toEqual([])
  })
})
