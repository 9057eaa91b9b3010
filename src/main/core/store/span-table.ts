/**
 * A trace's SpanTable (the columns the timeline and execution tree draw from), kept in
 * `trace_span_tables` in its binary form (shared/span-table-binary.ts: what the front doors send
 * to the renderer, typed-array columns), so opening a trace reads one row instead of every span.
 * The column is named `json` for history: since encoding 2 it holds that binary form as a BLOB. Written at import from the normalised spans; a trace imported before the table
 * was stored gets it built from its `spans` rows on first read and stored then (backfill).
 * Both paths go through `spanTableFromColumns`, so they cannot drift apart.
 */
import { SPAN_KINDS, type Span } from '../../../shared/model'
import type { SpanTable } from '../../../shared/api'
import { encodeSpanTable } from '../../../shared/span-table-binary'
import type { Db } from './connection'

/**
 * Version of what a stored row holds. Bump it whenever SpanTable or the way it is built changes:
 * rows written with another number are rebuilt from the spans on their next read.
 */
export const SPAN_TABLE_ENCODING = 2

const KIND_INDEX = new Map(SPAN_KINDS.map((k, i) => [k as string, i]))
const SPAN_KIND = KIND_INDEX.get('span')!
const STATUS_INDEX: Record<string, number> = { ok: 0, error: 1, retry: 2 }

/** The stored span fields a SpanTable is made of, one array per field, in step order. */
export interface SpanColumns {
  /** Absolute start, microseconds since the epoch. */
  start: number[]
  duration: number[]
  depth: number[]
  parentIndex: number[]
  kind: string[]
  status: string[]
  name: string[]
  inputTokens: (number | null)[]
  outputTokens: (number | null)[]
  cost: (number | null)[]
  model: (string | null)[]
}

/** Interns strings: each distinct value gets the next index in `list`. */
function interner(list: string[]): (v: string) => number {
  const seen = new Map<string, number>()
  return (v) => {
    let i = seen.get(v)
    if (i === undefined) {
      i = list.length
      seen.set(v, i)
      list.push(v)
    }
    return i
  }
}

/** Builds the SpanTable of trace `traceId` (starting at `origin`) from its columns. */
export function spanTableFromColumns(traceId: string, origin: number, c: SpanColumns): SpanTable {
  const n = c.start.length
  const table: SpanTable = {
    traceId,
    count: n,
    origin,
    start: new Array(n),
    duration: c.duration,
    depth: c.depth,
    parentIndex: c.parentIndex,
    kind: new Array(n),
    status: new Array(n),
    name: new Array(n),
    names: [],
    inputTokens: c.inputTokens,
    outputTokens: c.outputTokens,
    cost: c.cost,
    model: new Array(n),
    models: [],
  }
  const name = interner(table.names)
  const model = interner(table.models)
  for (let i = 0; i < n; i++) {
    table.start[i] = c.start[i] - origin
    table.kind[i] = KIND_INDEX.get(c.kind[i]) ?? SPAN_KIND
    table.status[i] = STATUS_INDEX[c.status[i]] ?? 0
    table.name[i] = name(c.name[i])
    const m = c.model[i]
    table.model[i] = m === null ? -1 : model(m)
  }
  return table
}

/** The columns of normalised spans (in step order), as the import writes them. */
export function spanColumnsOf(spans: readonly Span[]): SpanColumns {
  // Arrays of their final length, filled in one pass (no growth, no copies while pushing).
  const n = spans.length
  const c: SpanColumns = {
    start: new Array<number>(n),
    duration: new Array<number>(n),
    depth: new Array<number>(n),
    parentIndex: new Array<number>(n),
    kind: new Array<string>(n),
    status: new Array<string>(n),
    name: new Array<string>(n),
    inputTokens: new Array<number | null>(n),
    outputTokens: new Array<number | null>(n),
    cost: new Array<number | null>(n),
    model: new Array<string | null>(n),
  }
  for (let i = 0; i < n; i++) {
    const s = spans[i]
    c.start[i] = s.start
    c.duration[i] = s.duration
    c.depth[i] = s.depth
    c.parentIndex[i] = s.parentIndex
    c.kind[i] = s.kind
    c.status[i] = s.status
    c.name[i] = s.name
    c.inputTokens[i] = s.inputTokens ?? null
    c.outputTokens[i] = s.outputTokens ?? null
    c.cost[i] = s.cost ?? null
    c.model[i] = s.model ?? null
  }
  return c
}

/** Each SpanColumns field and the `spans` column it is stored in. */
const STORED_COLUMNS: readonly [keyof SpanColumns, string][] = [
  ['start', 'start'],
  ['duration', 'duration'],
  ['depth', 'depth'],
  ['parentIndex', 'parent_idx'],
  ['kind', 'kind'],
  ['status', 'status'],
  ['name', 'name'],
  ['inputTokens', 'input_tokens'],
  ['outputTokens', 'output_tokens'],
  ['cost', 'cost'],
  ['model', 'model'],
]

const COLUMNS_SQL = `SELECT ${STORED_COLUMNS.map(([, col]) => `json_group_array(${col})`).join(', ')}
  FROM (SELECT ${STORED_COLUMNS.map(([, col]) => col).join(', ')}
        FROM spans WHERE trace_id = ? ORDER BY idx)`

/**
 * Builds a trace's table from its `spans` rows. SQLite builds each column as one JSON array
 * (one row out instead of a million: row-by-row reads cost more than the data).
 */
export function computeSpanTable(db: Db, traceId: string): SpanTable | undefined {
  const t = db.prepare('SELECT start FROM traces WHERE id = ?').get(traceId) as
    { start: number } | undefined
  if (!t) return undefined
  const cols = db.prepare(COLUMNS_SQL).raw().get(traceId) as string[]
  const c = {} as Record<keyof SpanColumns, unknown>
  STORED_COLUMNS.forEach(([key], i) => (c[key] = JSON.parse(cols[i])))
  return spanTableFromColumns(traceId, t.start, c as SpanColumns)
}

/** The SQL that stores a trace's table (replacing one of an older encoding). */
export const STORE_SPAN_TABLE_SQL =
  'INSERT OR REPLACE INTO trace_span_tables (trace_id, encoding, json) VALUES (?, ?, ?)'

/**
 * Stores a table built on read. Best effort: when another connection holds the write lock (an
 * import committing) or the library is read-only, the table is simply built again next time —
 * the reader must not wait for the import to finish.
 */
function backfill(db: Db, traceId: string, bytes: Uint8Array): void {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')
  try {
    db.prepare(STORE_SPAN_TABLE_SQL).run(traceId, SPAN_TABLE_ENCODING, bytes)
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED' && code !== 'SQLITE_READONLY') throw err
  } finally {
    // PRAGMA takes no bound parameters; the value is the integer read above.
    db.pragma(`busy_timeout = ${Math.trunc(timeout)}`)
  }
}

/** The stored binary form of a table, as the library keeps it (see encodeSpanTable). */
export function storedSpanTable(table: SpanTable): Buffer {
  const bytes = encodeSpanTable(table)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * A trace's SpanTable in its binary form (what a transport sends as is), or undefined when the
 * trace is unknown: the stored row, or (trace imported before tables were stored, or of an
 * older encoding) built and stored now.
 */
export function readSpanTableBytes(db: Db, traceId: string): Buffer | undefined {
  const stored = db
    .prepare('SELECT json FROM trace_span_tables WHERE trace_id = ? AND encoding = ?')
    .pluck()
    .get(traceId, SPAN_TABLE_ENCODING) as Buffer | undefined
  if (Buffer.isBuffer(stored)) return stored
  const table = computeSpanTable(db, traceId)
  if (!table) return undefined
  const bytes = storedSpanTable(table)
  backfill(db, traceId, bytes)
  return bytes
}
