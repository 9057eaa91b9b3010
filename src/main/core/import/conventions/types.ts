/** What the LLM conventions read from a span's attributes and events. */
import type { Json, Payload, RawSpan } from '../../../../shared/model'
import type { Attrs } from './attrs'

/**
 * Span fields found by a convention. `kindHint` is the source's own kind label
 * (`LLM`, `chat`, `workflow`, `ai.generateText`…), kept for display and for the import report.
 */
export type LlmFields = Partial<RawSpan> & {
  sessionId?: string
  userId?: string
  kindHint?: string
}

export type { Attrs, Json, Payload }
