/**
 * OTLP protobuf (`ExportTraceServiceRequest`) to the OTLP JSON shape the OTLP importer reads: the
 * receiver's `application/x-protobuf` bodies and `.pb` files (one request, or a stream of
 * length-delimited requests). Decoding uses protobufjs with the official OTLP definitions
 * (proto/, generated descriptor), never a hand-written decoder. Ids come out as base64 and
 * nanoseconds as exact decimal strings, both of which the JSON importer already accepts.
 */
import protobuf from 'protobufjs/light.js'
import Long from 'long'
import descriptor from './proto/otlp-trace.json'
import { isObj, type Obj } from './fields'

// Bundled code has no `require` for protobufjs to find `long` with: without it 64-bit fields
// would decode as floats and lose nanoseconds.
protobuf.util.Long = Long
protobuf.configure()

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace)
const PACKAGE = 'opentelemetry.proto.collector.trace.v1'
const Request = root.lookupType(`${PACKAGE}.ExportTraceServiceRequest`)
const Response = root.lookupType(`${PACKAGE}.ExportTraceServiceResponse`)

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: Number,
  bytes: String,
  defaults: false,
}

/** A body or file that is not a valid protobuf `ExportTraceServiceRequest`. */
export class ProtobufError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProtobufError'
  }
}

/** Decodes one `ExportTraceServiceRequest` into its OTLP JSON form; throws `ProtobufError`. */
export function decodeTraceRequest(bytes: Uint8Array): Obj {
  let message: protobuf.Message
  try {
    message = Request.decode(bytes)
  } catch (err) {
    throw new ProtobufError(`it is not a valid OTLP protobuf request (${(err as Error).message})`)
  }
  return Request.toObject(message, TO_OBJECT) as Obj
}

/** The protobuf `ExportTraceServiceResponse`, with partial-success details when spans were rejected. */
export function encodeTraceResponse(rejectedSpans = 0, errorMessage = ''): Uint8Array {
  const body = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {}
  return Response.encode(Response.fromObject(body)).finish()
}

/** Number of spans in a decoded request, and whether every span has usable-looking ids. */
function spanStats(req: Obj): { spans: number; withIds: number } {
  let spans = 0
  let withIds = 0
  const rss = req.resourceSpans
  if (!Array.isArray(rss)) return { spans, withIds }
  for (const rs of rss) {
    if (!isObj(rs) || !Array.isArray(rs.scopeSpans)) continue
    for (const ss of rs.scopeSpans) {
      if (!isObj(ss) || !Array.isArray(ss.spans)) continue
      for (const s of ss.spans) {
        spans++
        // 16-byte trace id and 8-byte span id are 24 and 12 characters of base64.
        if (isObj(s) && String(s.traceId).length === 24 && String(s.spanId).length === 12) withIds++
      }
    }
  }
  return { spans, withIds }
}

/** Reads a base-128 varint at `at`; null when it is cut off or longer than 5 bytes. */
function varint(buf: Uint8Array, at: number): { value: number; next: number } | null {
  let value = 0
  for (let i = 0; i < 5 && at + i < buf.length; i++) {
    const b = buf[at + i]
    value += (b & 0x7f) * 2 ** (7 * i)
    if (b < 0x80) return { value, next: at + i + 1 }
  }
  return null
}

function tryDecode(bytes: Uint8Array): Obj | null {
  try {
    const req = decodeTraceRequest(bytes)
    const { spans, withIds } = spanStats(req)
    return spans > 0 && withIds === spans ? req : null
  } catch {
    return null // not this shape: the caller tries the other one or reports a non-OTLP file
  }
}

/** Splits a stream of varint-length-prefixed requests; null when the framing does not fit. */
function splitDelimited(buf: Uint8Array): Uint8Array[] | null {
  const parts: Uint8Array[] = []
  let at = 0
  while (at < buf.length) {
    const len = varint(buf, at)
    if (!len || len.value === 0 || len.next + len.value > buf.length) return null
    parts.push(buf.subarray(len.next, len.next + len.value))
    at = len.next + len.value
  }
  return parts.length ? parts : null
}

/**
 * Recognises a binary OTLP trace file by content: one `ExportTraceServiceRequest`, or a stream
 * of length-delimited ones (as `writeDelimitedTo` writes). Every span must carry 16-byte trace
 * and 8-byte span ids, so text or other binary files are not mistaken for one. Returns the
 * requests in OTLP JSON form and why, or null.
 */
export function sniffOtlpProtobuf(buf: Uint8Array): { values: Obj[]; why: string } | null {
  if (buf.length < 2) return null
  // A request starts with field 1 (resource_spans), wire type 2: the byte 0x0A.
  if (buf[0] === 0x0a) {
    const one = tryDecode(buf)
    if (one) return { values: [one], why: 'binary ExportTraceServiceRequest (OTLP protobuf)' }
  }
  const len = varint(buf, 0)
  if (!len || buf[len.next] !== 0x0a) return null
  const parts = splitDelimited(buf)
  if (!parts) return null
  const values: Obj[] = []
  for (const p of parts) {
    const req = tryDecode(p)
    if (!req) return null
    values.push(req)
  }
  return {
    values,
    why: `${values.length} length-delimited ExportTraceServiceRequests (OTLP protobuf)`,
  }
}

/**
 * True when a file's first bytes could start an OTLP protobuf file (worth reading whole). A head
 * of only text characters is text (JSON may start with a newline, 0x0A, too).
 */
export function mayBeOtlpProtobuf(head: Uint8Array): boolean {
  if (head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))) return false
  if (head[0] === 0x0a) return true
  const len = varint(head, 0)
  return !!len && head[len.next] === 0x0a
}

/**
 * Why a binary file that starts like OTLP protobuf is not one, for the user ("it starts like an
 * OTLP protobuf request but …"), or null when it does not start like one.
 */
export function protobufProblem(buf: Uint8Array): string | null {
  if (!mayBeOtlpProtobuf(buf.subarray(0, 8))) return null
  try {
    const req = decodeTraceRequest(buf)
    const { spans, withIds } = spanStats(req)
    if (spans === 0) return 'it decodes as OTLP protobuf but holds no spans'
    return `it decodes as OTLP protobuf but ${spans - withIds} of ${spans} spans have no valid trace or span id`
  } catch (err) {
    return `it starts like an OTLP protobuf request but cannot be decoded: ${(err as Error).message.replace(/^it is not a valid OTLP protobuf request \((.*)\)$/, '$1')}`
  }
}
