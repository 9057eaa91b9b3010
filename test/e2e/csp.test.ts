/**
 * Audit finding 13 in a real Chromium: the UI runs under its Content-Security-Policy (no inline
 * styles, no eval) without a single violation — zod's eval probe included (jitless mode) —
 * across the library, a trace's replay and the sessions view.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openApp, startHost, type HostProcess } from './harness'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'

let host: HostProcess
let browser: Browser

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tracedeck-csp-')), 'support-run.json')
  writeFileSync(file, supportAgentRun({ seed: 3 }))
  ;[host, browser] = await Promise.all([startHost({ files: [file] }), launchBrowser()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

describe('Content-Security-Policy', () => {
  it('no violation on load, in a replay, in the library and in sessions', async () => {
    const { page, context, errors } = await openApp(browser, host)
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text())
    })
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { reportViolation(v: string): void }).reportViolation
        report(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
      })
    })
    await page.reload()
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    // The page opens on the imported trace (serve's first file): the replay view with its canvas.
    await page.locator('canvas').first().waitFor({ timeout: 20_000 })
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('button', { name: 'Library', exact: true }).click()
    await page.getByText('support').first().waitFor()
    await nav.getByRole('button', { name: 'Sessions', exact: true }).click()
    await page.waitForTimeout(500)
    expect(violations).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  it('the token is accepted in the query string only for the event stream', async () => {
    const q = `token=${encodeURIComponent(host.token)}`
    const list = await fetch(`${host.origin}/api/listTraces?${q}`, { method: 'POST', body: '{}' })
    expect(list.status).toBe(401)
    const events = await fetch(`${host.origin}/api/events?${q}`)
    expect(events.status).toBe(200)
    await events.body?.cancel()
  })
})
