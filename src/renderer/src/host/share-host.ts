/**
 * The shared-file host: the API contract answered, read-only, from the data block a shared
 * replay page carries (src/shared/share-format.ts). Trace facts, span tables and comparisons come
 * from the head; spans from payload chunks decoded on first use (the browser's own gzip
 * DecompressionStream: no library, no eval). Verbs that change or list a library answer with
 * "not available in a shared file".
 */
import type {
  ApiRequest,
  HostBridge,
  SpanTable,
  TraceApi,
  TraceDetail,
  TraceSummary,
} from '../../../shared/api'
import type { TraceComparison } from '../../../shared/compare/compare'
import { SPAN_KINDS as KIND_NAMES, type Span } from '../../../shared/model'
import {
  SHARE_DATA_ID,
  SHARE_FORMAT,
  type ShareData,
  type ShareHead,
} from '../../../shared/share-format'
import { encodeSpanTable } from '../../../shared/span-table-binary'
import { HostError } from './http-bridge'
import { spanSearchText, matchesWords, searchWords } from './share-search'

/** base64 of gzip → text. */
export async function unpack(b64: string): Promise<string> {
  const binary = atob(b64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Response(stream).text()
}

/** The page's data block, or a clear error when the page has none (a damaged file). */
export function readShareData(doc: Document = document): ShareData {
  const text = doc.getElementById(SHARE_DATA_ID)?.textContent
  if (!text) throw new Error('This file has no tracedeck data in it (the export may be damaged)')
  const data = JSON.parse(text) as ShareData
  if (typeof data?.head !== 'string' || !Array.isArray(data.chunks)) {
    throw new Error('This file’s tracedeck data is not in a shape this viewer reads')
  }
  return data
}

/** Decodes the head (trace facts, tables, comparisons, note); spans stay packed until needed. */
export async function readShareHead(data: ShareData): Promise<ShareHead> {
  const head = JSON.parse(await unpack(data.head)) as ShareHead
  if (head?.format !== SHARE_FORMAT || !Array.isArray(head.traces)) {
    throw new Error('This file’s tracedeck data is not a shared replay')
  }
  return head
}

const unavailable = (verb: string) => () =>
  Promise.reject(
    new HostError(
      `${verb} is not available in a shared file: it holds a replay, not a library`,
      'bad-request',
    ),
  )

/** A read-only HostBridge over a decoded head and the packed chunks. */
export function createShareHost(head: ShareHead, data: ShareData): HostBridge {
  const byId = new Map(head.traces.map((t, i) => [t.detail.trace.id, i]))
  const chunkCache = new Map<string, Promise<Span[]>>()
  const searchText = new Map<string, Promise<string[]>>()

  const traceAt = (id: string, what = 'trace') => {
    const i = byId.get(id)
    if (i === undefined)
      throw new HostError(`No ${what} with id ${id} in this shared file`, 'not-found')
    return i
  }
  const chunk = (t: number, c: number): Promise<Span[]> => {
    const key = `${t}:${c}`
    let found = chunkCache.get(key)
    if (!found) {
      const packed = data.chunks[t]?.[c]
      found = packed
        ? unpack(packed).then((text) => JSON.parse(text) as Span[])
        : Promise.reject(new HostError('This shared file is missing part of its spans', 'internal'))
      chunkCache.set(key, found)
    }
    return found
  }
  const spansOf = async (t: number): Promise<Span[]> => {
    const all = await Promise.all(data.chunks[t].map((_, c) => chunk(t, c)))
    return all.flat()
  }
  const textsOf = (t: number, id: string): Promise<string[]> => {
    let found = searchText.get(id)
    if (!found) {
      found = spansOf(t).then((spans) => spans.map(spanSearchText))
      searchText.set(id, found)
    }
    return found
  }

  const summary = (detail: TraceDetail): TraceSummary => {
    const { attributes: _omit, ...rest } = detail.trace
    return rest
  }

  const known: Partial<TraceApi> = {
    appInfo: async () => ({ version: head.appVersion, dbPath: 'shared file', hasSample: false }),
    listTraces: async (filter) =>
      head.traces
        .map((t) => summary(t.detail))
        .filter((t) => !filter.status || t.status === filter.status)
        .filter((t) => !filter.text || t.name.toLowerCase().includes(filter.text.toLowerCase()))
        .slice(0, filter.limit ?? Infinity),
    getTrace: async ({ id }) => head.traces[traceAt(id)].detail,
    getSpanTable: async ({ id }): Promise<SpanTable> => head.traces[traceAt(id)].table,
    getSpanColumns: async ({ id }) => encodeSpanTable(head.traces[traceAt(id)].table),
    getSpan: async ({ traceId, index }) => {
      const t = traceAt(traceId)
      if (index >= head.traces[t].table.count) {
        throw new HostError(`Trace ${traceId} has no span ${index}`, 'not-found')
      }
      const spans = await chunk(t, Math.floor(index / head.chunkSize))
      return spans[index % head.chunkSize]
    },
    searchSpans: async (q: ApiRequest<'searchSpans'>) => {
      const t = traceAt(q.traceId)
      const { table } = head.traces[t]
      const words = q.text ? searchWords(q.text) : []
      if (q.text && !words.length) return []
      const texts = words.length ? await textsOf(t, q.traceId) : []
      const kinds = q.kind
      const out: number[] = []
      for (let i = 0; i < table.count && out.length < (q.limit ?? 100_000); i++) {
        if (q.status && ['ok', 'error', 'retry'][table.status[i]] !== q.status) continue
        if (kinds && KIND_NAMES[table.kind[i]] !== kinds) continue
        if (words.length && !matchesWords(texts[i], words)) continue
        out.push(i)
      }
      return out
    },
    compareTraces: async ({ a, b }): Promise<TraceComparison> => {
      const found = head.comparisons?.find((c) => c.a.id === a && c.b.id === b)
      if (!found) {
        traceAt(a)
        traceAt(b)
        throw new HostError('This shared file holds no comparison of these two traces', 'not-found')
      }
      return found
    },
  }
  const api = new Proxy(known, {
    get: (target, verb: string) => target[verb as keyof TraceApi] ?? unavailable(verb),
  }) as TraceApi

  return {
    api,
    // Nothing changes in a shared file: no event ever comes.
    on: () => () => undefined,
    pathForFile: unavailable('Opening files'),
    readOnly: true,
  }
}
