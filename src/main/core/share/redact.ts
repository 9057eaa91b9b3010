/**
 * What leaves the library in a shared file: the redaction the exporter chose, then the size
 * limit per payload. Both work on copies; the library's spans are never touched.
 */
import type { Json, Payload, Span } from '../../../shared/model'
import type { CutPayload, ShareRedaction } from '../../../shared/share-format'

/** Payloads over this many characters of JSON are cut unless the exporter says otherwise. */
export const DEFAULT_PAYLOAD_LIMIT = 256 * 1024

/** A span as the redaction allows it to be shared. */
export function redactSpan(span: Span, redaction: ShareRedaction): Span {
  if (redaction === 'none') return span
  const kept: Span = {
    ...span,
    attributes: {},
    // Event names and times tell the story; their attributes may hold payloads (prompts, results).
    events: span.events.map((e) => ({ name: e.name, time: e.time })),
  }
  delete kept.input
  delete kept.output
  if (redaction === 'llm-messages' && span.kind === 'llm') {
    const input = messagesOnly(span.input)
    const output = messagesOnly(span.output)
    if (input) kept.input = input
    if (output) kept.output = output
  }
  return kept
}

/** The chat view of a payload alone (no raw value, no envelope), or undefined when it has none. */
function messagesOnly(p: Payload | undefined): Payload | undefined {
  if (!p?.messages?.length) return undefined
  return { value: null, messages: p.messages }
}

/**
 * Cuts a span's payloads over `limit` characters of JSON: the kept value is the start of the
 * payload's JSON text behind a line that says what was cut, so the receiver sees the notice in
 * the step detail. Each cut is appended to `cuts`.
 */
export function cutSpan(
  span: Span,
  limit: number,
  traceId: string,
  step: number,
  cuts: CutPayload[],
  originalStep = step,
): Span {
  let out = span
  for (const side of ['input', 'output'] as const) {
    const p = span[side]
    if (!p) continue
    const json = JSON.stringify(p)
    if (json.length <= limit) continue
    cuts.push({
      traceId,
      step,
      ...(originalStep !== step ? { originalStep } : {}),
      spanName: span.name,
      side,
      chars: json.length,
    })
    const notice =
      `[tracedeck: this ${side} was ${formatChars(json.length)}; the shared file keeps ` +
      `the first ${formatChars(limit)}. The full ${side} is in the exporter's library.]\n\n`
    // The start of what the reader would have read: the text itself, or the value's JSON.
    const text = typeof p.value === 'string' ? p.value : (JSON.stringify(p.value) ?? '')
    const value: Json = notice + text.slice(0, limit)
    out = { ...out, [side]: { value } satisfies Payload }
  }
  return out
}

function formatChars(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`
  if (n >= 1024) return `${Math.round(n / 1024)} KB`
  return `${n} characters`
}
