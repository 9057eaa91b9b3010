/**
 * In-file search for the shared-file host, matching the library's full-text search (SQLite FTS5,
 * unicode61 tokens: runs of letters and digits, so `_` and punctuation separate words): every
 * word of the query must begin a word of the span's name, input or output (any case).
 * The text searched per payload is the library's own (shared/payload-search-text.ts).
 */
import type { Span } from '../../../shared/model'
import { payloadSearchText } from '../../../shared/payload-search-text'

const WORD_CHAR = /[\p{L}\p{N}]/u

/** The query's words, lowercased ("tool-call lookup_order" → ["tool", "call", "lookup", "order"]). */
export function searchWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase())
}

/** True when every word starts a word of `text` (which is already lowercased). */
export function matchesWords(text: string, words: readonly string[]): boolean {
  for (const word of words) {
    let at = text.indexOf(word)
    let found = false
    while (at >= 0) {
      if (at === 0 || !WORD_CHAR.test(text[at - 1])) {
        found = true
        break
      }
      at = text.indexOf(word, at + 1)
    }
    if (!found) return false
  }
  return true
}

/** The lowercased text a span is searched by. */
export function spanSearchText(span: Span): string {
  return `${span.name} ${payloadSearchText(span.input)} ${payloadSearchText(span.output)}`.toLowerCase()
}
