/**
 * Where a trace's time went (seed 000, "understand slow traces"):
 *
 * - the critical path, as Jaeger UI draws it: the chain of spans that determined when the trace
 *   ended. From the end, the path goes into the child that finished last, up to that child's
 *   start, then into the child that finished last before that, and so on; the time between is
 *   the parent's own. Parallel work that finished earlier is off the path.
 * - a breakdown of self time (a span's duration minus what its children cover) per kind group
 *   (LLM, tool, retrieval, own code) and per model or tool name, with the span that spent the
 *   most in each row, to jump to.
 *
 * Spans an importer made up for structure (Chrome process / thread tracks) are not work: they
 * are left out of the breakdown (`isTrack`).
 */
import { SPAN_KINDS, type SpanKind } from '../model'
import { selfTimes } from './jumps'
import { spanName, type ReplayColumns } from './columns'

/** One stretch of the critical path: span `index` was what the trace waited on in [start, end). */
export interface PathSegment {
  index: number
  start: number
  end: number
}

/**
 * The critical path as segments in time order (µs from the trace start). O(n log n): each
 * parent's children are sorted by end once.
 */
export function criticalPath(c: ReplayColumns): PathSegment[] {
  const n = c.count
  if (!n) return []
  const end = (i: number): number => c.start[i] + c.duration[i]
  // Children per parent (-1: the top level), latest end first.
  const kids = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const p = c.parentIndex[i]
    let list = kids.get(p)
    if (!list) kids.set(p, (list = []))
    list.push(i)
  }
  for (const list of kids.values()) list.sort((a, b) => end(b) - end(a) || a - b)
  const out: PathSegment[] = []
  // Work items: the span (or -1, the whole trace) and the time the path leaves it.
  const stack: { span: number; until: number }[] = [{ span: -1, until: c.extent }]
  while (stack.length) {
    const { span, until } = stack.pop()!
    const from = span < 0 ? 0 : c.start[span]
    const last = span < 0 ? until : Math.min(until, end(span))
    let cursor = last
    const chosen: { span: number; until: number }[] = []
    for (const k of kids.get(span) ?? []) {
      if (cursor <= from) break
      // Children running past their parent's end are cut there (Jaeger's sanitising); after
      // that, only a child that finished before the cursor can be what the path waited on.
      const ke = Math.min(end(k), last)
      if (ke > cursor) continue
      if (span >= 0 && cursor > ke) out.push({ index: span, start: ke, end: cursor })
      chosen.push({ span: k, until: ke })
      cursor = Math.max(from, c.start[k])
    }
    if (span >= 0 && cursor > from) out.push({ index: span, start: from, end: cursor })
    // Later children are walked later (pushed first: popped last) — order does not matter for
    // the result, which is sorted below.
    for (const item of chosen) stack.push(item)
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end)
  return out
}

/** Spans on the critical path (sorted indices) and the path's time per span. */
export function pathSpans(segments: PathSegment[]): { index: number; time: number }[] {
  const time = new Map<number, number>()
  for (const s of segments) time.set(s.index, (time.get(s.index) ?? 0) + (s.end - s.start))
  return [...time].map(([index, t]) => ({ index, time: t })).sort((a, b) => a.index - b.index)
}

export type KindGroup = 'llm' | 'tool' | 'retrieval' | 'code'
export const KIND_GROUP_LABELS: Readonly<Record<KindGroup, string>> = {
  llm: 'LLM',
  tool: 'Tool',
  retrieval: 'Retrieval',
  code: 'Own code',
}

/** The group a kind's self time counts under. */
export function kindGroup(kind: SpanKind): KindGroup {
  if (kind === 'llm') return 'llm'
  if (kind === 'tool') return 'tool'
  if (kind === 'retriever' || kind === 'embedding') return 'retrieval'
  return 'code'
}

export interface TimeRow {
  label: string
  /** Self time (µs) summed over the row's spans. */
  self: number
  /** Share of all counted self time, 0…1. */
  share: number
  spans: number
  /** The row's span with the most self time (to jump to). */
  top: number
}

export interface TimeBreakdown {
  /** Self time counted (µs): every span but tracks. */
  total: number
  byKind: TimeRow[]
  /** Per model (LLM spans) or name (tools, retrievers); other spans are in byKind only. */
  byName: TimeRow[]
}

/** Self time per kind group and per model / tool name, largest first. */
export function timeBreakdown(
  c: ReplayColumns,
  isTrack: (i: number) => boolean = () => false,
  self: Float64Array = selfTimes(c),
): TimeBreakdown {
  const kinds = new Map<string, TimeRow>()
  const names = new Map<string, TimeRow>()
  let total = 0
  const add = (map: Map<string, TimeRow>, label: string, i: number): void => {
    let row = map.get(label)
    if (!row) map.set(label, (row = { label, self: 0, share: 0, spans: 0, top: i }))
    row.self += self[i]
    row.spans++
    if (self[i] > self[row.top]) row.top = i
  }
  for (let i = 0; i < c.count; i++) {
    if (isTrack(i)) continue
    total += self[i]
    const kind = SPAN_KINDS[c.kind[i]] ?? 'span'
    const group = kindGroup(kind)
    add(kinds, KIND_GROUP_LABELS[group], i)
    if (group === 'llm') {
      const model = c.model[i] >= 0 ? c.models[c.model[i]] : undefined
      add(names, model ? `${model}` : 'LLM (model not stated)', i)
    } else if (group !== 'code') add(names, spanName(c, i), i)
  }
  const finish = (map: Map<string, TimeRow>): TimeRow[] =>
    [...map.values()]
      .map((r) => ({ ...r, share: total > 0 ? r.self / total : 0 }))
      .sort((a, b) => b.self - a.self || a.label.localeCompare(b.label))
  return { total, byKind: finish(kinds), byName: finish(names) }
}

/**
 * Which spans are tracks (structure an importer added) for a trace of this format: the Chrome
 * importer puts every slice under a process track (depth 0) and a thread or async track
 * (depth 1), so those two levels are tracks.
 */
export function trackTest(c: ReplayColumns, format: string | undefined): (i: number) => boolean {
  if (format !== 'chrome') return () => false
  return (i) => c.depth[i] <= 1
}
