/**
 * Files for the first-look benchmark, written as the producers write them: a Jaeger UI JSON
 * export of one trace (an agent-like tree of services and operations) and a Chrome Trace Event
 * file (nested complete events on a number of threads, with thread-name metadata), each of a
 * given size. Deterministic (seeded), so runs compare.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { rng } from './compare-traces'

/** Buffered writes: files of hundreds of MB without holding them in memory. */
function writer(path: string) {
  const fd = openSync(path, 'w')
  let chunk: string[] = []
  let size = 0
  const flush = () => {
    writeSync(fd, chunk.join(''))
    chunk = []
    size = 0
  }
  return {
    write(text: string) {
      chunk.push(text)
      size += text.length
      if (size > 1 << 20) flush()
    },
    close() {
      flush()
      closeSync(fd)
    },
  }
}

const OPERATIONS = [
  'HTTP GET /api/search',
  'chat gpt-4o-mini',
  'tool lookup_order',
  'retrieve docs',
  'db.query SELECT',
  'cache get',
  'render answer',
]

/** A Jaeger export of one trace with `spans` spans; returns the trace id. */
export function writeJaegerTrace(path: string, spans: number, seed = 7): string {
  const random = rng(seed)
  const traceID = 'f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6'
  const out = writer(path)
  out.write(`{"data":[{"traceID":"${traceID}","spans":[`)
  const t0 = 1_750_000_000_000_000
  // Depth-first: a stack of open parents, each with its time window.
  const stack: { id: string; start: number; end: number }[] = []
  for (let i = 0; i < spans; i++) {
    while (stack.length > 8 || (stack.length > 0 && random() < 0.3)) stack.pop()
    const parent = stack[stack.length - 1]
    const start = parent
      ? parent.start + Math.floor(random() * (parent.end - parent.start) * 0.5)
      : t0
    const duration = parent ? Math.max(1, Math.floor((parent.end - start) * random())) : spans * 100
    const id = (i + 1).toString(16).padStart(16, '0')
    const span = {
      traceID,
      spanID: id,
      operationName: OPERATIONS[i % OPERATIONS.length],
      references: parent ? [{ refType: 'CHILD_OF', traceID, spanID: parent.id }] : [],
      startTime: start,
      duration,
      tags: [
        { key: 'span.kind', type: 'string', value: 'client' },
        { key: 'http.status_code', type: 'int64', value: 200 },
      ],
      logs: [],
      processID: `p${(i % 4) + 1}`,
      warnings: null,
    }
    out.write((i ? ',' : '') + JSON.stringify(span))
    stack.push({ id, start, end: start + duration })
  }
  const processes = Object.fromEntries(
    [1, 2, 3, 4].map((p) => [`p${p}`, { serviceName: `service-${p}`, tags: [] }]),
  )
  out.write(`],"processes":${JSON.stringify(processes)},"warnings":null}]}`)
  out.close()
  return traceID
}

/**
 * A Chrome Trace Event file of about `bytes` bytes with `threads` threads in one process:
 * nested complete ("X") events per thread, thread names as metadata ("M") events.
 */
export function writeChromeTrace(path: string, bytes: number, threads: number, seed = 11): number {
  const random = rng(seed)
  const out = writer(path)
  out.write('{"traceEvents":[')
  out.write(
    JSON.stringify({ name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: 'Renderer' } }),
  )
  for (let t = 1; t <= threads; t++) {
    out.write(
      ',' +
        JSON.stringify({
          name: 'thread_name',
          ph: 'M',
          pid: 1,
          tid: t,
          args: { name: `Worker ${t}` },
        }),
    )
  }
  let written = 0
  let events = 0
  const clock = new Array<number>(threads + 1).fill(1_000)
  const names = ['FunctionCall', 'v8.compile', 'Layout', 'Paint', 'EventDispatch', 'RunTask', 'GC']
  while (written < bytes) {
    const tid = 1 + (events % threads)
    // One top-level task with a few nested children, laid out inside it.
    const start = clock[tid]
    const dur = 200 + Math.floor(random() * 800)
    const children = 1 + Math.floor(random() * 4)
    const line = [
      JSON.stringify({ name: 'RunTask', cat: 'toplevel', ph: 'X', ts: start, dur, pid: 1, tid }),
    ]
    let at = start + 5
    for (let c = 0; c < children; c++) {
      const d = Math.floor((dur - 10) / children) - 2
      line.push(
        JSON.stringify({
          name: names[(events + c) % names.length],
          cat: 'devtools.timeline',
          ph: 'X',
          ts: at,
          dur: d,
          pid: 1,
          tid,
          args: { data: { frame: 'F1' } },
        }),
      )
      at += d + 2
    }
    const text = ',' + line.join(',')
    out.write(text)
    written += text.length
    events += line.length
    clock[tid] = start + dur + 10
  }
  out.write(']}')
  out.close()
  return events
}
