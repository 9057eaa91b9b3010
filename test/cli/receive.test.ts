/**
 * `tracedeck receive` from the built CLI: the real OTLP/HTTP exporter (protobuf, another process)
 * sends an agent run; the CLI prints a line per committed trace, the trace is in the library for
 * `list`, and Ctrl+C (SIGINT) commits what is still live before it stops. A restart after a kill
 * says which live traces were lost.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const CLI = resolve(process.env.TRACEDECK_OUT ?? 'out', 'main', 'cli.js')
const CHILD = fileURLToPath(new URL('../live/export-child.mjs', import.meta.url))
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }

function receive(db: string, args: string[]) {
  const proc = spawn(process.execPath, [CLI, '--db', db, ...args, 'receive', '--otlp-port', '0', '--quiet', '0.3'], { env }) as ChildProcessWithoutNullStreams
  let out = ''
  let err = ''
  proc.stdout.on('data', (d) => (out += d))
  proc.stderr.on('data', (d) => (err += d))
  const waitFor = async (re: RegExp, ms = 20_000) => {
    const end = Date.now() + ms
    while (!re.test(out)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${re} in:\n${out}\n${err}`)
      await new Promise((r) => setTimeout(r, 25))
    }
    return out.match(re)!
  }
  const exited = new Promise<number | null>((r) => proc.on('close', (code) => r(code)))
  return { proc, waitFor, exited, output: () => out, errors: () => err }
}

function exportTo(endpoint: string, traces: string, children: string) {
  const r = spawnSync(process.execPath, [CHILD, 'http-proto', traces, children], { env: { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, encoding: 'utf8', timeout: 60_000 })
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as { traces: { traceId: string; name: string }[] }
}

describe('tracedeck receive', () => {
  it('prints each trace as it is committed, and list shows it afterwards', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'tracedeck-receive-')), 'library.db')
    const r = receive(db, [])
    const [, endpoint] = await r.waitFor(/Endpoint (http:\/\/127\.0\.0\.1:\d+)/)
    const sent = exportTo(endpoint, '2', '6')
    await r.waitFor(/committed .*agent run 1/)
    const lines = r.output().split('\n').filter((l) => l.startsWith('committed'))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^committed {2}agent run \d {2}7 spans {2}[\d.]+ ?\S+ {2}OK {2}[\d,]+ tokens {2}[0-9a-f]{12}$/)
    r.proc.kill('SIGINT')
    expect(await r.exited).toBe(0)
    const list = spawnSync(process.execPath, [CLI, '--db', db, '--json', 'list'], { env, encoding: 'utf8' })
    const traces = JSON.parse(list.stdout) as { sourceTraceId: string; spanCount: number }[]
    expect(traces.map((t) => t.sourceTraceId).sort()).toEqual(sent.traces.map((t) => t.traceId).sort())
  })

  it('--json prints one object per line; after a kill the next start names the lost live traces', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'tracedeck-receive-')), 'library.db')
    const r = receive(db, ['--json'])
    const [listening] = await r.waitFor(/^\{"event":"listening".*\}$/m)
    const { endpoint } = JSON.parse(listening) as { endpoint: string }
    // A root-less request: it stays live (waiting for its root) until the process is killed.
    const body = JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', parentSpanId: '00f067aa0ba902b7', name: 'child', startTimeUnixNano: '1750000000000000000', endTimeUnixNano: '1750000001000000000' }] }] }],
    })
    const res = await fetch(`${endpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(res.status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 1500)) // the journal is written within a second
    r.proc.kill('SIGKILL')
    await r.exited
    const again = receive(db, ['--json'])
    await again.waitFor(/"event":"listening"/)
    expect(again.errors()).toMatch(/the last receiver stopped before committing 1 live trace \(1 span, last at \d{4}-/)
    again.proc.kill('SIGINT')
    expect(await again.exited).toBe(0)
  })
})
