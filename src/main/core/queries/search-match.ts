/**
 * For a library text search: where each found trace matched — its first span whose name, input
 * or output holds the words (through the same full-text index the in-trace search uses), with a
 * short excerpt, so a result found by a word deep in a tool output says where.
 */
import type Database from 'better-sqlite3'
import type { SearchMatch, TraceSummary } from '../../../shared/api'
import { searchSpanIndices } from '../store/trace-queries'
import { searchWords } from './filter-sql'

/** Only the first results get a match: they are what is on screen. */
const MATCHED_RESULTS = 200
const EXCERPT = 48

function excerptAround(text: string, word: string): string | null {
  const at = text.toLowerCase().indexOf(word.toLowerCase())
  if (at < 0) return null
  const from = Math.max(0, at - EXCERPT)
  const to = Math.min(text.length, at + word.length + EXCERPT)
  const body = text.slice(from, to).replace(/\\[nrt]|\s+/g, ' ')
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`
}

/** The first span of a trace matching the words (all of them if one span has all, else the first). */
function matchIn(db: Database.Database, traceId: string, words: string[]): SearchMatch | undefined {
  let indices = searchSpanIndices(db, { traceId, text: words.join(' '), limit: 1 })
  if (!indices.length && words.length > 1)
    for (const w of words) {
      indices = searchSpanIndices(db, { traceId, text: w, limit: 1 })
      if (indices.length) break
    }
  if (!indices.length) return undefined
  const index = indices[0]
  const row = db
    .prepare(
      `SELECT s.name, s.kind, p.input, p.output FROM spans s
       LEFT JOIN span_payloads p ON p.trace_id = s.trace_id AND p.idx = s.idx
       WHERE s.trace_id = ? AND s.idx = ?`,
    )
    .get(traceId, index) as
    | { name: string; kind: string; input: string | null; output: string | null }
    | undefined
  if (!row) return undefined
  const match: SearchMatch = { index, name: row.name, kind: row.kind, field: 'name' }
  const lowerName = row.name.toLowerCase()
  if (words.every((w) => lowerName.includes(w.toLowerCase()))) return match
  for (const field of ['output', 'input'] as const) {
    const text = row[field]
    if (!text) continue
    for (const w of words) {
      const excerpt = excerptAround(text, w)
      if (excerpt) return { ...match, field, excerpt }
    }
  }
  return match
}

/** Adds `match` to the first results of a text search. */
export function addSearchMatches(
  db: Database.Database,
  summaries: TraceSummary[],
  text: string,
): TraceSummary[] {
  const words = searchWords(text)
  if (!words.length) return summaries
  for (const s of summaries.slice(0, MATCHED_RESULTS)) {
    const m = matchIn(db, s.id, words)
    if (m) s.match = m
  }
  return summaries
}
