/**
 * Time to first token of an LLM span, where the source records it: a "first token" event (the
 * Langfuse importer's, from `completionStartTime`; LangSmith's `first_token_time`), the Vercel AI
 * SDK's `ai.response.msToFirstChunk`, an OTel GenAI time-to-first-chunk attribute, or the first
 * GenAI choice / completion event during the span. Null when none is recorded.
 */
import type { Span } from '../model'

const GENAI_EVENTS = new Set(['gen_ai.choice', 'gen_ai.content.completion'])

export function timeToFirstTokenUs(
  span: Pick<Span, 'start' | 'duration' | 'attributes' | 'events'>,
): number | null {
  const end = span.start + span.duration
  const within = (t: number): number | null =>
    Number.isFinite(t) && t >= span.start && t <= end ? t - span.start : null
  const marked = span.events?.find((e) => e.name === 'first token')
  if (marked) {
    const t = within(marked.time)
    if (t !== null) return t
  }
  const a = span.attributes ?? {}
  const ms = Number(a['ai.response.msToFirstChunk'] ?? a['ai.stream.msToFirstChunk'])
  if (a['ai.response.msToFirstChunk'] !== undefined || a['ai.stream.msToFirstChunk'] !== undefined)
    if (Number.isFinite(ms) && ms >= 0) return Math.round(ms * 1000)
  for (const key of ['gen_ai.response.time_to_first_chunk', 'gen_ai.server.time_to_first_token']) {
    const s = Number(a[key])
    if (a[key] !== undefined && Number.isFinite(s) && s >= 0) return Math.round(s * 1_000_000)
  }
  const event = span.events?.find((e) => GENAI_EVENTS.has(e.name))
  if (event) return within(event.time)
  return null
}
