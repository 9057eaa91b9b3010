/**
 * Applies the shared LLM attribute conventions (OTel GenAI, OpenInference, Traceloop, Vercel AI
 * SDK — `conventions/`) to a span built by one of the tag/attribute based importers (Jaeger,
 * Zipkin, OTel Python, Phoenix, Chrome args). Only fields the source states are set, and a field
 * the importer already set from a format-specific place is never overwritten.
 */
import type { Json, RawSpan, SpanEvent } from '../../../../../shared/model'
import { LLM_FIELDS, extractLlmFields, type LlmFields } from '../../conventions'

// Every convention field a RawSpan has (`kindHint` is for the report only).
const FIELDS = LLM_FIELDS.filter((k) => k !== 'kindHint')

/** Extracts LLM fields from `attrs`/`events` and fills the span's unset fields; returns them. */
export function applyLlmConventions(
  span: RawSpan,
  attrs: Record<string, Json>,
  events?: SpanEvent[],
): LlmFields {
  const f = extractLlmFields(attrs, events ?? [])
  const target = span as unknown as Record<string, unknown>
  for (const key of FIELDS) {
    if (f[key] !== undefined && target[key] === undefined) target[key] = f[key]
  }
  return f
}
