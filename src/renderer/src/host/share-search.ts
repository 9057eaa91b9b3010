/**
 * In-file search for the shared-file host, matching the library's full-text search (SQLite FTS5,
 * unicode61 tokens: runs of letters and digits, so `_` and punctuation separate words): every
 * word of the query must begin a word of the span's name, input or output (any case).
 * The text searched per payload is the same as the library indexes: the messages' text for a
 * conversation, else every string and number in the value, capped.
 */
import type { Json, Payload, Span } from '../../../shared/model'

const TEXT_LIMIT = 64 * 1024

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

function collect(value: Json | undefined, out: string[], budget: { left: number }): void {
  if (budget.left <= 0 || value === null || value === undefined) return
  if (typeof value === 'string') {
    out.push(value)
    budget.left -= value.length
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    out.push(String(value))
    budget.left -= 8
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, out, budget)
  } else {
    for (const k in value) collect(value[k], out, budget)
  }
}

function payloadText(p: Payload | undefined): string {
  if (!p) return ''
  const out: string[] = []
  const budget = { left: TEXT_LIMIT }
  if (p.messages?.length) {
    for (const m of p.messages) {
      collect(m.text ?? null, out, budget)
      for (const part of m.parts ?? []) collect(part.text ?? null, out, budget)
      for (const call of m.toolCalls ?? [])
        collect([call.name, call.arguments ?? null], out, budget)
    }
  } else collect(p.value, out, budget)
  return out.join(' ')
}

/** The lowercased text a span is searched by. */
export function spanSearchText(span: Span): string {
  return `${span.name} ${payloadText(span.input)} ${payloadText(span.output)}`.toLowerCase()
}
