// Shared by the producer scripts (each runs in its own child process, started by
// producers.test.ts): where the fake server is, the facts file, and an OpenTelemetry set-up that
// records every finished span on the producer side before any exporter sees it.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const BASE = process.env.FAKE_URL
export const RUN = process.env.RUN
export const OUT = process.env.OUT
if (!BASE || !RUN || !OUT) throw new Error('FAKE_URL, RUN and OUT must be set')
/** This producer's own prefix on the fake server. */
export const PREFIX = `${BASE}/${RUN}`

/** What the producer did, as the producer knows it: written to OUT/facts.json at the end. */
export const facts = { traces: [], spans: [], files: [] }

/** One scenario trace: its producer-side id, the marker its model calls carry, session and tags. */
export function recordTrace(traceId, marker, extra = {}) {
  facts.traces.push({ traceId, marker, ...extra })
}

export function recordSpan(s) {
  facts.spans.push(s)
}

export function writeFile(name, text) {
  writeFileSync(join(OUT, name), text)
  facts.files.push(name)
}

export function finish() {
  writeFileSync(join(OUT, 'facts.json'), JSON.stringify(facts, null, 1))
}

/** A user message carrying the trace marker and the fake model's directives. */
export const ask = (marker, text, directives = '') => `[m:${marker}]${directives} ${text}`

/** An OTel span processor that records what every span is, as the SDK ended it. */
export class RecordingProcessor {
  onStart() {}
  onEnd(span) {
    const ctx = span.spanContext()
    recordSpan({
      traceId: ctx.traceId,
      id: ctx.spanId,
      parentId: span.parentSpanContext?.spanId ?? span.parentSpanId ?? null,
      name: span.name,
      error: span.status?.code === 2,
    })
  }
  forceFlush() {
    return Promise.resolve()
  }
  shutdown() {
    return Promise.resolve()
  }
}

/** Retries a call once when it throws (the scenario "a failed call and a retried one"). */
export async function withRetry(fn) {
  try {
    return await fn()
  } catch {
    return await fn()
  }
}
