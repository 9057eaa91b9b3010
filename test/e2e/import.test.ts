/**
 * End to end through the browser host in Chromium: a first run, dropping a trace file, the
 * progress bar, the span tree, a span's input and output, the import report, a bad file.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordLlmRun } from '../fixtures/otlp-llm-run'
import { SdkFixture } from '../fixtures/otlp-sdk'
import {
  dropFiles,
  hostAndBrowser,
  openApp,
  progressSeen,
  screenshot,
  startHost,
  watchProgress,
} from './harness'

const e2e = hostAndBrowser()

/**
 * A JSON Lines file in the host's folder: `count` copies of one SDK-written LLM request, each
 * with a fresh trace id (`base` + i in its first 8 hex digits, so files never share traces).
 */
function writeManyRuns(name: string, count: number, base: number): string {
  const { json } = recordLlmRun()
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const prefix = (base + i).toString(16)
    lines.push(json.replace(/"traceId":"\w{8}/g, `"traceId":"${prefix}`))
  }
  const path = join(e2e.host.dir, name)
  writeFileSync(path, lines.join('\n'))
  return path
}

describe('importing in the browser host', () => {
  it('greets a first run with an empty library and a way to open the sample', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    // The welcome shows once the host has answered that the library is empty.
    await page.getByRole('heading', { name: 'Step through your agent runs' }).waitFor()
    await expect(page.getByRole('button', { name: 'Open sample trace' }).isEnabled()).resolves.toBe(
      true,
    )
    // The token is taken from the address bar as soon as the page loads.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false)
    await screenshot(page, 'first-run')
    expect(errors).toEqual([])
    await context.close()
  })

  it('drop a file → progress bar → span tree → click a span → its input and output', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    await watchProgress(page)
    const { json } = recordLlmRun()
    // The fixture holds two traces; keep the agent run only so the import opens it directly.
    const request = JSON.parse(json) as {
      resourceSpans: { scopeSpans: { spans: { name: string; traceId: string }[] }[] }[]
    }
    const agentTrace = request.resourceSpans[0].scopeSpans[0].spans.find(
      (s) => s.name === 'invoke_agent Aria',
    )!.traceId
    for (const rs of request.resourceSpans)
      for (const ss of rs.scopeSpans) ss.spans = ss.spans.filter((s) => s.traceId === agentTrace)

    await dropFiles(page, [{ name: 'aria-run.otlp.json', content: JSON.stringify(request) }])

    // One trace imported: the window opens it, with its execution tree.
    const tree = page.getByRole('tree', { name: 'Execution tree' })
    await tree.waitFor({ timeout: 20_000 })
    const seen = await progressSeen(page)
    const bars = seen.filter((s) => s.label === 'Importing aria-run.otlp.json')
    expect(bars.length).toBeGreaterThan(0)
    const last = bars[bars.length - 1]
    expect(Number(last.now)).toBe(Number(last.max))
    expect(Number(last.max)).toBeGreaterThan(0)

    // The report names the format and what was found.
    const report = page.getByRole('region', { name: '1 new trace' })
    await report.waitFor()
    await report.getByRole('button', { name: 'Details' }).click()
    await expect(report.innerText()).resolves.toMatch(/OTLP JSON[\s\S]*1 trace · 12 spans/)

    // Click the first chat span: its conversation input and tool-call output show.
    await tree
      .getByRole('treeitem', { name: /^chat gpt-4o,/ })
      .first()
      .click()
    const detail = page.getByRole('article', { name: 'Step detail' })
    await detail.getByRole('heading', { name: 'chat gpt-4o' }).waitFor()
    const input = detail.getByRole('region', { name: 'Input' })
    const output = detail.getByRole('region', { name: 'Output' })
    await input.getByText('Weather in Paris tomorrow?').waitFor()
    await expect(input.getByText('You are Aria, a travel assistant.').isVisible()).resolves.toBe(
      true,
    )
    await output.getByText('get_weather').waitFor()
    await expect(output.innerText()).resolves.toContain('"city": "Paris"')
    await expect(detail.innerText()).resolves.toMatch(/120\s*in\s*·\s*18\s*out/)
    // "Started" is relative to the trace (the agent began at 0.123 s, this call at 0.2 s); the
    // absolute local time is in its tooltip.
    const started = detail.locator('.td-fact').filter({ hasText: 'Started' }).locator('dd > span')
    await expect.poll(() => started.textContent()).toMatch(/^\+76\.54\d ms$/)
    await expect(started.getAttribute('title')).resolves.toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \(local time\); trace started /,
    )
    await screenshot(page, 'span-selected')

    // The raw view of the same output shows the source text.
    await output.getByRole('tab', { name: /Raw/ }).click()
    await expect(output.locator('pre').innerText()).resolves.toContain('tool_call')

    // A failed tool: its error shows with type and message.
    await tree.getByRole('treeitem', { name: /^execute_tool get_forecast,/ }).click()
    const error = detail.getByRole('group', { name: 'Error' })
    await error.waitFor()
    await expect(error.innerText()).resolves.toContain('TimeoutError')
    await screenshot(page, 'span-error')
    expect(errors).toEqual([])
    await context.close()
  })

  it('reports every file of a multi-file import, naming the file that failed', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const { json } = recordLlmRun()
    await page.locator('input[type=file]').setInputFiles([
      { name: 'two-traces.json', mimeType: 'application/json', buffer: Buffer.from(json) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('these are not spans\n') },
    ])
    const report = page.getByRole('region', { name: '2 new traces · 1 file failed' })
    await report.waitFor({ timeout: 20_000 })
    const text = await report.innerText()
    expect(text).toContain('two-traces.json')
    expect(text).toMatch(/2 traces · 14 spans/)
    expect(text).toMatch(/notes\.txt/)
    await expect(report.getByRole('alert').innerText()).resolves.toMatch(/notes\.txt/)
    // Several traces: the library is shown, and lists them.
    await page.getByRole('button', { name: 'Show 2 traces in library' }).waitFor()
    await screenshot(page, 'multi-import-report')
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
    await context.close()
  })

  it('shows a huge payload truncated, with a notice and a way to see all of it', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const f = new SdkFixture('bulk-agent')
    const root = f.start('bulk run', {
      at: 0,
      until: 2,
      attributes: { 'openinference.span.kind': 'CHAIN' },
    })
    const line = 'row 0123456789 abcdefghijklmnopqrstuvwxyz\n'
    const huge = `${line.repeat(8000)}THE-END-MARKER`
    f.leaf('dump_table', {
      parent: root.span,
      at: 0.5,
      until: 1.5,
      attributes: {
        'openinference.span.kind': 'TOOL',
        'input.value': 'SELECT *',
        'output.value': huge,
      },
    })
    root.end()
    await dropFiles(page, [{ name: 'bulk.otlp.json', content: f.json() }])
    const tree = page.getByRole('tree', { name: 'Execution tree' })
    await tree.waitFor({ timeout: 20_000 })
    await tree.getByRole('treeitem', { name: /^dump_table,/ }).click()
    const output = page
      .getByRole('article', { name: 'Step detail' })
      .getByRole('region', { name: 'Output' })
    const notice = output.getByRole('note').filter({ hasText: 'showing a truncated view' })
    await notice.waitFor()
    await expect(notice.innerText()).resolves.toMatch(/Large output \(\d+ KB\)/)
    await expect(output.innerText()).resolves.not.toContain('THE-END-MARKER')
    await screenshot(page, 'payload-gate')
    await output.getByRole('button', { name: 'Show all' }).click()
    await output.getByText('THE-END-MARKER').waitFor()
    await expect(notice.count()).resolves.toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it('cancels a long import from the progress card and leaves the library as it was', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const before = (await e2e.host.api('listTraces', {})).length
    // A ~45 MB JSON Lines file (3000 SDK-written requests, fresh trace ids on each line).
    const path = writeManyRuns('huge-run.jsonl', 3000, 0x10000000)
    await page.locator('input[type=file]').setInputFiles(path)

    const card = page.getByRole('region', { name: 'Importing 1 file' })
    const bar = card.getByRole('progressbar', { name: 'Importing huge-run.jsonl' })
    // Wait until the host is reading (past the upload, bytes moving), then cancel.
    const status = card.getByTestId('file-status')
    await expect
      .poll(
        async () =>
          (await status.textContent())?.includes('Reading') &&
          Number((await bar.getAttribute('aria-valuenow')) ?? 0) > 0,
        { timeout: 20_000 },
      )
      .toBe(true)
    await screenshot(page, 'import-progress')
    await card.getByRole('button', { name: 'Cancel' }).click()
    const done = page.getByRole('region', { name: 'Import cancelled' })
    await done.waitFor({ timeout: 20_000 })
    await expect(done.innerText()).resolves.toContain('Nothing was added')
    await done.getByRole('button', { name: 'Details' }).click()
    await expect(done.innerText()).resolves.toContain(
      'Cancelled: nothing from this file was added.',
    )
    expect((await e2e.host.api('listTraces', {})).length).toBe(before)
    expect(errors).toEqual([])
    await context.close()
  })

  it('shows a large upload as "Uploading… x / y MB", then the host stages by name', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    // A ~15 MB JSON Lines file (2 traces a line); the upload is throttled so its progress is seen, as on a slow disk.
    const path = writeManyRuns('many-runs.jsonl', 1000, 0x20000000)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 6 * 1024 * 1024,
    })
    await page.evaluate(() => {
      const seen: string[] = []
      Object.assign(window, { __statusSeen: seen })
      const record = () =>
        document.querySelectorAll('[data-testid="file-status"]').forEach((el) => {
          const text = (el as unknown as { textContent: string }).textContent
          if (seen[seen.length - 1] !== text) seen.push(text)
        })
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      })
    })
    await page.locator('input[type=file]').setInputFiles(path)
    await page
      .getByRole('region', { name: /^[\d,]+ new traces$/ })
      .waitFor({ timeout: 60_000 })
    const seen = await page.evaluate(
      () => (window as unknown as { __statusSeen: string[] }).__statusSeen,
    )
    const uploading = seen.filter((t) => t.startsWith('Step 1 of 3 · Uploading…'))
    // Several partial figures, each "x / y MB" in the unit of the total.
    const partial = uploading.filter((t) => {
      const m = / ([\d.]+) \/ ([\d.]+) MB$/.exec(t)
      return m && Number(m[1]) > 0 && Number(m[1]) < Number(m[2])
    })
    expect(partial.length, seen.join('\n')).toBeGreaterThan(1)
    const first = (part: string) => seen.findIndex((t) => t.includes(part))
    const order = [
      first('Step 1 of 3 · Uploading…'),
      first('Step 2 of 3 · Reading'),
      first('Step 3 of 3 · Saving to library'),
      first('· Done'),
    ]
    expect(
      order.every((i) => i >= 0),
      seen.join('\n'),
    ).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(errors).toEqual([])
    await context.close()
  })

  it('Cancel during a slow upload aborts the upload itself, and nothing is imported', async () => {
    const { page, errors, context } = await openApp(e2e.browser, e2e.host)
    const before = (await e2e.host.api('listTraces', {})).length
    const path = writeManyRuns('slow-upload.jsonl', 400, 0x30000000)
    // A slow link: the upload would take several seconds.
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 512 * 1024,
    })
    const upload: { failed?: string; finished?: boolean } = {}
    page.on('requestfailed', (r) => {
      if (r.url().includes('/api/upload')) upload.failed = r.failure()?.errorText ?? 'failed'
    })
    page.on('requestfinished', (r) => {
      if (r.url().includes('/api/upload')) upload.finished = true
    })
    await page.locator('input[type=file]').setInputFiles(path)
    const card = page.getByRole('region', { name: 'Importing 1 file' })
    await expect
      .poll(async () => (await card.getByTestId('file-status').textContent()) ?? '', {
        timeout: 20_000,
      })
      .toMatch(/Uploading… [\d.]+ \/ [\d.]+ MB/)
    await card.getByRole('button', { name: 'Cancel' }).click()
    const done = page.getByRole('region', { name: 'Import cancelled' })
    await done.waitFor({ timeout: 20_000 })
    // The request in flight was aborted by the page, not left to finish in the background.
    await expect.poll(() => upload.failed).toMatch(/ABORTED/)
    expect(upload.finished).toBeUndefined()
    await expect(done.innerText()).resolves.toContain('Nothing was added')
    await expect(done.innerText()).resolves.not.toContain('could not be read')
    expect((await e2e.host.api('listTraces', {})).length).toBe(before)
    expect(errors).toEqual([])
    await context.close()
  })

  it('opens the bundled sample from the first-run screen', async () => {
    const fresh = await startHost()
    try {
      const { page, errors, context } = await openApp(e2e.browser, fresh)
      await page.getByRole('button', { name: 'Open sample trace' }).click()
      const report = page.getByRole('region', { name: /^\d+ new traces?$/ })
      await report.waitFor({ timeout: 20_000 })
      const traces = await fresh.api('listTraces', {})
      expect(traces.length).toBeGreaterThan(0)
      // One trace opens in replay; several show the library listing them.
      if (traces.length === 1) await page.getByRole('tree', { name: 'Execution tree' }).waitFor()
      else await page.getByText(traces[0].name).first().waitFor()
      await screenshot(page, 'sample-opened')
      expect(errors).toEqual([])
      await context.close()
    } finally {
      await fresh.stop()
    }
  })
})
