/**
 * Re-runs in Chromium through the browser host (run `npx electron-vite build` first), against a
 * local fake model server: add a provider in Settings and test its connection, open a trace,
 * preview a re-run with another model and temperature 0, run it, watch it progress and land in
 * the comparison with both runs' scores; then start four slow runs: three run while the fourth
 * waits, and one is cancelled. The server's log shows what the app sent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordLlmRun } from '../fixtures/otlp-llm-run'
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server'
import {
  launchBrowser,
  openApp,
  screenshot,
  startHost,
  type AppPage,
  type HostProcess,
} from './harness'

const KEY = 'sk-e2e-secret-5151'
const dir = mkdtempSync(join(tmpdir(), 'tracedeck-e2e-rerun-'))
const RUN = join(dir, 'support-agent.json')
writeFileSync(RUN, recordLlmRun().json)

let server: FakeModelServer
let host: HostProcess
let browser: Browser
let app: AppPage

beforeAll(async () => {
  ;[server, host, browser] = await Promise.all([
    startFakeModelServer({ apiKey: KEY, slowMs: 4000 }),
    startHost({ files: [RUN] }),
    launchBrowser(),
  ])
})

afterAll(async () => {
  await app?.context.close()
  await browser?.close()
  await host?.stop()
  await server?.close()
})

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click()

async function openTrace(page: Page): Promise<string> {
  const traces = await host.api('listTraces', {})
  const agent = traces.find((t) => t.spanCount > 5 && t.source.format !== 'rerun')!
  await nav(page, 'Library')
  await page
    .getByRole('row')
    .filter({ hasText: agent.name })
    .filter({ hasNotText: 're-run' })
    .click()
  await page.getByRole('button', { name: 'Re-run…' }).waitFor()
  return agent.id
}

describe('re-running a trace in the browser', () => {
  it('configures a provider, previews, runs, and lands in the comparison with scores', async () => {
    // The re-run shows in the library with a badge and links back to its original (checked below).
    app = await openApp(browser, host)
    const { page, errors } = app
    await nav(page, 'Settings')
    await page.getByRole('button', { name: 'Add provider' }).click()
    const form = page.getByRole('form', { name: 'Add provider' })
    await form.getByLabel('Start from').selectOption('Ollama (local)')
    await form.getByLabel('Name').fill('local fake')
    await form.getByLabel(/Base URL/).fill(server.openaiBase)
    await form.getByLabel(/API key/).fill(KEY)
    await form.getByRole('button', { name: 'Save provider' }).click()
    const row = page.getByTestId('provider-row').filter({ hasText: 'local fake' })
    await expect.poll(() => row.textContent()).toContain('key stored')
    await row.getByRole('button', { name: 'Test connection' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/connected to http:\/\/127\.0\.0\.1:\d+\/v1, \d+ models/)
    expect(await page.getByRole('status').textContent()).toContain('gpt-4o-mini')
    await screenshot(page, 'rerun-settings-1440')
    // The key never comes back to the page.
    expect(await page.content()).not.toContain(KEY)

    const traceId = await openTrace(page)
    await page.getByRole('button', { name: 'Re-run…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Re-run this trace' })
    await dialog.getByLabel('Model for every call').fill('gpt-4o-mini')
    await dialog.getByLabel(/^Parameters/).fill('temperature=0')
    await dialog.getByRole('button', { name: 'Preview' }).click()
    const preview = dialog.getByRole('region', { name: 'Preview' })
    await expect
      .poll(() => preview.textContent())
      .toMatch(/Preview · 6 LLM calls · \d+ other spans kept/)
    expect(
      await preview.getByRole('row').filter({ hasText: 'chat gpt-4o' }).textContent(),
    ).toContain('gpt-4o-2024-08-06 → gpt-4o-mini')
    await screenshot(page, 'rerun-preview-1440')
    expect(server.calls()).toHaveLength(0)

    await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    await page.getByTestId('compare-view').waitFor({ timeout: 30_000 })
    const scores = page.getByTestId('compare-scores')
    await expect
      .poll(() => scores.textContent(), { timeout: 15_000 })
      .toMatch(/similarity.*A reference.*B 0\.\d\d/)
    await screenshot(page, 'rerun-compare-1440')
    await page.setViewportSize({ width: 1280, height: 720 })
    await screenshot(page, 'rerun-compare-1280')
    await page.setViewportSize({ width: 1440, height: 900 })

    const sent = server.calls()
    expect(sent).toHaveLength(6)
    expect(sent.every((c) => c.body!.model === 'gpt-4o-mini' && c.body!.temperature === 0)).toBe(
      true,
    )
    const runs = await host.api('listReruns', { traceId })
    expect(runs[0]).toMatchObject({ status: 'completed', done: 6, total: 6 })

    // The replay in the library: a badge, and its header links back to the original.
    await nav(page, 'Library')
    const replayRow = page.getByRole('row').filter({ hasText: 're-run (gpt-4o-mini)' })
    expect(await replayRow.textContent()).toMatch(/re-run/)
    await replayRow.click()
    await page.getByRole('button', { name: 'Original', exact: true }).click()
    await page.getByRole('button', { name: 'Re-run…' }).waitFor()
    expect(await page.locator('.td-rhead__id').textContent()).toBe(traceId)
    expect(errors).toEqual([])
  })

  it('runs three at once while a fourth waits, and cancels one', async () => {
    const { page, errors } = app
    await openTrace(page)
    await page.getByRole('button', { name: 'Re-run…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Re-run this trace' })
    await dialog.getByLabel('Model for every call').fill('slow-model')
    for (let i = 0; i < 4; i++)
      await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    const running = dialog.locator('[data-testid="rerun-run"][data-status="running"]')
    const pending = dialog.locator('[data-testid="rerun-run"][data-status="pending"]')
    await expect.poll(() => running.count()).toBe(3)
    await expect.poll(() => pending.count()).toBe(1)
    expect(await pending.textContent()).toContain('waiting for a free slot')
    // Only this trace's runs are listed: the first test's completed run is there too.
    await expect
      .poll(() => dialog.locator('[data-testid="rerun-run"][data-status="completed"]').count())
      .toBe(1)
    await expect.poll(() => running.first().textContent()).toMatch(/call 0 of 6/)
    await screenshot(page, 'rerun-queue-1440')
    await running.first().getByRole('button', { name: 'Cancel' }).click()
    const cancelled = dialog.locator('[data-testid="rerun-run"][data-status="cancelled"]')
    await expect.poll(() => cancelled.count()).toBe(1)
    // The freed slot goes to the waiting run.
    await expect.poll(() => pending.count()).toBe(0)
    await expect.poll(() => running.count()).toBe(3)
    await page.setViewportSize({ width: 1280, height: 720 })
    await screenshot(page, 'rerun-queue-1280')
    for (let i = 0; i < 3; i++)
      await running.first().getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => running.count()).toBe(0)
    expect(errors).toEqual([])
  })
})
