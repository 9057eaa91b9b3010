/**
 * bench:receive — spans per second sustained from the real OpenTelemetry JS exporter (another
 * process, batch span processor) into the library through tracedeck's OTLP receiver, as a
 * ratio to the same exporter sending to a receiver that only decodes and discards (the same
 * HTTP handler with a sink that drops the spans), measured in the same run, for OTLP/HTTP JSON
 * and protobuf. Also the latency from a trace's last span arriving to the trace being
 * replayable (committed), against the quiet time. Targets (issue 13): ratio ≥ 0.5, latency ≤
 * quiet time + 100 ms. Writes .bench/receive.json.
 *
 *   npm run bench:receive [-- --traces=N --spans=M --quiet=ms]   (BENCH_PROTOCOLS=http-proto for one)
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { LiveService } from '../../src/main/core/live/live-service'
import { startReceiver } from '../../src/main/core/live/receiver'
import { loadPriceTable } from '../../src/main/core/pricing/price-table'
import { openDatabase } from '../../src/main/core/store/connection'
import { isObj, list, type Obj } from '../../src/main/core/import/formats/otlp/fields'

const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`))
  return a ? Number(a.split('=')[1]) : fallback
}
const TRACES = arg('traces', 400)
const SPANS = arg('spans', 25)
const QUIET = arg('quiet', 500)
const CHILD = resolve('test/bench/receive-child.mjs')

function countSpans(req: Obj): number {
  let n = 0
  for (const rs of list(req, 'resourceSpans'))
    if (isObj(rs)) for (const ss of list(rs, 'scopeSpans')) if (isObj(ss)) n += list(ss, 'spans').length
  return n
}

function runExporter(endpoint: string, protocol: string): Promise<number> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [CHILD, protocol, String(TRACES), String(SPANS)], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.on('close', (code) => (code === 0 ? res((JSON.parse(out) as { spans: number }).spans) : rej(new Error(`exporter exited ${code}`))))
  })
}

interface Result {
  spans: number
  seconds: number
  spansPerSecond: number
}

/** The baseline: decode every request, count its spans, keep nothing. */
async function discard(protocol: string): Promise<Result> {
  let first = 0
  let last = 0
  let spans = 0
  const receiver = await startReceiver({
    port: 0,
    sink: (req) => {
      first ||= performance.now()
      spans += countSpans(req)
      last = performance.now()
      return { rejected: 0, message: '' }
    },
  })
  const sent = await runExporter(receiver.endpoint, protocol)
  await receiver.close()
  if (spans !== sent) throw new Error(`discard receiver saw ${spans} of ${sent} spans`)
  const seconds = (last - first) / 1000
  return { spans, seconds, spansPerSecond: spans / seconds }
}

/** Into a real library file: the time from the first span received to the last span committed. */
async function library(protocol: string): Promise<Result & { latencyMs: { p50: number; p95: number; max: number } }> {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-bench-receive-'))
  const db = openDatabase(join(dir, 'library.db'))
  const live = new LiveService({ db, prices: loadPriceTable(), quietMs: QUIET })
  let first = 0
  let committedSpans = 0
  let lastCommit = 0
  const latencies: number[] = []
  const lastSpanAt = new Map<string, number>()
  live.listen({
    onGrow: (ids) => {
      const now = performance.now()
      for (const id of ids) lastSpanAt.set(id, now)
    },
    onCommit: (batch) => {
      const now = performance.now()
      for (const c of batch) {
        committedSpans += c.spanCount
        const at = lastSpanAt.get(c.id)
        if (at !== undefined) latencies.push(now - at)
      }
      lastCommit = now
    },
  })
  const receiver = await startReceiver({
    port: 0,
    sink: (req) => {
      first ||= performance.now()
      return live.sink(req)
    },
  })
  live.start()
  const sent = await runExporter(receiver.endpoint, protocol)
  const deadline = Date.now() + 60_000
  while (db.prepare('SELECT coalesce(sum(span_count), 0) FROM traces').pluck().get() !== sent) {
    if (Date.now() > deadline) throw new Error('not every span reached the library')
    await new Promise((r) => setTimeout(r, 5))
  }
  await receiver.close()
  live.stop()
  db.close()
  rmSync(dir, { recursive: true, force: true })
  // The quiet time is a wait the library adds on purpose after the last span: it is reported
  // as latency, not counted against the rate.
  const seconds = (lastCommit - first - QUIET) / 1000
  latencies.sort((a, b) => a - b)
  const pick = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))])
  void committedSpans
  return {
    spans: sent,
    seconds,
    spansPerSecond: sent / seconds,
    latencyMs: { p50: pick(0.5), p95: pick(0.95), max: Math.round(latencies[latencies.length - 1]) },
  }
}

const rows: Record<string, unknown>[] = []
for (const protocol of (process.env.BENCH_PROTOCOLS ?? 'http-json,http-proto').split(',')) {
  const base = await discard(protocol)
  const lib = await library(protocol)
  rows.push({
    protocol,
    spans: base.spans,
    discardSpansPerSecond: Math.round(base.spansPerSecond),
    librarySpansPerSecond: Math.round(lib.spansPerSecond),
    ratio: Number((lib.spansPerSecond / base.spansPerSecond).toFixed(2)),
    quietMs: QUIET,
    latencyMs: lib.latencyMs,
    latencyOverQuietMs: { p50: lib.latencyMs.p50 - QUIET, max: lib.latencyMs.max - QUIET },
  })
}

mkdirSync('.bench', { recursive: true })
writeFileSync('.bench/receive.json', JSON.stringify({ traces: TRACES, spansPerTrace: SPANS, quietMs: QUIET, rows }, null, 2) + '\n')
console.log(`bench:receive — ${TRACES} traces × ${SPANS} spans from the real OTLP/HTTP exporter (batch span processor), quiet time ${QUIET} ms`)
console.log('PROTOCOL    DISCARD span/s  LIBRARY span/s  RATIO  LAST SPAN → REPLAYABLE (p50 / p95 / max)')
for (const r of rows as { protocol: string; discardSpansPerSecond: number; librarySpansPerSecond: number; ratio: number; latencyMs: { p50: number; p95: number; max: number } }[]) {
  console.log(
    `${r.protocol.padEnd(11)} ${String(r.discardSpansPerSecond).padStart(14)}  ${String(r.librarySpansPerSecond).padStart(14)}  ${r.ratio.toFixed(2).padStart(5)}  ${r.latencyMs.p50} / ${r.latencyMs.p95} / ${r.latencyMs.max} ms (quiet ${QUIET} ms + ${r.latencyMs.p50 - QUIET} / ${r.latencyMs.p95 - QUIET} / ${r.latencyMs.max - QUIET})`,
  )
}
