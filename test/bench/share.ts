/**
 * Shared-replay benchmark, in real Chromium: a generated 10,000-span agent run with typical LLM
 * payloads is imported, exported with `tracedeck export --html`, and opened
 *  - from file:// as the receiver does: navigation start → the timeline's first paint, and → the
 *    opening step's detail on screen;
 *  - through the browser host in the same run (the baseline): page load → library listed, then
 *    click on the trace → the timeline's first paint (cold open: both together; click: the open
 *    alone, as bench:ui measures it).
 * Median of RUNS fresh browser contexts each. Target: the shared file's first paint ≤ 1 s.
 * Writes .bench/share.json and prints a table. Run: npm run bench:share (needs `npm run build`).
 * SHARE_BENCH_SPANS (default 10000) and SHARE_BENCH_RUNS (default 5) change the size and runs.
 */
import { spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CHROMIUM_LAUNCH, startServe } from './bench-host'
import { chromium, type Browser, type Page } from 'playwright-core'
import { writeShareBenchTrace } from './share-trace'

const OUT = resolve(process.env.TRACEDECK_OUT ?? 'out')
const CLI = resolve(OUT, 'main/cli.js')
const CHROMIUM = CHROMIUM_LAUNCH.executablePath
const SPANS = Number(process.env.SHARE_BENCH_SPANS ?? 10_000)
const RUNS = Number(process.env.SHARE_BENCH_RUNS ?? 5)
const TARGET_MS = 1000
const PAINT = 'tracedeck:timeline-first-paint'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const r1 = (x: number) => Math.round(x * 10) / 10

function fail(message: string): never {
  console.error(`bench:share: ${message}`)
  process.exit(1)
}

function cli(args: string[]): string {
  const run = spawnSync(process.execPath, ['--max-old-space-size=4096', CLI, ...args], {
    encoding: 'utf8',
  })
  if (run.status !== 0) fail(`tracedeck ${args.join(' ')} failed: ${run.stderr}`)
  return run.stdout
}

const paintAt = (page: Page) =>
  page
    .waitForFunction((m) => performance.getEntriesByName(m).length > 0, PAINT, { timeout: 120_000 })
    .then(() => page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, PAINT))

async function openShared(
  browser: Browser,
  file: string,
): Promise<{ paint: number; detail: number; requests: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  let requests = 0
  page.on('request', () => requests++)
  await page.goto(pathToFileURL(file).href, { waitUntil: 'commit' })
  const paint = await paintAt(page)
  await page
    .getByRole('article', { name: 'Step detail' })
    .getByRole('region', { name: 'Input' })
    .waitFor({ timeout: 120_000 })
  const detail = await page.evaluate(() => performance.now())
  await context.close()
  return { paint, detail, requests }
}

async function openHosted(
  browser: Browser,
  url: string,
  name: string,
): Promise<{ cold: number; click: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'commit' })
  const row = page.getByText(name, { exact: true }).first()
  await row.waitFor({ timeout: 120_000 })
  const t0 = await page.evaluate(() => performance.now())
  await row.click()
  const paint = await paintAt(page)
  await context.close()
  return { cold: paint, click: paint - t0 }
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(resolve(OUT, 'share/share.js')))
    fail('the app is not built: run "npm run build" first')
  if (!existsSync(CHROMIUM))
    fail(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`)
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-bench-share-'))
  const db = join(dir, 'lib.db')
  const name = `share bench ${SPANS} spans`
  let server: ChildProcess | null = null
  try {
    const source = join(dir, 'trace.json')
    writeShareBenchTrace(source, SPANS, name)
    const sourceMB = statSync(source).size / 1e6
    cli(['--db', db, 'import', source])
    const id = (
      JSON.parse(cli(['--db', db, '--json', 'list'])) as { id: string; name: string }[]
    ).find((t) => t.name === name)?.id
    if (!id) fail('the generated trace is not in the library after import')
    const html = join(dir, 'incident.html')
    const t = performance.now()
    cli(['--db', db, 'export', id, '--html', '-o', html, '--open-at', '5000'])
    const exportS = (performance.now() - t) / 1000
    const htmlMB = statSync(html).size / 1e6

    const started = await startServe(CLI, db)
    server = started.proc
    const browser = await chromium.launch(CHROMIUM_LAUNCH)
    const shared: Awaited<ReturnType<typeof openShared>>[] = []
    const hosted: Awaited<ReturnType<typeof openHosted>>[] = []
    try {
      // One warm-up of each (Chromium's own start-up), then alternate so load drift hits both.
      await openShared(browser, html)
      await openHosted(browser, started.url, name)
      for (let k = 0; k < RUNS; k++) {
        shared.push(await openShared(browser, html))
        hosted.push(await openHosted(browser, started.url, name))
      }
    } finally {
      await browser.close()
    }
    const result = {
      spans: SPANS,
      sourceMB: r1(sourceMB),
      htmlMB: r1(htmlMB),
      exportS: r1(exportS),
      sharedPaintMs: r1(median(shared.map((s) => s.paint))),
      sharedDetailMs: r1(median(shared.map((s) => s.detail))),
      sharedRequests: Math.max(...shared.map((s) => s.requests)),
      hostColdMs: r1(median(hosted.map((h) => h.cold))),
      hostClickMs: r1(median(hosted.map((h) => h.click))),
    }
    const ratios = {
      paintVsHostCold: Math.round((result.sharedPaintMs / result.hostColdMs) * 100) / 100,
      paintVsHostClick: Math.round((result.sharedPaintMs / result.hostClickMs) * 100) / 100,
    }
    const verdict = {
      paintWithinTarget: result.sharedPaintMs <= TARGET_MS,
      noRequestBeyondTheFile: result.sharedRequests === 1,
    }
    mkdirSync('.bench', { recursive: true })
    writeFileSync(
      '.bench/share.json',
      `${JSON.stringify({ when: new Date().toISOString(), machine: { cpus: cpus().length, loadAverage: loadavg().map(r1) }, chromium: CHROMIUM, runs: RUNS, targetMs: TARGET_MS, result, ratios, verdict }, null, 2)}\n`,
    )
    console.log(
      `shared replay of ${SPANS.toLocaleString('en-US')} spans (source ${result.sourceMB} MB → page ${result.htmlMB} MB, exported in ${result.exportS} s), median of ${RUNS}:`,
    )
    console.log(
      `  file:// open → timeline first paint  ${result.sharedPaintMs} ms  (target ≤ ${TARGET_MS} ms: ${verdict.paintWithinTarget ? 'met' : 'MISSED'})`,
    )
    console.log(`  file:// open → step detail shown     ${result.sharedDetailMs} ms`)
    console.log(`  requests made by the page            ${result.sharedRequests} (the file itself)`)
    console.log(
      `  browser host: load + click → paint   ${result.hostColdMs} ms   ratio shared/host ${ratios.paintVsHostCold}`,
    )
    console.log(
      `  browser host: click → paint          ${result.hostClickMs} ms   ratio shared/host ${ratios.paintVsHostClick}`,
    )
    if (!verdict.paintWithinTarget || !verdict.noRequestBeyondTheFile) process.exitCode = 1
  } finally {
    server?.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
