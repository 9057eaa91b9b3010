/**
 * The binary form of a SpanTable: what the library stores per trace and what the front doors
 * send to the renderer. Columns are little-endian typed arrays, so the reader views or widens
 * them (no parsing, no per-span objects). Each is stored as small as its values allow: integer
 * columns in 1, 2 or 4 bytes per span (shifted by one so -1 fits unsigned), token and cost
 * columns sparsely (most spans state none). A million-span trace is ~30 MB instead of ~54 MB of
 * JSON. Strings (trace id, interned names and models) travel in a small JSON header.
 *
 * Layout: "TDSC" | u32 version | u32 header bytes | header JSON (UTF-8) | the columns of COLUMNS
 * in order, each starting at a multiple of 8: a time column is `count` u32 when every value is a
 * whole number of microseconds below 2^32 (71 minutes from the trace start), else f64; an integer column
 * `count` u8/u16/u32 (width in the header), of the value itself, or of value + 1 for the signed
 * ones whose "none" is -1; a sparse column `n` u32 span indices then `n` f64 values (n in the
 * header).
 */
import type { SpanTable } from './api'

const MAGIC = 0x43534454 // "TDSC" read as a little-endian u32
/** Bump when the layout changes; a reader refuses other versions (the store rebuilds). */
export const SPAN_TABLE_BINARY_VERSION = 1

type Encoding = 'time' | 'int' | 'signed' | 'sparse'

const COLUMNS = [
  ['start', 'time'],
  ['duration', 'time'],
  ['depth', 'int'],
  ['parentIndex', 'signed'],
  ['kind', 'int'],
  ['status', 'int'],
  ['name', 'int'],
  ['model', 'signed'],
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
  /** Per time column: bytes per value (4 or 8); per integer column: 1, 2 or 4; per sparse column: values stored. */
  sizes: Partial<Record<Column, number>>
}

const align8 = (n: number) => Math.ceil(n / 8) * 8
const UNSIGNED = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array } as const

function intWidth(values: ArrayLike<number>, count: number, shift: number): 1 | 2 | 4 {
  let max = 0
  for (let i = 0; i < count; i++) if (values[i] + shift > max) max = values[i] + shift
  return max < 0x100 ? 1 : max < 0x10000 ? 2 : 4
}

/** 4 when every time fits a u32 exactly, else 8 (f64). */
function timeWidth(values: ArrayLike<number>, count: number): 4 | 8 {
  for (let i = 0; i < count; i++) {
    const v = values[i]
    if (!(v >= 0 && v <= 0xffffffff && Number.isInteger(v))) return 8
  }
  return 4
}

function stated(values: ArrayLike<number | null>, count: number): number {
  let n = 0
  for (let i = 0; i < count; i++) if (values[i] !== null && values[i] !== undefined) n++
  return n
}

const columnBytes = (encoding: Encoding, count: number, size: number) =>
  align8(encoding === 'sparse' ? size * 12 : count * size)

/** Encodes a SpanTable (as the API shapes it) into its binary form. */
export function encodeSpanTable(table: SpanTable): Uint8Array {
  const { traceId, count, origin, names, models } = table
  const sizes: Header['sizes'] = {}
  for (const [key, encoding] of COLUMNS) {
    if (encoding === 'time') sizes[key] = timeWidth(table[key], count)
    if (encoding === 'int' || encoding === 'signed') {
      sizes[key] = intWidth(table[key], count, encoding === 'signed' ? 1 : 0)
    }
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
      const Width = size === 4 ? Uint32Array : Float64Array
      new Width(buffer, offset, count).set(table[key])
    } else if (encoding === 'int') {
      new UNSIGNED[size as 1 | 2 | 4](buffer, offset, count).set(table[key])
    } else if (encoding === 'signed') {
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
      if (size === 8) out[key] = new Float64Array(buffer, at, count)
      else if (size === 4) out[key] = widened(new Uint32Array(buffer, at, count))
      else fail(`bad width ${size} for ${key}`)
    } else if (encoding !== 'sparse') {
      const Width = UNSIGNED[size as 1 | 2 | 4] ?? fail(`bad width ${size} for ${key}`)
      const stored = new Width(buffer, at, count)
      if (key === 'kind' || key === 'status') {
        out[key] = size === 1 ? stored : fail(`bad width ${size} for ${key}`)
      } else {
        // set() converts natively; the loop below then only ever sees an Int32Array.
        const column = new Int32Array(count)
        column.set(stored)
        if (encoding === 'signed') unshift(column)
        out[key] = column
      }
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

function widened(stored: Uint32Array): Float64Array {
  const column = new Float64Array(stored.length)
  column.set(stored)
  return column
}

function unshift(column: Int32Array): void {
  for (let i = 0; i < column.length; i++) column[i] -= 1
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
