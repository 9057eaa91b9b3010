/**
 * Trace content is untrusted. A trace whose names, attributes, messages and outputs carry HTML
 * and script must show that text literally in every view (conversation, JSON, raw, markdown,
 * attributes) and run nothing.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { SdkFixture, SpanKind } from '../fixtures/otlp-sdk'
import { dropFiles, hostAndBrowser, openApp, screenshot } from './harness'

// page.evaluate callbacks run in the browser; this file is type-checked without the DOM lib.
interface BrowserElement {
  attributes: ArrayLike<{ name: string }>
  getAttribute(name: string): string | null
}
declare const window: object
declare const document: { querySelectorAll(selector: string): ArrayLike<BrowserElement> }

const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1">'
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>'
const SVG = '<svg onload="window.__xss=(window.__xss||0)+1"></svg>'
const LINK = '[click me](javascript:window.__xss=1)'
const EVIL = `Done. ${IMG} ${SCRIPT} ${SVG} **bold** ${LINK}`

/** A small agent run whose LLM and tool spans carry the payloads, written by the OTel SDK. */
function hostileTrace(): string {
  const f = new SdkFixture('xss-agent')
  const root = f.start(`agent ${IMG}`, {
    at: 0,
    until: 3,
    attributes: { 'openinference.span.kind': 'AGENT' },
  })
  f.leaf('chat gpt-4o', {
    parent: root.span,
    kind: SpanKind.CLIENT,
    at: 0.1,
    until: 1.2,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': `Summarise this page: ${SCRIPT} ${IMG}`,
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': EVIL,
      'llm.token_count.prompt': 40,
      'llm.token_count.completion': 12,
      'html.attribute': IMG,
    },
  })
  f.leaf('render_page', {
    parent: root.span,
    at: 1.3,
    until: 2,
    attributes: {
      'openinference.span.kind': 'TOOL',
      'tool.name': 'render_page',
      'input.value': JSON.stringify({ html: `${SCRIPT}${IMG}` }),
      'input.mime_type': 'application/json',
      'output.value': EVIL,
    },
    error: {
      type: 'RenderError',
      message: `failed on ${IMG}`,
      stack: `RenderError: ${SCRIPT}\n    at render (page.ts:1:1)`,
    },
  })
  root.end()
  return f.json()
}

const e2e = hostAndBrowser()

/** Nothing ran, and no element a payload could have created exists in the page. */
async function assertInert(page: Page) {
  const state = await page.evaluate(() => ({
    flag: (window as { __xss?: number }).__xss ?? null,
    imgs: document.querySelectorAll('#root img').length,
    scripts: document.querySelectorAll('#root script').length,
    svgWithOnload: document.querySelectorAll('#root svg[onload]').length,
    handlers: Array.from(document.querySelectorAll('#root *')).filter((el) =>
      Array.from(el.attributes).some((a) => a.name.startsWith('on')),
    ).length,
    jsLinks: Array.from(document.querySelectorAll('#root a')).filter((a) =>
      /^\s*javascript:/i.test(a.getAttribute('href') ?? ''),
    ).length,
  }))
  expect(state).toEqual({
    flag: null,
    imgs: 0,
    scripts: 0,
    svgWithOnload: 0,
    handlers: 0,
    jsLinks: 0,
  })
}

describe('untrusted trace content', () => {
  it('renders HTML and script from a trace as text and runs nothing', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    await dropFiles(page, [{ name: 'hostile.otlp.json', content: hostileTrace() }])
    const tree = page.getByRole('tree', { name: 'Execution tree' })
    await tree.waitFor({ timeout: 20_000 })
    const detail = page.getByRole('article', { name: 'Step detail' })

    // The tool span: output as raw text, input as JSON, the error with its stack.
    await tree.getByRole('treeitem', { name: /^render_page,/ }).click()
    await detail.getByRole('heading', { name: 'render_page' }).waitFor()
    const output = detail.getByRole('region', { name: 'Output' })
    await expect(output.innerText()).resolves.toContain(IMG)
    await expect(output.innerText()).resolves.toContain(SCRIPT)
    const input = detail.getByRole('region', { name: 'Input' })
    await expect(input.innerText()).resolves.toContain(JSON.stringify(`${SCRIPT}${IMG}`))
    const error = detail.getByRole('group', { name: 'Error' })
    await expect(error.innerText()).resolves.toContain(`failed on ${IMG}`)
    await error.getByText('Stack trace').click()
    await expect(error.innerText()).resolves.toContain(SCRIPT)
    await assertInert(page)

    // The LLM span: conversation as plain text, then through the markdown path.
    await tree.getByRole('treeitem', { name: /^chat gpt-4o,/ }).click()
    await detail.getByRole('heading', { name: 'chat gpt-4o' }).waitFor()
    const chatOut = detail.getByRole('region', { name: 'Output' })
    await chatOut.getByRole('list', { name: 'Output conversation' }).waitFor()
    await expect(chatOut.innerText()).resolves.toContain(EVIL)
    await expect(detail.getByRole('table', { name: 'Attributes' }).innerText()).resolves.toContain(
      IMG,
    )
    await assertInert(page)

    await chatOut.getByRole('button', { name: 'Markdown' }).click()
    await expect(
      chatOut.getByRole('button', { name: 'Markdown' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true')
    // Markdown formatting applies, raw HTML inside it stays visible text, the link is defused.
    await chatOut.locator('.td-markdown strong', { hasText: 'bold' }).waitFor()
    await expect(chatOut.innerText()).resolves.toContain(IMG)
    await expect(chatOut.innerText()).resolves.toContain(SCRIPT)
    await screenshot(page, 'xss-markdown')
    await assertInert(page)

    // Give any deferred handler (onerror fires asynchronously) a chance to run, then re-check.
    await page.waitForTimeout(300)
    await assertInert(page)
    expect(errors).toEqual([])
    await context.close()
  })
})
