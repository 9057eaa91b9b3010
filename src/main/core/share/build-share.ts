/**
 * Builds a shared replay file for a trace, or a comparison of two, from the library's own verbs
 * (getTrace, getSpanTable, getSpan, compareTraces): the step range, the redaction, the size limit
 * per payload, the exporter's note and the step to open at, packed as the page's data block.
 */
import { gzipSync } from 'node:zlib'
import { ApiError, type ApiRequest, type ShareExport, type SpanTable } from '../../../shared/api'
import type { Span } from '../../../shared/model'
import {
  SHARE_FORMAT,
  SHARE_VERSION,
  type CutPayload,
  type ShareData,
  type ShareHead,
  type SharedTrace,
} from '../../../shared/share-format'
import type { Handlers } from '../library'
import { spanColumnsOf, spanTableFromColumns } from '../store/span-table'
import { sharePage, loadShareBundle, type ShareBundle } from './page'
import { renumber, stepsToKeep } from './range'
import { cutSpan, DEFAULT_PAYLOAD_LIMIT, redactSpan } from './redact'

export type ShareRequest = ApiRequest<'exportShareHtml'>
type Readers = Pick<Handlers, 'getTrace' | 'getSpanTable' | 'getSpan' | 'compareTraces'>

/** Spans per payload chunk: the receiver decodes one chunk to show a step. */
export const CHUNK_SIZE = 200
/**
 * Spans one page may hold: past this a page gets too large to mail and to open quickly (and, at
 * a million spans, too large for one string); a range around a step is the way to share those.
 */
export const MAX_SHARED_SPANS = 100_000

function pack(value: unknown): string {
  return gzipSync(JSON.stringify(value), { level: 6 }).toString('base64')
}

async function readTrace(
  api: Readers,
  id: string,
  request: ShareRequest,
  cuts: CutPayload[],
): Promise<{ shared: SharedTrace; spans: Span[] }> {
  const detail = await api.getTrace({ id })
  const table = await api.getSpanTable({ id })
  let steps: number[] = Array.from({ length: table.count }, (_, i) => i)
  let range: SharedTrace['range']
  if (request.range) {
    const from = Math.min(request.range.from, request.range.to)
    const to = Math.max(request.range.from, request.range.to)
    if (to >= table.count) {
      throw new ApiError(
        'bad-request',
        `Trace ${id} has ${table.count} steps; the range ends at step ${to + 1}`,
      )
    }
    const { keep, ancestors } = stepsToKeep(table.parentIndex, from, to)
    steps = keep
    range = { from, to, total: table.count, ancestors }
  }
  const redaction = request.redaction ?? 'none'
  const limit = request.payloadLimit ?? DEFAULT_PAYLOAD_LIMIT
  const read: Span[] = []
  for (const step of steps) read.push(await api.getSpan({ traceId: id, index: step }))
  const spans = (range ? renumber(read, steps) : read).map((s, i) =>
    cutSpan(redactSpan(s, redaction), limit, id, s.index, cuts, steps[i]),
  )
  const trace = redaction === 'none' ? detail.trace : { ...detail.trace, attributes: {} }
  const sharedTable: SpanTable = range
    ? spanTableFromColumns(id, table.origin, spanColumnsOf(spans))
    : table
  return {
    shared: { detail: { ...detail, trace }, table: sharedTable, ...(range ? { range } : {}) },
    spans,
  }
}

/** The page for a request; `bundle` defaults to the built out/share bundle. */
export async function buildShare(
  api: Readers,
  request: ShareRequest,
  appVersion: string,
  bundle: ShareBundle = loadShareBundle(),
  limits: { maxSpans: number } = { maxSpans: MAX_SHARED_SPANS },
): Promise<ShareExport> {
  if (request.b !== undefined && request.range) {
    throw new ApiError(
      'bad-request',
      'A comparison is shared whole: a step range applies to one trace',
    )
  }
  const ids = request.b === undefined ? [request.a] : [request.a, request.b]
  if (request.range && Math.abs(request.range.to - request.range.from) + 1 > limits.maxSpans) {
    throw new ApiError(
      'bad-request',
      `A shared file holds at most ${limits.maxSpans.toLocaleString('en-US')} steps: choose a smaller range`,
    )
  }
  if (!request.range) {
    let total = 0
    for (const id of ids) total += (await api.getTrace({ id })).trace.spanCount
    if (total > limits.maxSpans) {
      throw new ApiError(
        'bad-request',
        `${ids.length === 1 ? `Trace ${ids[0]} has` : 'These traces have'} ${total.toLocaleString('en-US')} steps; ` +
          `a shared file holds at most ${limits.maxSpans.toLocaleString('en-US')}: share a range around a step`,
      )
    }
  }
  const cuts: CutPayload[] = []
  const traces: { shared: SharedTrace; spans: Span[] }[] = []
  for (const id of ids) traces.push(await readTrace(api, id, request, cuts))
  const comparisons: ShareHead['comparisons'] =
    request.b === undefined
      ? undefined
      : [
          await api.compareTraces({ a: request.a, b: request.b }),
          await api.compareTraces({ a: request.b, b: request.a }),
        ]
  const first = traces[0].shared
  let openAt = request.openAt
  if (openAt !== undefined && first.range) {
    // The step is given in the original trace; find it among the kept ones.
    const kept = first.range
    openAt =
      openAt >= kept.from && openAt <= kept.to ? kept.ancestors + (openAt - kept.from) : undefined
  }
  if (openAt !== undefined && openAt >= first.table.count) openAt = undefined
  const head: ShareHead = {
    format: SHARE_FORMAT,
    version: SHARE_VERSION,
    kind: request.b === undefined ? 'trace' : 'compare',
    exportedAt: new Date().toISOString(),
    appVersion,
    ...(request.note?.trim() ? { note: request.note.trim() } : {}),
    ...(openAt !== undefined ? { openAt } : {}),
    redaction: request.redaction ?? 'none',
    payloadLimit: request.payloadLimit ?? DEFAULT_PAYLOAD_LIMIT,
    cut: cuts,
    traces: traces.map((t) => t.shared),
    ...(comparisons ? { comparisons } : {}),
    chunkSize: CHUNK_SIZE,
  }
  const data: ShareData = {
    head: pack(head),
    chunks: traces.map(({ spans }) => {
      const chunks: string[] = []
      for (let i = 0; i < spans.length; i += CHUNK_SIZE)
        chunks.push(pack(spans.slice(i, i + CHUNK_SIZE)))
      return chunks
    }),
  }
  const names = traces.map((t) => t.shared.detail.trace.name)
  const html = sharePage(bundle, data, names.join(' vs '))
  return {
    html,
    fileName: `${safeFileName(names.join('-vs-'))}.html`,
    bytes: Buffer.byteLength(html),
    spans: traces.reduce((n, t) => n + t.spans.length, 0),
    cut: cuts,
  }
}

/** A file name from trace names: letters, digits, dashes; never empty. */
export function safeFileName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
  return base ? `${base}-replay` : 'tracedeck-replay'
}
