/**
 * UI benchmark of the library list, in real Chromium through the browser host (`tracedeck
 * serve`), on 10,000 imported traces:
 *  - load: page open → the list shows "10,000 traces";
 *  - sort: click a column header → the first row changes;
 *  - filter: a typed search → the count changes (includes the 300 ms typing pause);
 *  - scroll: the list scrolled by 4 rows per animation frame for 3 s (a brisk wheel), then by
 *    20 (a hard fling): frame intervals (p50, p95, max), frames over 1.5 idle vsyncs, and the
 *    most row elements ever in the DOM; the same loop idle gives this machine's baseline.
 * Targets: load ≤ 1500 ms, sort ≤ 150 ms, p95 frame interval ≤ 25 ms, rows in DOM ≤ 80.
 * Writes .bench/library.json and prints a table. Run: npm run bench:library (needs a build).
 * The bundle goes to .bench/library/ so the harness finds the repository two folders up.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { libraryExport } from '../fixtures/library-traces'
import { launchBrowser, startHost } from '../e2e/harness'

const N = 10_000
const TARGETS = { loadMs: 1500, sortMs: 150, frameP95Ms: 25, domRows: 80 }

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const r1 = (x: number) => Math.round(x * 10) / 10

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-bench-library-'))
  const file = join(dir, 'library.json')
  writeFileSync(file, libraryExport(N))
  const host = await startHost({ timeoutMs: 60_000 })
  const browser = await launchBrowser()
  try {
    const [report] = await host.api('importFiles', { paths: [file], jobId: 'bench' })
    if (report.error) throw new Error(report.error)
    const page = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 } })
    ).newPage()
    const summary = page.locator('.td-filters__summary')
    const first = () =>
      page
        .locator('.td-table__body [role="row"]')
        .first()
        .locator('.td-namecell .td-strong')
        .innerText()

    let t = Date.now()
    await page.goto(host.url)
    await page.getByText('10,000 traces', { exact: true }).waitFor({ timeout: 60_000 })
    const loadMs = Date.now() - t

    const sorts: number[] = []
    for (const label of ['Cost', 'Tokens', 'Name', 'Started']) {
      const before = await first()
      t = Date.now()
      await page
        .locator('.td-table__head')
        .getByRole('button', { name: new RegExp(`^${label}`) })
        .click()
      while ((await first()) === before && Date.now() - t < 10_000) await page.waitForTimeout(5)
      sorts.push(Date.now() - t)
    }

    t = Date.now()
    await page.getByLabel('Search').fill('invoice')
    await summary.getByText(/match/).waitFor()
    const filterMs = Date.now() - t
    await page.getByRole('button', { name: 'Clear' }).click()
    await page.getByText('10,000 traces', { exact: true }).waitFor()

    // The same rAF loop without scrolling: what this machine's frames cost with nothing to do.
    const idle = await page.evaluate(async () => {
      const intervals: number[] = []
      let last = performance.now()
      const end = last + 1500
      await new Promise<void>((done) => {
        const step = (now: number) => {
          intervals.push(now - last)
          last = now
          if (now < end) requestAnimationFrame(step)
          else done()
        }
        requestAnimationFrame(step)
      })
      return intervals.slice(1)
    })
    // Scrolls by `rows` rows per animation frame for 3 s (4 ≈ a brisk wheel, 20 a hard fling).
    const scrollAt = (rowsPerFrame: number) =>
      page.evaluate(async (perFrame) => {
        const body = document.querySelector('.td-table__body') as HTMLElement
        const intervals: number[] = []
        let maxRows = 0
        let last = performance.now()
        const end = last + 3000
        await new Promise<void>((done) => {
          const step = (now: number) => {
            intervals.push(now - last)
            last = now
            body.scrollTop += perFrame * 44
            if (body.scrollTop + body.clientHeight >= body.scrollHeight) body.scrollTop = 0
            maxRows = Math.max(maxRows, body.querySelectorAll('[role="row"]').length)
            if (now < end) requestAnimationFrame(step)
            else done()
          }
          requestAnimationFrame(step)
        })
        return { intervals: intervals.slice(1), maxRows }
      }, rowsPerFrame)
    const scroll = await scrollAt(4)
    const fling = await scrollAt(20)
    const vsync = pct(idle, 50)
    const result = {
      traces: N,
      loadMs,
      sortP50Ms: pct(sorts, 50),
      sortMaxMs: Math.max(...sorts),
      filterMs,
      idleFrameP50Ms: r1(pct(idle, 50)),
      idleFrameP95Ms: r1(pct(idle, 95)),
      frameP50Ms: r1(pct(scroll.intervals, 50)),
      frameP95Ms: r1(pct(scroll.intervals, 95)),
      frameMaxMs: r1(Math.max(...scroll.intervals)),
      dropped: scroll.intervals.filter((x) => x > vsync * 1.5).length,
      frames: scroll.intervals.length,
      flingFrameP50Ms: r1(pct(fling.intervals, 50)),
      flingFrameP95Ms: r1(pct(fling.intervals, 95)),
      flingDropped: fling.intervals.filter((x) => x > vsync * 1.5).length,
      flingFrames: fling.intervals.length,
      maxRowsInDom: Math.max(scroll.maxRows, fling.maxRows),
      loadAvg: r1(loadavg()[0]),
    }
    mkdirSync('.bench', { recursive: true })
    writeFileSync(
      '.bench/library.json',
      JSON.stringify({ date: new Date().toISOString(), targets: TARGETS, result }, null, 2),
    )
    console.log('metric              value   target')
    const row = (name: string, value: number, target?: number) =>
      console.log(
        `${name.padEnd(18)} ${String(value).padStart(7)}   ${target === undefined ? '' : `≤ ${target}`}`,
      )
    row('load ms', result.loadMs, TARGETS.loadMs)
    row('sort p50 ms', result.sortP50Ms, TARGETS.sortMs)
    row('sort max ms', result.sortMaxMs)
    row('filter ms', result.filterMs)
    row('idle frame p50 ms', result.idleFrameP50Ms)
    row('idle frame p95 ms', result.idleFrameP95Ms)
    row('frame p50 ms', result.frameP50Ms)
    row('frame p95 ms', result.frameP95Ms, TARGETS.frameP95Ms)
    row('frame max ms', result.frameMaxMs)
    row('dropped frames', result.dropped)
    row('frames', result.frames)
    row('fling p50 ms', result.flingFrameP50Ms)
    row('fling p95 ms', result.flingFrameP95Ms)
    row('fling dropped', result.flingDropped)
    row('fling frames', result.flingFrames)
    row('rows in DOM (max)', result.maxRowsInDom, TARGETS.domRows)
    row('load average', result.loadAvg)
  } finally {
    await browser.close()
    await host.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
