/**
 * Layout a user would notice, in Chromium through the browser host: key/value tables give keys
 * their natural width, payload tabs never wrap or hide their names in a narrow compare pane, the
 * library and session tables drop minor columns instead of cutting them off, session metrics are
 * never squeezed, and a span opened inside a session does not ask the host for its trace again.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { otlpSessionJson, sessionScript } from '../fixtures/multi-turn-session'
import { hostAndBrowser, openApp, screenshot } from './harness'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-e2e-layout-'))
const SESSION = 'layout-session-0001'
// A model no price table knows, in a source that states no cost.
const UNPRICED = sessionScript('layout-unpriced', 1, { model: 'house-llm-7' })
const e2e = hostAndBrowser(() => {
  const file = join(dir, 'session.otlp.json')
  writeFileSync(file, otlpSessionJson(sessionScript(SESSION, 3)))
  const unpriced = join(dir, 'unpriced.otlp.json')
  writeFileSync(unpriced, otlpSessionJson(UNPRICED))
  return { files: [file, unpriced] }
})

const rect = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect()
      return { left: r.left, right: r.right, width: r.width, height: r.height }
    }),
  )

/** Opens a trace of the session from the library and steps to its first LLM span. */
async function openLlmStep(page: Page): Promise<void> {
  await page.getByText('chat-turn').first().click()
  await page.getByRole('toolbar', { name: 'Replay controls' }).waitFor()
  await page
    .getByRole('treeitem')
    .filter({ hasText: /^.*chat gpt-4o/ })
    .first()
    .click()
  await page.locator('.td-payload__tabs').first().waitFor()
}

describe('layout', () => {
  it('key/value tables: keys take their natural width (at most 40%), values the rest', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    await openLlmStep(page)
    for (const label of ['Attributes', 'Trace metadata']) {
      const table = page.getByRole('table', { name: label })
      await table.waitFor()
      const widths = await table.evaluate((t) => {
        const total = t.getBoundingClientRect().width
        const keys = [...t.querySelectorAll('tbody th')]
        const key = keys[0].getBoundingClientRect().width
        const value = t.querySelector('tbody td')!.getBoundingClientRect().width
        // The widest key laid out on one line, for comparison.
        const probe = document.createElement('span')
        probe.style.cssText = 'position:absolute;white-space:nowrap;font:inherit'
        Object.assign(probe.style, {
          fontFamily: getComputedStyle(keys[0]).fontFamily,
          fontSize: getComputedStyle(keys[0]).fontSize,
        })
        document.body.append(probe)
        let natural = 0
        for (const k of keys) {
          probe.textContent = k.textContent
          natural = Math.max(natural, probe.getBoundingClientRect().width)
        }
        probe.remove()
        return { total, key, value, natural }
      })
      expect(widths.key, label).toBeLessThan(widths.value)
      expect(widths.key, label).toBeLessThanOrEqual(widths.total * 0.4 + 16) // + the key's padding
      expect(widths.key, label).toBeLessThanOrEqual(
        Math.min(widths.natural, widths.total * 0.4) + 16,
      )
    }
    expect(errors).toEqual([])
    await context.close()
  })

  it('payload tabs stay on one line with readable names in a narrow compare pane', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host, {
      width: 1024,
      height: 700,
    })
    const ids = (await e2e.host.api('listTraces', {}))
      .filter((t) => t.sessionId === SESSION)
      .map((t) => t.id)
    for (const id of ids.slice(0, 2))
      await page.getByRole('checkbox', { name: `Select ${id}` }).check()
    await page.getByRole('button', { name: 'Compare', exact: true }).click()
    await page.getByRole('toolbar', { name: 'Comparison controls' }).waitFor()
    const next = page.getByRole('button', { name: /^Next/ }).first()
    // Step to the chat spans (the first steps carry plain text).
    const chatTab = page.locator('.td-payload__tabs [role="tab"][aria-label^="Conversation"]')
    for (let i = 0; i < 6 && !(await chatTab.count()); i++) {
      await next.click()
      await page.waitForTimeout(150)
    }
    await page.locator('.td-payload__tabs').first().waitFor()
    await screenshot(page, 'layout-compare-1024')
    const bars = await page.locator('.td-payload__tabs .td-tabs__bar').evaluateAll((list) =>
      list.map((bar) => {
        const tabs = [...bar.querySelectorAll<HTMLElement>('[role="tab"]')]
        const actions = bar.querySelector('.td-tabs__actions')!.getBoundingClientRect()
        return {
          width: bar.getBoundingClientRect().width,
          heights: tabs.map((t) => t.getBoundingClientRect().height),
          lastRight: Math.max(...tabs.map((t) => t.getBoundingClientRect().right)),
          actionsLeft: actions.left,
          cut: tabs.flatMap((t) =>
            [...t.querySelectorAll<HTMLElement>('.td-tabs__label')]
              .filter((l) => l.offsetParent !== null && l.scrollWidth > l.clientWidth + 1)
              .map((l) => l.textContent),
          ),
          names: tabs.map((t) => t.getAttribute('aria-label') ?? t.textContent),
        }
      }),
    )
    expect(bars.length).toBeGreaterThan(0)
    for (const bar of bars) {
      expect(bar.width).toBeLessThan(420) // the narrow case this test is about
      for (const h of bar.heights) expect(h).toBeLessThanOrEqual(34) // one line
      expect(bar.lastRight).toBeLessThanOrEqual(bar.actionsLeft) // no overlap with Markdown / Copy
      expect(bar.cut).toEqual([])
    }
    // A chat payload's first tab reads "Chat" here; its accessible name keeps the full label.
    const chats = bars.filter((bar) => bar.names.some((n) => n?.startsWith('Conversation')))
    expect(chats.length).toBeGreaterThan(0)
    await expect(page.getByRole('button', { name: 'Markdown' }).count()).resolves.toBeGreaterThan(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it('the library drops minor columns in a narrow window instead of cutting them off', async () => {
    for (const [width, dropped] of [
      [1440, []],
      [1024, ['Tags', 'Source', 'Spans']],
      [800, ['Tags', 'Source', 'Spans', 'Models', 'Tokens']],
    ] as const) {
      const { page, context } = await openApp(e2e.browser, e2e.host, { width, height: 700 })
      await page.getByText('chat-turn').first().waitFor()
      const head = (await rect(page, '.td-table__head'))[0]
      const cells = await page.locator('.td-table__head [role="columnheader"]').evaluateAll((els) =>
        els.map((el) => ({
          text: el.textContent ?? '',
          right: el.getBoundingClientRect().right,
        })),
      )
      for (const cell of cells)
        expect(cell.right, `${width}px: ${cell.text}`).toBeLessThanOrEqual(head.right)
      const names = cells.map((c) => c.text.replace(/[▲▼]/g, '').trim()).filter(Boolean)
      for (const name of ['Name', 'Started', 'Status', 'Cost'])
        expect(names, `${width}px`).toContain(name)
      for (const name of dropped) expect(names, `${width}px`).not.toContain(name)
      if (width === 1440)
        expect(names).toEqual(expect.arrayContaining(['Tags', 'Source', 'Models']))
      await context.close()
    }
  })

  it('a session at 1024 px: metric tiles are never squeezed; a span opened there asks for no trace', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host, {
      width: 1024,
      height: 700,
    })
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    await page.getByRole('row').filter({ hasText: SESSION }).click()
    await page.locator('.td-metric').first().waitFor()
    const squeezed = await page
      .locator('.td-metric')
      .evaluateAll((tiles) =>
        tiles
          .filter((t) =>
            [...t.querySelectorAll<HTMLElement>('*')].some(
              (el) => el.scrollWidth > el.clientWidth + 1,
            ),
          )
          .map((t) => t.textContent),
      )
    expect(squeezed).toEqual([])
    const asked: string[] = []
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/getTrace') asked.push(r.url())
    })
    await page
      .getByRole('tablist', { name: 'Session view' })
      .getByRole('tab', { name: /Traces/ })
      .click()
    await page.locator('.td-strace__toggle').first().click()
    await page.locator('.td-span__row').nth(1).click()
    const detail = page.getByRole('article', { name: 'Step detail' })
    await detail.waitFor()
    // "Started" relative to the trace start, known from the session's own list.
    await expect(detail.innerText()).resolves.toMatch(/Started\s*\+/i)
    expect(asked).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('a cost nobody knows reads "–", not "$0", and says why', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const [trace] = (await e2e.host.api('listTraces', {})).filter(
      (t) => t.sessionId === 'layout-unpriced',
    )
    expect(trace.cost).toBe(0)
    expect(trace.inputTokens).toBeGreaterThan(0)
    const row = page.locator(`[role="row"][data-id="${trace.id}"]`)
    const costCell = row.getByRole('gridcell').nth(7) // after the checkbox and 6 columns
    await expect(costCell.innerText()).resolves.toBe('–')
    await expect(costCell.locator('[title]').getAttribute('title')).resolves.toMatch(
      /no price for this model/,
    )
    // A priced trace beside it keeps its estimated figure.
    const priced = page.locator('[role="row"]').filter({ hasText: SESSION }).first()
    await expect(priced.getByRole('gridcell').nth(7).innerText()).resolves.toMatch(
      /^~\$[\d.]+$/,
    )
    await row.click()
    const header = page.locator('.td-rhead')
    await header.waitFor()
    await expect(header.innerText()).resolves.toMatch(/COST\s*–/i)
    expect(errors).toEqual([])
    await context.close()
  })
})
