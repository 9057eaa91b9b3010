/**
 * The binary form of a SpanTable: what the library stores per trace and what the front doors
 * send to the renderer. Numeric columns are little-endian typed arrays the reader views in place
 * (no parsing, no per-span objects), so opening a million-span trace costs one copy of ~40 MB
 * instead of parsing ~54 MB of JSON. Strings (trace id, interned names and models) travel in a
 * small JSON header.
 *
 * Layout: "TDSC" | u32 version | u32 header bytes | header JSON (UTF-8) | zero padding to a
 * multiple of 8 | the columns of COLUMNS in order, each `count` elements of its type, each
 * starting at a multiple of its element size (8-byte columns first, then 4, then 1).
 */
import type { SpanTable } from './api'

const MAGIC = 0x43534454 // "TDSC" read as a little-endian u32
/** Bump when the layout changes; a reader refuses other versions (the store rebuilds). */
export const SPAN_TABLE_BINARY_VERSION = 1

type NumericKey = Exclude<keyof SpanTable, 'traceId' | 'count' | 'origin' | 'names' | 'models'>
type ArrayType = Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor

/** Column order and element type. Nullable columns are Float64 with NaN for "not stated". */
const COLUMNS: readonly (readonly [NumericKey, ArrayType])[] = [
  ['start', Float64Array],
  ['duration', Float64Array],
  ['inputTokens', Float64Array],
  ['outputTokens', Float64Array],
  ['cost', Float64Array],
  ['depth', Int32Array],
  ['parentIndex', Int32Array],
  ['name', Int32Array],
  ['model', Int32Array],
  ['kind', Uint8Array],
  ['status', Uint8Array],
]

const NULLABLE = new Set<NumericKey>(['inputTokens', 'outputTokens', 'cost'])

/** A span table as typed-array views on its binary form (nullable columns: NaN = none). */
export interface BinarySpanTable {
  traceId: string
  count: number
  /** Trace start, microseconds since the epoch; `start` is relative to it. */
  origin: number
  start: Float64Array
  duration: Float64Array
  inputTokens: Float64Array
  outputTokens: Float64Array
  cost: Float64Array
  depth: Int32Array
  parentIndex: Int32Array
  name: Int32Array
  model: Int32Array
  kind: Uint8Array
  status: Uint8Array
  names: string[]
  models: string[]
}

interface Header {
  traceId: string
  count: number
  origin: number
  names: string[]
  models: string[]
}

const align = (n: number, to: number) => Math.ceil(n / to) * to

/** Encodes a SpanTable (as the API shapes it) into its binary form. */
export function encodeSpanTable(table: SpanTable): Uint8Array {
  const { traceId, count, origin, names, models } = table
  const header = new TextEncoder().encode(
    JSON.stringify({ traceId, count, origin, names, models } satisfies Header),
  )
  let offset = align(12 + header.length, 8)
  const offsets: number[] = []
  for (const [, Type] of COLUMNS) {
    offset = align(offset, Type.BYTES_PER_ELEMENT)
    offsets.push(offset)
    offset += count * Type.BYTES_PER_ELEMENT
  }
  const buffer = new ArrayBuffer(offset)
  const view = new DataView(buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, SPAN_TABLE_BINARY_VERSION, true)
  view.setUint32(8, header.length, true)
  new Uint8Array(buffer, 12, header.length).set(header)
  COLUMNS.forEach(([key, Type], c) => {
    const out = new Type(buffer, offsets[c], count)
    const values = table[key] as ArrayLike<number | null>
    if (NULLABLE.has(key)) {
      for (let i = 0; i < count; i++) out[i] = values[i] ?? NaN
    } else {
      for (let i = 0; i < count; i++) out[i] = values[i] as number
    }
  })
  return new Uint8Array(buffer)
}

/** Thrown for bytes that are not a span table of this version (truncated, foreign, older). */
export class SpanTableFormatError extends Error {}

/**
 * Views the binary form as typed arrays. Copies the bytes once when they are not 8-byte aligned
 * in their buffer (a Node Buffer slice), else views them in place.
 */
export function decodeSpanTable(bytes: Uint8Array | ArrayBuffer): BinarySpanTable {
  let u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  if (u8.byteOffset % 8 !== 0) u8 = u8.slice()
  const { byteOffset, byteLength } = u8
  const buffer = u8.buffer as ArrayBuffer
  if (byteLength < 12) throw new SpanTableFormatError('span table: too short')
  const view = new DataView(buffer, byteOffset, byteLength)
  if (view.getUint32(0, true) !== MAGIC) throw new SpanTableFormatError('span table: not binary')
  const version = view.getUint32(4, true)
  if (version !== SPAN_TABLE_BINARY_VERSION) {
    throw new SpanTableFormatError(
      `span table: version ${version}, expected ${SPAN_TABLE_BINARY_VERSION}`,
    )
  }
  const headerLength = view.getUint32(8, true)
  if (12 + headerLength > byteLength) throw new SpanTableFormatError('span table: truncated header')
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, byteOffset + 12, headerLength)),
  ) as Header
  const count = header.count
  const out = { ...header } as unknown as Record<string, unknown>
  let offset = align(12 + headerLength, 8)
  for (const [key, Type] of COLUMNS) {
    offset = align(offset, Type.BYTES_PER_ELEMENT)
    const end = offset + count * Type.BYTES_PER_ELEMENT
    if (end > byteLength) throw new SpanTableFormatError(`span table: truncated at ${key}`)
    out[key] = new Type(buffer, byteOffset + offset, count)
    offset = end
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
