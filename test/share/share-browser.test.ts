/**
 * Shared replay pages in a real Chromium, opened from file:// as a receiver would: the page
 * replays (keyboard, playback, jumps), searches inside the file, a comparison steps in lockstep to
 * its first divergence, a hostile trace runs nothing, and no request of any kind leaves the page
 * (route interception and the request log see only the file itself; the CSP reports nothing).
 * Screenshots at 1440×900 and 1280×720, light and dark, land in /tmp/tracedeck-share-*.png.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'
import type { Library } from '../../src/main/core/library-service'
import { ROOT, launchBrowser, screenshot } from '../e2e/harness'
import { EVIL, HOSTILE, hostileTrace, libraryWith } from './fixtures'

// page.evaluate callbacks run in the browser; this file is type-checked without the DOM lib.
interface BrowserElement {
  attributes: ArrayLike<{ name: string }>
  getAttribute(name: string): string | null
}
declare const window: object
declare const document: {
  querySelectorAll(selector: string): ArrayLike<BrowserElement>
  addEventListener(
    type: string,
    fn: (e: { violatedDirective: string; blockedURI: string }) => void,
  ): void
}

let library: Library
let browser: Browser
let dir: string
const files: Record<string, string> = {}
const NOTE = 'The lookup timed out at step 3 and was retried.\nSee the retry at step 4.'

beforeAll(async () => {
  let ids: Record<string, string[]>
  ;[{ library, ids, dir }, browser] = await Promise.all([
    libraryWith({
      'sample.json': readFileSync(join(ROOT, 'resources/sample-agent-run.json'), 'utf8'),
      'good.json': supportAgentRun({ seed: 1 }),
      'bad.json': supportAgentRun({
        seed: 2,
        toolResult: 'No order 1234 found.',
        answer: 'Sorry, I cannot find order 1234.',
      }),
      'hostile.json': hostileTrace(),
    }),
    launchBrowser(),
  ])
  const write = async (
    name: string,
    request: Parameters<Library['handlers']['exportShareHtml']>[0],
  ) => {
    const page = await library.handlers.exportShareHtml(request)
    files[name] = join(dir, name)
    writeFileSync(files[name], page.html)
  }
  const sample = (await library.handlers.listTraces({})).find((t) => t.spanCount === 9)!.id
  await write('incident.html', { a: sample, note: NOTE, openAt: 3 })
  await write('diff.html', {
    a: ids['good.json'][0],
    b: ids['bad.json'][0],
    note: 'Good run (A) vs bad run (B)',
  })
  await write('hostile.html', { a: ids['hostile.json'][0] })
  await write('redacted.html', { a: sample, redaction: 'payloads', range: { from: 2, to: 4 } })
})

afterAll(async () => {
  await browser?.close()
  library?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

interface SharedPage {
  page: Page
  context: BrowserContext
  errors: string[]
  /** Every request the page made, file:// included, and every one route interception saw. */
  requests: string[]
  routed: string[]
  violations(): Promise<string[]>
}

async function openShared(
  file: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<SharedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
  })
  const routed: string[] = []
  await context.route('**/*', (route) => {
    routed.push(route.request().url())
    return route.continue()
  })
  await context.addInitScript(() => {
    const seen: string[] = []
    Object.assign(window, { __csp: seen })
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    )
  })
  const page = await context.newPage()
  const errors: string[] = []
  const requests: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  page.on('request', (r) => requests.push(r.url()))
  page.on('websocket', (w) => requests.push(w.url()))
  await page.goto(pathToFileURL(file).href)
  await page.getByTestId('share-banner').waitFor()
  return {
    page,
    context,
    errors,
    requests,
    routed,
    violations: () => page.evaluate(() => (window as { __csp: string[] }).__csp),
  }
}

/** Nothing but the file itself was asked for, and the policy had nothing to refuse. */
async function expectOffline(shared: SharedPage, file: string): Promise<void> {
  const self = pathToFileURL(file).href
  expect(shared.requests).toEqual([self])
  expect(shared.routed.filter((u) => u !== self)).toEqual([])
}

const step = (page: Page) => page.getByTestId('step-position').innerText()

describe('a shared trace, opened from file://', () => {
  it('opens at the exporter’s step with the note, replays, plays and searches, offline', async () => {
    const shared = await openShared(files['incident.html'])
    const { page } = shared
    await expect(page.getByTestId('share-note').innerText()).resolves.toBe(NOTE)
    await expect.poll(() => step(page)).toBe('Step 4 / 9')
    const tree = page.getByRole('tree', { name: 'Execution tree' })
    await expect(tree.getByRole('treeitem').count()).resolves.toBe(9)
    const detail = page.getByRole('article', { name: 'Step detail' })
    await expect
      .poll(() => detail.getByRole('heading').first().innerText())
      .toContain('execute_tool lookup_order')

    // Keyboard: next, first, first error, last.
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => step(page)).toBe('Step 5 / 9')
    await page.keyboard.press('Home')
    await expect.poll(() => step(page)).toBe('Step 1 / 9')
    await page.keyboard.press('e')
    await expect.poll(() => step(page)).toBe('Step 3 / 9')
    // The step's conversation is read from the file.
    await tree
      .getByRole('treeitem', { name: /^chat gpt-4o,/ })
      .first()
      .click()
    await expect.poll(() => step(page)).toBe('Step 2 / 9')
    const input = detail.getByRole('region', { name: 'Input' })
    await expect.poll(() => input.innerText()).toContain('cracked water bottle')

    // Playback moves on by itself.
    await page.getByRole('button', { name: 'Play', exact: true }).click()
    await expect.poll(() => step(page), { timeout: 10_000 }).not.toBe('Step 2 / 9')
    await page.keyboard.press('Space')

    // Search inside payloads (no span name holds the word): the user's first message.
    const search = page.getByRole('searchbox', { name: 'Search spans' })
    await search.fill('cracked')
    await expect.poll(() => page.getByTestId('search-status').innerText()).toMatch(/ \/ [1-9]\d*$/)
    await search.press('Enter')
    await expect.poll(() => input.innerText()).toContain('cracked water bottle')
    await search.fill('nosuchwordanywhere')
    await expect.poll(() => page.getByTestId('search-status').innerText()).toMatch(/^(0|No)/i)

    // Read-only: nothing offers to change or list a library.
    await expect(page.getByRole('button', { name: /Compare with/ }).count()).resolves.toBe(0)
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0)

    await expect(shared.violations()).resolves.toEqual([])
    expect(shared.errors).toEqual([])
    await expectOffline(shared, files['incident.html'])
    await shared.context.close()
  })

  it('a redacted range says what it leaves out', async () => {
    const shared = await openShared(files['redacted.html'])
    const { page } = shared
    await expect(page.getByTestId('share-redaction').innerText()).resolves.toContain(
      'removed every input',
    )
    await expect(page.getByTestId('share-range').innerText()).resolves.toContain('steps 3–5 of 9')
    await expect
      .poll(() => page.getByRole('tree', { name: 'Execution tree' }).getByRole('treeitem').count())
      .toBe(4)
    await page.keyboard.press('End')
    const detail = page.getByRole('article', { name: 'Step detail' })
    await expect
      .poll(() => detail.innerText())
      .toContain('No input or output was recorded for this span.')
    expect(shared.errors).toEqual([])
    await expectOffline(shared, files['redacted.html'])
    await shared.context.close()
  })

  it('looks like the app at 1440×900 and 1280×720, light and dark', async () => {
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
    ]) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const name of ['incident', 'diff'] as const) {
          const shared = await openShared(files[`${name}.html`], {
            width: w,
            height: h,
            colorScheme: scheme,
          })
          if (name === 'diff') {
            await expect
              .poll(() => shared.page.getByTestId('compare-position').textContent())
              .toMatch(/^1 \//)
            await shared.page.getByRole('button', { name: 'First divergence' }).click()
          } else await expect.poll(() => step(shared.page)).toBe('Step 4 / 9')
          await shared.page.waitForTimeout(200)
          await screenshot(shared.page, `share-${name}-${w}x${h}-${scheme}`)
          expect(shared.errors).toEqual([])
          await shared.context.close()
        }
      }
    }
  })
})

describe('a shared comparison, opened from file://', () => {
  const paneStep = (page: Page, side: 'a' | 'b') =>
    page.getByTestId(`pane-${side}-step`).textContent()

  it('steps both panes in lockstep to the first divergence and shows its diff, offline', async () => {
    const shared = await openShared(files['diff.html'], { width: 1600, height: 1000 })
    const { page } = shared
    await expect.poll(() => paneStep(page, 'a')).toBe('step 1 of 4')
    await expect.poll(() => paneStep(page, 'b')).toBe('step 1 of 4')
    const toolbar = page.getByRole('toolbar', { name: 'Comparison controls' })
    await toolbar.getByRole('button', { name: 'Next', exact: true }).click()
    await expect.poll(() => paneStep(page, 'a')).toBe('step 2 of 4')
    await expect.poll(() => paneStep(page, 'b')).toBe('step 2 of 4')

    await page.keyboard.press('f')
    await expect.poll(() => paneStep(page, 'a')).toBe('step 3 of 4')
    await expect.poll(() => paneStep(page, 'b')).toBe('step 3 of 4')
    await expect
      .poll(() => page.getByTestId('divergence-status').textContent())
      .toBe('Divergence 1 of 2: different output')
    const diff = page.getByTestId('diff-output')
    await expect
      .poll(() => diff.locator('del').allTextContents())
      .toContain('shipped on June 11; it arrives Friday')
    await expect.poll(() => diff.locator('ins').allTextContents()).toContain('found')

    // Swap A/B: the file carries the comparison both ways round.
    await toolbar.getByRole('button', { name: /Swap A\/B/ }).click()
    await expect
      .poll(() => page.getByTestId('divergence-status').textContent())
      .toMatch(/^Divergence|divergences?$/)
    await expect(toolbar.getByRole('button', { name: /Change B/ }).count()).resolves.toBe(0)

    await expect(shared.violations()).resolves.toEqual([])
    expect(shared.errors).toEqual([])
    await expectOffline(shared, files['diff.html'])
    await shared.context.close()
  })
})

describe('a shared hostile trace', () => {
  it('shows HTML and script from the trace as text and runs nothing', async () => {
    const shared = await openShared(files['hostile.html'])
    const { page } = shared
    const tree = page.getByRole('tree', { name: 'Execution tree' })
    await tree.waitFor()
    // The trace's name in the page title stayed text.
    await expect(page.title()).resolves.toBe(`agent ${HOSTILE.img} — tracedeck replay`)
    const inert = () =>
      page.evaluate(() => ({
        flag: (window as { __xss?: number }).__xss ?? null,
        imgs: document.querySelectorAll('#root img').length,
        scripts: document.querySelectorAll('#root script').length,
        handlers: Array.from(document.querySelectorAll('#root *')).filter((el) =>
          Array.from(el.attributes).some((a) => a.name.startsWith('on')),
        ).length,
        jsLinks: Array.from(document.querySelectorAll('#root a')).filter((a) =>
          /^\s*javascript:/i.test(a.getAttribute('href') ?? ''),
        ).length,
      }))
    const clean = { flag: null, imgs: 0, scripts: 0, handlers: 0, jsLinks: 0 }
    const detail = page.getByRole('article', { name: 'Step detail' })

    await tree.getByRole('treeitem', { name: /^render_page/ }).click()
    const output = detail.getByRole('region', { name: 'Output' })
    await expect.poll(() => output.innerText()).toContain(HOSTILE.img)
    await expect(output.innerText()).resolves.toContain(HOSTILE.script)
    await expect(inert()).resolves.toEqual(clean)

    await tree.getByRole('treeitem', { name: /^chat gpt-4o,/ }).click()
    const chat = detail.getByRole('region', { name: 'Output' })
    await chat.getByRole('list', { name: 'Output conversation' }).waitFor()
    await expect(chat.innerText()).resolves.toContain(EVIL)
    await chat.getByRole('button', { name: 'Markdown' }).click()
    await chat.locator('.td-markdown strong', { hasText: 'bold' }).waitFor()
    await expect(chat.innerText()).resolves.toContain(HOSTILE.script)
    await page.waitForTimeout(300)
    await expect(inert()).resolves.toEqual(clean)
    // Nothing even tried: the policy had nothing to refuse.
    await expect(shared.violations()).resolves.toEqual([])
    expect(shared.errors).toEqual([])
    await expectOffline(shared, files['hostile.html'])
    await shared.context.close()
  })
})
