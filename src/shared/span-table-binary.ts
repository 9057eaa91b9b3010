/**
 * The binary form of a SpanTable: what the library stores per trace and what the front doors
 * send to the renderer. Columns are little-endian typed arrays, so the reader views or widens
 * them (no parsing, no per-span objects). Each is stored as small as its values allow: integer
 * columns in 1, 2 or 4 bytes per span (shifted by one so -1 fits unsigned), token and cost
 * columns sparsely (most spans state none). A million-span trace is ~30 MB instead of ~54 MB of
 * JSON. Strings (trace id, interned names and models) travel in a small JSON header.
 *
 * Layout: "TDSC" | u32 version | u32 header bytes | header JSON (UTF-8) | the columns of COLUMNS
 * in order, each starting at a multiple of 8: a time column is `count` f64; an integer column
 * `count` u8/u16/u32 of value + 1 (width in the header); a sparse column `n` u32 span indices then
 * `n` f64 values (n in the header).
 */
import type { SpanTable } from './api'

const MAGIC = 0x43534454 // "TDSC" read as a little-endian u32
/** Bump when the layout changes; a reader refuses other versions (the store rebuilds). */
export const SPAN_TABLE_BINARY_VERSION = 1

type Encoding = 'time' | 'int' | 'sparse'

const COLUMNS = [
  ['start', 'time'],
  ['duration', 'time'],
  ['depth', 'int'],
  ['parentIndex', 'int'],
  ['kind', 'int'],
  ['status', 'int'],
  ['name', 'int'],
  ['model', 'int'],
  ['inputTokens', 'sparse'],
  ['outputTokens', 'sparse'],
  ['cost', 'sparse'],
] as const satisfies readonly (readonly [keyof SpanTable, Encoding])[]

type Column = (typeof COLUMNS)[number][0]

/** A span table as typed arrays (sparse columns expanded: NaN where nothing was stated). */
export interface BinarySpanTable {
  traceId: string
  count: number
  /** Trace start, microseconds since the epoch; `start` is relative to it. */
  origin: number
  start: Float64Array
  duration: Float64Array
  depth: Int32Array
  parentIndex: Int32Array
  kind: Uint8Array
  status: Uint8Array
  name: Int32Array
  model: Int32Array
  inputTokens: Float64Array
  outputTokens: Float64Array
  cost: Float64Array
  names: string[]
  models: string[]
}

interface Header {
  traceId: string
  count: number
  origin: number
  names: string[]
  models: string[]
  /** Per integer column: bytes per value (1, 2 or 4); per sparse column: values stored. */
  sizes: Partial<Record<Column, number>>
}

const align8 = (n: number) => Math.ceil(n / 8) * 8
const UNSIGNED = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array } as const

function intWidth(values: ArrayLike<number>, count: number): 1 | 2 | 4 {
  let max = 0
  for (let i = 0; i < count; i++) if (values[i] + 1 > max) max = values[i] + 1
  return max < 0x100 ? 1 : max < 0x10000 ? 2 : 4
}

function stated(values: ArrayLike<number | null>, count: number): number {
  let n = 0
  for (let i = 0; i < count; i++) if (values[i] !== null && values[i] !== undefined) n++
  return n
}

const columnBytes = (encoding: Encoding, count: number, size: number) =>
  align8(encoding === 'time' ? count * 8 : encoding === 'int' ? count * size : size * 12)

/** Encodes a SpanTable (as the API shapes it) into its binary form. */
export function encodeSpanTable(table: SpanTable): Uint8Array {
  const { traceId, count, origin, names, models } = table
  const sizes: Header['sizes'] = {}
  for (const [key, encoding] of COLUMNS) {
    if (encoding === 'int') sizes[key] = intWidth(table[key], count)
    if (encoding === 'sparse') sizes[key] = stated(table[key], count)
  }
  const header = new TextEncoder().encode(
    JSON.stringify({ traceId, count, origin, names, models, sizes } satisfies Header),
  )
  let total = align8(12 + header.length)
  for (const [key, encoding] of COLUMNS) total += columnBytes(encoding, count, sizes[key] ?? 0)
  const buffer = new ArrayBuffer(total)
  const view = new DataView(buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, SPAN_TABLE_BINARY_VERSION, true)
  view.setUint32(8, header.length, true)
  new Uint8Array(buffer, 12, header.length).set(header)
  let offset = align8(12 + header.length)
  for (const [key, encoding] of COLUMNS) {
    const size = sizes[key] ?? 0
    if (encoding === 'time') {
      new Float64Array(buffer, offset, count).set(table[key])
    } else if (encoding === 'int') {
      const out = new UNSIGNED[size as 1 | 2 | 4](buffer, offset, count)
      const values = table[key]
      for (let i = 0; i < count; i++) out[i] = values[i] + 1
    } else {
      const at = new Uint32Array(buffer, offset, size)
      const values = new Float64Array(buffer, offset + align8(size * 4), size)
      const column = table[key]
      for (let i = 0, k = 0; i < count; i++) {
        const v = column[i]
        if (v === null || v === undefined) continue
        at[k] = i
        values[k++] = v
      }
    }
    offset += columnBytes(encoding, count, size)
  }
  return new Uint8Array(buffer)
}

/** Thrown for bytes that are not a span table of this version (truncated, foreign, older). */
export class SpanTableFormatError extends Error {}

/** Decodes the binary form into typed arrays (time columns viewed in place when aligned). */
export function decodeSpanTable(bytes: Uint8Array | ArrayBuffer): BinarySpanTable {
  let u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  if (u8.byteOffset % 8 !== 0) u8 = u8.slice() // a Node Buffer slice: copy once to align
  const { byteOffset, byteLength } = u8
  const buffer = u8.buffer as ArrayBuffer
  const fail = (what: string): never => {
    throw new SpanTableFormatError(`span table: ${what}`)
  }
  if (byteLength < 12) fail('too short')
  const view = new DataView(buffer, byteOffset, byteLength)
  if (view.getUint32(0, true) !== MAGIC) fail('not binary')
  const version = view.getUint32(4, true)
  if (version !== SPAN_TABLE_BINARY_VERSION) {
    fail(`version ${version}, expected ${SPAN_TABLE_BINARY_VERSION}`)
  }
  const headerLength = view.getUint32(8, true)
  if (12 + headerLength > byteLength) fail('truncated header')
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, byteOffset + 12, headerLength)),
  ) as Header
  const { count, sizes, ...strings } = header
  const out: Record<string, unknown> = { ...strings, count }
  let offset = align8(12 + headerLength)
  for (const [key, encoding] of COLUMNS) {
    const size = sizes[key] ?? 0
    const next = offset + columnBytes(encoding, count, size)
    if (next > byteLength) fail(`truncated at ${key}`)
    const at = byteOffset + offset
    if (encoding === 'time') {
      out[key] = new Float64Array(buffer, at, count)
    } else if (encoding === 'int') {
      const Width = UNSIGNED[size as 1 | 2 | 4] ?? fail(`bad width ${size} for ${key}`)
      const stored = new Width(buffer, at, count)
      const column =
        key === 'kind' || key === 'status' ? new Uint8Array(count) : new Int32Array(count)
      for (let i = 0; i < count; i++) column[i] = stored[i] - 1
      out[key] = column
    } else {
      const spans = new Uint32Array(buffer, at, size)
      const values = new Float64Array(buffer, at + align8(size * 4), size)
      const column = new Float64Array(count).fill(NaN)
      for (let k = 0; k < size; k++) column[spans[k]] = values[k]
      out[key] = column
    }
    offset = next
  }
  return out as unknown as BinarySpanTable
}

/** The API's plain SpanTable (arrays, null for "not stated") from its binary form. */
export function spanTableFromBinary(bytes: Uint8Array | ArrayBuffer): SpanTable {
  const b = decodeSpanTable(bytes)
  const plain = (a: ArrayLike<number>) => Array.from(a)
  const nullable = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v))
  return {
    traceId: b.traceId,
    count: b.count,
    origin: b.origin,
    start: plain(b.start),
    duration: plain(b.duration),
    depth: plain(b.depth),
    parentIndex: plain(b.parentIndex),
    kind: plain(b.kind),
    status: plain(b.status),
    name: plain(b.name),
    names: b.names,
    inputTokens: nullable(b.inputTokens),
    outputTokens: nullable(b.outputTokens),
    cost: nullable(b.cost),
    model: plain(b.model),
    models: b.models,
  }
}
