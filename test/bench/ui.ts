/**
 * UI benchmark of the replay view, in real Chromium through the browser host: generated
 * 100k-span and 1M-span traces are imported into a temp library, then for each we measure
 *  - open: clicking the cached trace in the library → first paint of the timeline;
 *  - frames while zooming (wheel), panning (shift+wheel) and dragging the timeline: the work
 *    done per frame (input handling + canvas draws, p50/p95) and the rAF interval (jank);
 *  - step: pressing Next (→) → the new step drawn on the timeline.
 * Targets for 100k spans: open ≤ 500 ms, p95 frame ≤ 16 ms, step ≤ 50 ms.
 * Writes .bench/ui.json and prints a table. Run: npm run bench:ui (needs `npm run build`).
 * UI_BENCH_SIZES=100000 limits the sizes.
 */
import { spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CHROMIUM_LAUNCH, startServe } from './bench-host'
import { chromium, type Page } from 'playwright-core'
import { writeOtlpTrace } from './ui-trace'

const OUT = resolve(process.env.TRACEDECK_OUT ?? 'out')
const CLI = resolve(OUT, 'main/cli.js')
const CHROMIUM = CHROMIUM_LAUNCH.executablePath
const SIZES = (process.env.UI_BENCH_SIZES ?? '100000,1000000').split(',').map(Number)
const TARGETS = { openMs: 500, frameP95Ms: 16, stepMs: 50 }

/** What the renderer records when the page sets __tdBench (src/renderer/src/lib/raf.ts). */
type BenchWindow = Window & {
  __tdBench?: boolean
  __tdFrames?: { work: number; at: number }[]
  /** src/renderer/src/lib/bench-hooks.ts */
  __tdColumns?: { fromJson(table: unknown): number; fromBinary(bytes: ArrayBuffer): number }
}

interface Result {
  spans: number
  fileMB: number
  importS: number
  openMs: number
  /** Opening it again from the library later in the session. */
  reopenMs: number
  /** Cold open: getTrace + getSpanTable answered (ms after the click). */
  openFetchMs: number
  /** Cold open: typed columns and landmarks computed. */
  openReadyMs: number
  frameP50Ms: number
  frameP95Ms: number
  frameMaxMs: number
  intervalP50Ms: number
  intervalP95Ms: number
  frames: number
  /** Display frames longer than 1.5 vsyncs while interacting. */
  dropped: number
  /** Display frames seen while interacting. */
  vsyncs: number
  stepP50Ms: number
  stepP95Ms: number
  /** In the page: fetch + decode the span table as JSON (getSpanTable, the old path), median ms. */
  columnsJsonMs: number
  /** The same for the binary columns the renderer opens with (getSpanColumns), median ms. */
  columnsBinaryMs: number
}

/**
 * Fetches one trace's span table in the page both ways, alternating, 5 times each, and turns it
 * into replay columns with the renderer's own code (lib/bench-hooks.ts): the JSON table (what the
 * renderer did before) and the binary columns (what it does now). Median ms of each.
 */
async function columnsTransfer(page: Page, url: string, name: string): Promise<[number, number]> {
  const token = new URL(url).searchParams.get('token')!
  return page.evaluate(
    async ({ token, name }) => {
      const call = (verb: string, body: unknown) =>
        fetch(`/api/${verb}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tracedeck-token': token },
          body: JSON.stringify(body),
        })
      const traces = (await (await call('listTraces', {})).json()) as { id: string; name: string }[]
      const id = traces.find((t) => t.name === name)!.id
      const json: number[] = []
      const binary: number[] = []
      const columns = (window as BenchWindow).__tdColumns!
      for (let k = 0; k < 5; k++) {
        let t = performance.now()
        const table = await (await call('getSpanTable', { id })).json()
        if (columns.fromJson(table) < 1) throw new Error('empty table')
        json.push(performance.now() - t)
        t = performance.now()
        const bytes = await (await call('getSpanColumns', { id })).arrayBuffer()
        if (columns.fromBinary(bytes) < 1) throw new Error('empty columns')
        binary.push(performance.now() - t)
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
      return [median(json), median(binary)] as [number, number]
    },
    { token, name },
  )
}

const pct = (xs: number[], p: number): number => {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
const r1 = (x: number): number => Math.round(x * 10) / 10

function fail(message: string): never {
  console.error(`bench:ui: ${message}`)
  process.exit(1)
}

/** Clicks the trace's row in the library and waits for the timeline's first paint. */
async function openTrace(page: Page, name: string): Promise<number> {
  await page.getByText(name, { exact: true }).first().waitFor({ timeout: 60_000 })
  await page.evaluate(() =>
    ['tracedeck:timeline-first-paint', 'tracedeck:trace-fetched', 'tracedeck:trace-ready'].forEach(
      (m) => performance.clearMarks(m),
    ),
  )
  const t0 = await page.evaluate(() => performance.now())
  await page.getByText(name, { exact: true }).first().click()
  await page.waitForFunction(
    () => performance.getEntriesByName('tracedeck:timeline-first-paint').length > 0,
    null,
    { timeout: 300_000 },
  )
  const marks = await page.evaluate(() =>
    ['tracedeck:trace-fetched', 'tracedeck:trace-ready', 'tracedeck:timeline-first-paint'].map(
      (m) => performance.getEntriesByName(m)[0]?.startTime ?? NaN,
    ),
  )
  lastOpen = { fetchMs: marks[0] - t0, readyMs: marks[1] - t0 }
  return marks[2] - t0
}

/** Where the last cold open spent its time: host answers received, columns ready (ms after the click). */
let lastOpen = { fetchMs: NaN, readyMs: NaN }

/** Drives real input (Chromium's input pipeline) over the timeline and collects frame stats. */
async function interact(page: Page): Promise<{ work: number[]; intervals: number[] }> {
  const box = await page.getByTestId('timeline').boundingBox()
  if (!box) throw new Error('timeline canvas not found')
  const x = box.x + box.width * 0.4
  const y = box.y + box.height * 0.5
  await page.mouse.move(x, y)
  await page.evaluate(() => {
    ;(window as BenchWindow).__tdFrames!.length = 0
    // A free-running rAF loop: its intervals show dropped frames whatever the input cadence.
    const w = window as unknown as { __tdTicks: number[]; __tdTicking: boolean }
    w.__tdTicks = []
    w.__tdTicking = true
    let last = 0
    const tick = (t: number) => {
      if (last) w.__tdTicks.push(t - last)
      last = t
      if (w.__tdTicking) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  for (let k = 0; k < 40; k++) await page.mouse.wheel(0, k < 20 ? -120 : 60) // zoom in, then out
  await page.keyboard.down('Shift')
  for (let k = 0; k < 30; k++) await page.mouse.wheel(0, k % 2 ? 200 : -150) // pan
  await page.keyboard.up('Shift')
  await page.mouse.down()
  for (let k = 0; k < 40; k++)
    await page.mouse.move(x + Math.sin(k / 5) * 200, y + Math.cos(k / 7) * 120, { steps: 2 }) // drag-pan both axes
  await page.mouse.up()
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  )
  const frames = await page.evaluate(() => (window as BenchWindow).__tdFrames!.slice())
  const intervals = await page.evaluate(() => {
    const w = window as unknown as { __tdTicks: number[]; __tdTicking: boolean }
    w.__tdTicking = false
    return w.__tdTicks
  })
  return { work: frames.map((f) => f.work), intervals }
}

/** Presses Next and waits until the timeline has drawn the new step; returns ms per press. */
async function stepTimes(page: Page, presses: number): Promise<number[]> {
  await page
    .locator('body')
    .click({ position: { x: 5, y: 5 } })
    .catch(() => undefined)
  const times: number[] = []
  for (let k = 0; k < presses; k++) {
    const ms = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="timeline"]')!
          const before = Number(canvas.dataset.drawnStep)
          const t0 = performance.now()
          const observer = new MutationObserver(() => {
            if (Number(canvas.dataset.drawnStep) !== before) {
              observer.disconnect()
              done(performance.now() - t0)
            }
          })
          observer.observe(canvas, { attributes: true, attributeFilter: ['data-drawn-step'] })
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
        }),
    )
    times.push(ms)
  }
  return times
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(resolve(OUT, 'renderer/index.html')))
    fail('the app is not built: run "npm run build" first')
  if (!existsSync(CHROMIUM))
    fail(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`)
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-bench-ui-'))
  const db = join(dir, 'lib.db')
  const results: Result[] = []
  let server: ChildProcess | null = null
  try {
    const names = new Map<number, string>()
    const importS = new Map<number, number>()
    const sizes = new Map<number, number>()
    for (const n of SIZES) {
      const file = join(dir, `bench-${n}.json`)
      const name = `bench ${n.toLocaleString('en-US')} spans`
      writeOtlpTrace(file, n, name)
      sizes.set(n, statSync(file).size / 1e6)
      const t = Date.now()
      const run = spawnSync(
        process.execPath,
        ['--max-old-space-size=8192', CLI, '--db', db, 'import', file],
        { encoding: 'utf8' },
      )
      if (run.status !== 0) fail(`import of ${n} spans failed: ${run.stderr}`)
      importS.set(n, (Date.now() - t) / 1000)
      rmSync(file)
      names.set(n, name)
      console.error(`bench:ui: ${n} spans imported in ${importS.get(n)} s`)
    }
    const started = await startServe(CLI, db)
    server = started.proc
    const browser = await chromium.launch(CHROMIUM_LAUNCH)
    try {
      for (const n of SIZES) {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
        await context.addInitScript(() => {
          ;(window as BenchWindow).__tdBench = true
        })
        const page = await context.newPage()
        page.setDefaultTimeout(300_000)
        await page.goto(started.url)
        // Warm the page (scripts parsed and JIT-ed) on the library before timing the open.
        const openMs = await openTrace(page, names.get(n)!)
        const breakdown = { ...lastOpen }
        const { work, intervals } = await interact(page)
        const steps = await stepTimes(page, 30)
        // Back to the library and open the same trace again (the renderer keeps recent traces).
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('button', { name: 'Library' })
          .click()
        const reopenMs = await openTrace(page, names.get(n)!)
        const [columnsJsonMs, columnsBinaryMs] = await columnsTransfer(
          page,
          started.url,
          names.get(n)!,
        )
        results.push({
          spans: n,
          fileMB: r1(sizes.get(n)!),
          importS: r1(importS.get(n)!),
          openMs: r1(openMs),
          reopenMs: r1(reopenMs),
          openFetchMs: r1(breakdown.fetchMs),
          openReadyMs: r1(breakdown.readyMs),
          frameP50Ms: r1(pct(work, 50)),
          frameP95Ms: r1(pct(work, 95)),
          frameMaxMs: r1(Math.max(...work)),
          intervalP50Ms: r1(pct(intervals, 50)),
          intervalP95Ms: r1(pct(intervals, 95)),
          frames: work.length,
          dropped: intervals.filter((d) => d > 25).length,
          vsyncs: intervals.length,
          stepP50Ms: r1(pct(steps, 50)),
          stepP95Ms: r1(pct(steps, 95)),
          columnsJsonMs: r1(columnsJsonMs),
          columnsBinaryMs: r1(columnsBinaryMs),
        })
        await context.close()
      }
    } finally {
      await browser.close()
    }
  } finally {
    server?.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }

  mkdirSync('.bench', { recursive: true })
  const at100k = results.find((r) => r.spans === 100_000)
  const verdict = at100k
    ? {
        open: at100k.openMs <= TARGETS.openMs,
        frameP95: at100k.frameP95Ms <= TARGETS.frameP95Ms,
        step: at100k.stepP95Ms <= TARGETS.stepMs,
      }
    : null
  writeFileSync(
    '.bench/ui.json',
    `${JSON.stringify({ when: new Date().toISOString(), machine: { cpus: cpus().length, loadAverage: loadavg().map(r1) }, chromium: CHROMIUM, targets100k: TARGETS, verdict100k: verdict, results }, null, 2)}\n`,
  )
  const head = [
    'spans',
    'file MB',
    'import s',
    'open→paint ms',
    '(fetched)',
    'reopen ms',
    'frame p50',
    'frame p95',
    'frame max',
    'vsync p50',
    'vsync p95',
    'dropped',
    'step p50',
    'step p95',
    'cols JSON ms',
    'cols binary ms',
    'ratio',
  ]
  const rows = results.map((r) =>
    [
      r.spans.toLocaleString('en-US'),
      r.fileMB,
      r.importS,
      r.openMs,
      r.openFetchMs,
      r.reopenMs,
      r.frameP50Ms,
      r.frameP95Ms,
      r.frameMaxMs,
      r.intervalP50Ms,
      r.intervalP95Ms,
      `${r.dropped}/${r.vsyncs}`,
      r.stepP50Ms,
      r.stepP95Ms,
      r.columnsJsonMs,
      r.columnsBinaryMs,
      `${r1(r.columnsBinaryMs / r.columnsJsonMs)}×`,
    ].map(String),
  )
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)))
  const line = (cells: string[]) =>
    cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ')
  console.log(line(head))
  for (const row of rows) console.log(line(row))
  if (verdict) {
    console.log(
      `targets at 100k: open ≤ ${TARGETS.openMs} ms ${verdict.open ? 'met' : 'MISSED'} · p95 frame ≤ ${TARGETS.frameP95Ms} ms ${verdict.frameP95 ? 'met' : 'MISSED'} · step ≤ ${TARGETS.stepMs} ms ${verdict.step ? 'met' : 'MISSED'}`,
    )
  }
  console.log(
    `machine: ${cpus().length} CPUs, load average ${loadavg().map(r1).join(' / ')} (other work on the machine inflates every figure)`,
  )
  console.log(
    'frame = input handling + canvas draws per frame (JS work); vsync = rAF interval while interacting (16.7 ms = no frame lost); dropped = frames over 25 ms',
  )
}

main().catch((error: Error) => fail(error.stack ?? error.message))
