/**
 * First look at a freshly dropped file, in real Chromium, against peers measured in the same run:
 *  - tracedeck: the file given to the page's Open… input (what a drop does) → the browser host
 *    uploads, imports and opens it → the timeline's first paint; plus the server's peak RSS;
 *  - floor: the same page reading the same File and JSON.parse-ing it (the least any viewer that
 *    parses the file in the page must do);
 *  - speedscope (npm devDependency, its release build served locally) on the Chrome files: load
 *    by #profileURL → its flame chart drawn (title set, canvas painted).
 * Jaeger UI and the DevTools Performance panel cannot be run here (no build of Jaeger UI offline;
 * DevTools' frontend is not scriptable headless): the floor stands in for them.
 * Writes .bench/first-look.json and prints a table. Run: npm run bench:first-look (needs
 * `npm run build`). FIRST_LOOK_LARGE=1 adds the 200 MB Chrome file; FIRST_LOOK_ONLY=<words> keeps
 * the cases whose label contains them (e.g. "20k", "4 threads") for a quick run.
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import { extname, join, resolve } from 'node:path'
import { CHROMIUM_LAUNCH, startServe } from './bench-host'
import { chromium, type Browser } from 'playwright-core'
import { writeChromeTrace, writeJaegerTrace } from './first-look-files'

const OUT = resolve(process.env.TRACEDECK_OUT ?? 'out')
const CLI = resolve(OUT, 'main/cli.js')
const CHROMIUM = CHROMIUM_LAUNCH.executablePath
const SPEEDSCOPE = resolve('node_modules/speedscope/dist/release')
const r1 = (x: number) => Math.round(x * 10) / 10

interface Case {
  label: string
  make(path: string): void
  speedscope: boolean
}

const CASES: Case[] = [
  {
    label: 'Jaeger JSON, 20k spans',
    make: (p) => void writeJaegerTrace(p, 20_000),
    speedscope: false,
  },
  {
    label: 'Jaeger JSON, 100k spans',
    make: (p) => void writeJaegerTrace(p, 100_000),
    speedscope: false,
  },
  {
    label: 'Chrome trace, 50 MB, 4 threads',
    make: (p) => void writeChromeTrace(p, 50e6, 4),
    speedscope: true,
  },
  {
    label: 'Chrome trace, 50 MB, 64 threads',
    make: (p) => void writeChromeTrace(p, 50e6, 64),
    speedscope: true,
  },
  ...(process.env.FIRST_LOOK_LARGE
    ? [
        {
          label: 'Chrome trace, 200 MB, 64 threads',
          make: (p: string) => void writeChromeTrace(p, 200e6, 64),
          speedscope: true,
        },
      ]
    : []),
]

interface Row {
  file: string
  fileMB: number
  tracedeckMs: number
  floorMs: number
  speedscopeMs: number | null
  serverPeakRssMB: number
  /** tracedeck ÷ the fastest of floor and speedscope. */
  ratio: number
}

function fail(message: string): never {
  console.error(`bench:first-look: ${message}`)
  process.exit(1)
}

/** Peak resident memory of a process so far (VmHWM; the process and its worker threads). */
function peakRssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  return kb / 1024
}

/** A static server for speedscope's build and the profile (speedscope loads it by URL). */
function staticServer(files: Map<string, string>): Promise<{ server: Server; base: string }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.wasm': 'application/wasm',
  }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = files.get(path) ?? join(SPEEDSCOPE, path === '/' ? 'index.html' : path)
    if (!file.startsWith(SPEEDSCOPE) && !files.has(path)) return void res.writeHead(404).end()
    if (!existsSync(file)) return void res.writeHead(404).end()
    res.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
    })
    createReadStream(file).pipe(res)
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      done({
        server,
        base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      })
    }),
  )
}

/** tracedeck: Open… with the file → first paint of its timeline (ms), and the server's peak RSS. */
async function tracedeck(browser: Browser, file: string): Promise<{ ms: number; rssMB: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-first-look-'))
  const { url, proc } = await startServe(CLI, join(dir, 'lib.db'), ['--max-old-space-size=8192'])
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    const page = await context.newPage()
    page.setDefaultTimeout(600_000)
    await page.goto(url)
    await page.locator('input[type=file]').waitFor({ state: 'attached' })
    const t0 = await page.evaluate(() => performance.now())
    await page.locator('input[type=file]').setInputFiles(file)
    await page.waitForFunction(
      () => performance.getEntriesByName('tracedeck:timeline-first-paint').length > 0,
      null,
      { timeout: 600_000 },
    )
    const painted = await page.evaluate(
      () => performance.getEntriesByName('tracedeck:timeline-first-paint')[0].startTime,
    )
    return { ms: painted - t0, rssMB: peakRssMB(proc.pid!) }
  } finally {
    await context.close()
    proc.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The floor: the page reads the dropped File and parses it (ms). */
async function floor(browser: Browser, file: string): Promise<number> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.setContent('<input type="file" id="f">')
    await page.evaluate(() => {
      const input = document.getElementById('f') as HTMLInputElement
      ;(window as unknown as { done: Promise<number> }).done = new Promise((resolveMs) =>
        input.addEventListener('change', async () => {
          const t0 = performance.now()
          const value = JSON.parse(await input.files![0].text())
          if (!value) throw new Error('empty')
          resolveMs(performance.now() - t0)
        }),
      )
    })
    await page.locator('#f').setInputFiles(file)
    return await page.evaluate(() => (window as unknown as { done: Promise<number> }).done)
  } finally {
    await context.close()
  }
}

/** speedscope: load the profile by URL → title set and the flame chart canvas painted (ms). */
async function speedscope(browser: Browser, file: string): Promise<number> {
  const { server, base } = await staticServer(new Map([['/profile.json', file]]))
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    const page = await context.newPage()
    page.setDefaultTimeout(600_000)
    await page.goto(`${base}/index.html#profileURL=${encodeURIComponent(`${base}/profile.json`)}`)
    await page.waitForFunction(
      () => document.title.includes('profile.json') && document.querySelector('canvas') !== null,
      null,
      { timeout: 600_000, polling: 50 },
    )
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    )
    // From navigation start: speedscope's own page load is part of its first look.
    return await page.evaluate(() => performance.now())
  } finally {
    await context.close()
    server.close()
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(resolve(OUT, 'renderer/index.html')))
    fail('the app is not built: run "npm run build" first')
  if (!existsSync(CHROMIUM))
    fail(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`)
  const hasSpeedscope = existsSync(join(SPEEDSCOPE, 'index.html'))
  if (!hasSpeedscope) fail('speedscope is not installed (npm install)')
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-first-look-files-'))
  const browser = await chromium.launch(CHROMIUM_LAUNCH)
  const rows: Row[] = []
  try {
    const only = process.env.FIRST_LOOK_ONLY
    for (const c of CASES.filter((k) => !only || k.label.includes(only))) {
      const file = join(dir, `${c.label.replace(/[^a-z0-9]+/gi, '-')}.json`)
      c.make(file)
      const fileMB = statSync(file).size / 1e6
      console.error(`bench:first-look: ${c.label} (${r1(fileMB)} MB)…`)
      const floorMs = await floor(browser, file)
      const td = await tracedeck(browser, file)
      const ss = c.speedscope ? await speedscope(browser, file) : null
      const best = Math.min(floorMs, ss ?? Infinity)
      rows.push({
        file: c.label,
        fileMB: r1(fileMB),
        tracedeckMs: r1(td.ms),
        floorMs: r1(floorMs),
        speedscopeMs: ss === null ? null : r1(ss),
        serverPeakRssMB: r1(td.rssMB),
        ratio: Math.round((td.ms / best) * 100) / 100,
      })
      rmSync(file)
    }
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
  mkdirSync('.bench', { recursive: true })
  writeFileSync(
    '.bench/first-look.json',
    `${JSON.stringify({ when: new Date().toISOString(), machine: { cpus: cpus().length, loadAverage: loadavg().map(r1) }, rows }, null, 2)}\n`,
  )
  const head = [
    'file',
    'MB',
    'tracedeck ms',
    'floor ms',
    'speedscope ms',
    'ratio',
    'server peak RSS MB',
    'RSS ÷ file',
  ]
  const table = rows.map((r) => [
    r.file,
    String(r.fileMB),
    String(r.tracedeckMs),
    String(r.floorMs),
    r.speedscopeMs === null ? '–' : String(r.speedscopeMs),
    `${r.ratio}×`,
    String(r.serverPeakRssMB),
    `${r1(r.serverPeakRssMB / r.fileMB)}×`,
  ])
  const widths = head.map((h, k) => Math.max(h.length, ...table.map((row) => row[k].length)))
  const line = (cells: string[]) =>
    cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ')
  console.log(line(head))
  for (const row of table) console.log(line(row))
  console.log(
    'ratio = tracedeck ÷ the fastest of the floor (read + JSON.parse in the page) and speedscope; ≤ 1× is the goal',
  )
  console.log(
    `machine: ${cpus().length} CPUs, load average ${loadavg().map(r1).join(' / ')} (other work on the machine inflates every figure)`,
  )
}

main().catch((error) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
)
