/** What the LLM conventions read from a span's attributes and events. */
import type { Json, Payload, RawSpan, SpanEvent } from '../../../../shared/model'
import type { Attrs } from './attrs'

/**
 * Span fields found by a convention. `kindHint` is the source's own kind label
 * (`LLM`, `chat`, `workflow`, `ai.generateText`…), kept for display and for the import report.
 */
export type LlmFields = Partial<RawSpan> & { sessionId?: string; userId?: string; kindHint?: string }

/** One convention: reads flat attributes (and span events) and returns what it recognised. */
export type ConventionReader = (a: Attrs, events: readonly SpanEvent[]) => LlmFields

export type { Attrs, Json, Payload }
