/**
 * The library view end to end in Chromium through the browser host (run `npx electron-vite
 * build` first), on 10,000 traces: virtualised rows, sorting, filters, multi-select compare,
 * delete with confirmation (the file on disk untouched) and re-opening the last viewed trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { libraryExport } from '../fixtures/library-traces'
import { launchBrowser, openApp, startHost, type HostProcess } from './harness'

const SHOTS = process.env.TRACEDECK_SHOTS ?? tmpdir()
const N = 10_000

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-e2e-library-'))
const file = join(dir, 'library.json')
let host: HostProcess
let db: Database.Database
let browser: Browser
let page: Page
let errors: string[] = []

beforeAll(async () => {
  writeFileSync(file, libraryExport(N))
  host = await startHost()
  const [report] = await host.importPaths([file], 'seed')
  if (report.error) throw new Error(report.error)
  // The test's own read-only view of the library, to state what the UI must show.
  db = new Database(host.dbPath, { readonly: true, fileMustExist: true })
  browser = await launchBrowser()
  ;({ page, errors } = await openApp(browser, host))
}, 180_000)

afterAll(async () => {
  db?.close()
  await browser?.close()
  await host?.stop()
})

/** Polls until the UI settles (generous: CI machines are slow and loaded). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 })

const rows = () => page.locator('.td-table__body [role="row"]')
const summary = () => page.locator('.td-filters__summary').innerText()
const sortBy = (label: string) =>
  page
    .locator('.td-table__head')
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .click()
const firstName = () => rows().first().locator('.td-namecell .td-strong').innerText()

describe('the library with 10,000 traces', () => {
  it('lists every trace but renders only the rows in view', async () => {
    await poll(summary).toBe('10,000 traces')
    expect(await rows().count()).toBeLessThan(80)
    await page.locator('.td-table__body').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await expect
      .poll(() => rows().last().locator('.td-namecell .td-strong').innerText())
      .toBe('refund request #0')
    await page.screenshot({ path: join(SHOTS, 'library-10k.png') })
    expect(await rows().count()).toBeLessThan(80)
  })

  it('sorts by any column, both ways', async () => {
    const one = (sql: string) => (db.prepare(sql).get() as { name: string }).name
    // Ties keep the list's order, so the expected row is "any trace with the extreme cost".
    const withCost = (agg: 'MAX' | 'MIN') =>
      (
        db
          .prepare(`SELECT name FROM traces WHERE cost = (SELECT ${agg}(cost) FROM traces)`)
          .all() as { name: string }[]
      ).map((r) => r.name)
    await sortBy('Cost')
    await poll(async () => withCost('MAX').includes(await firstName())).toBe(true)
    await sortBy('Cost')
    await poll(async () => withCost('MIN').includes(await firstName())).toBe(true)
    await sortBy('Name')
    await poll(firstName).toBe('code review #3') // natural order: #3 before #9 before #15
    await sortBy('Started')
    await poll(firstName).toBe(one('SELECT name FROM traces ORDER BY start DESC LIMIT 1'))
  })

  it('combines filters: status, model, tag, free text', async () => {
    await page.getByLabel('Status').selectOption('error')
    await page.getByLabel('Model', { exact: true }).fill('gpt-4o-mini')
    const want = db
      .prepare(
        `SELECT COUNT(*) AS n FROM traces WHERE status = 'error' AND models LIKE '%"gpt-4o-mini"%'`,
      )
      .get() as { n: number }
    await poll(summary).toBe(`${want.n.toLocaleString('en-US')} traces match`)
    await page.getByRole('button', { name: 'Clear' }).click()
    await page.getByLabel('Search').fill('invoice summary #4')
    const matching = Array.from({ length: N }, (_, i) => i).filter(
      (i) => i % 6 === 2 && String(i).startsWith('4'),
    )
    await poll(summary).toBe(`${matching.length} traces match`)
    await page.getByRole('button', { name: 'Clear' }).click()
    await poll(summary).toBe('10,000 traces')
  })

  it("opens a trace's session from its row", async () => {
    const session = await rows().first().locator('.td-sessionlink').innerText()
    await rows().first().locator('.td-sessionlink').click()
    await poll(() => page.locator('.td-app').getAttribute('data-view')).toBe('session')
    await poll(() => page.locator('.td-session__id').innerText()).toBe(session)
    await page.getByRole('button', { name: 'Library', exact: true }).click()
  })

  it('compares two selected traces', async () => {
    await page.screenshot({ path: join(SHOTS, 'library-before-compare.png') })
    await rows().nth(0).getByRole('checkbox').check()
    await rows().nth(1).getByRole('checkbox').check()
    await page.getByRole('button', { name: 'Compare' }).click()
    await poll(() => page.locator('.td-app').getAttribute('data-view')).toBe('compare')
    await page.getByRole('button', { name: 'Library', exact: true }).click()
  })

  it('deletes after confirmation and leaves the file on disk alone', async () => {
    const before = readFileSync(file)
    await page.getByRole('button', { name: /^Delete/ }).click()
    const dialog = page.getByRole('alertdialog')
    await poll(() => dialog.innerText()).toContain('files on disk are never')
    await page.screenshot({ path: join(SHOTS, 'library-delete.png') })
    await dialog.getByRole('button', { name: /^Delete 2 traces$/ }).click()
    await poll(summary).toBe('9,998 traces')
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('re-opens the last viewed trace on the next start', async () => {
    const name = await firstName()
    await rows().first().click()
    await poll(() => page.locator('.td-app').getAttribute('data-view')).toBe('trace')
    const url = host.url
    // A new window of the same browser profile (same origin, same localStorage): a new start.
    const second = await page.context().newPage()
    await second.goto(url)
    await poll(() => second.locator('.td-app').getAttribute('data-view')).toBe('trace')
    await poll(() => second.locator('.td-crumb').innerText()).toContain(name)
    await second.close()
    expect(errors).toEqual([])
  })
})
