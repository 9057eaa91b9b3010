/**
 * The normaliser's working form of a span: the structural fields only (no payloads), plus `src`,
 * the index of the raw span whose payloads (input, output, error, attributes, events) it keeps.
 * The streaming pipeline builds these without ever holding payloads in memory.
 */
import type { Json, RawSpan, SpanFlag, SpanKind } from '../../../../shared/model'
import { inTimeRange } from './bounds'

export interface WorkSpan {
  /** Index of the raw span (arrival order) that supplies this span's payloads. */
  src: number
  id: string
  /** Normalised: null for a top-level span. */
  parentId: string | null
  name: string
  kind: SpanKind
  failed: boolean
  start: number
  end: number | null
  service?: string
  model?: string
  provider?: string
  inputTokens?: number
  outputTokens?: number
  cost?: number
  flags?: SpanFlag[]
  /** What the span operated on (see operationTarget); '' when the format records none. */
  target: string
}

const ZERO_ID = /^0+$/

/** Parent ids that mean "no parent": absent, empty, or all zeros. */
export function normaliseParentId(parentId: string | null | undefined): string | null {
  if (parentId === undefined || parentId === null || parentId === '') return null
  if (ZERO_ID.test(parentId)) return null
  return parentId
}

function finiteOrUndefined(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}

/** The structural part of a raw span (payloads left where they are). */
export function toWorkSpan(raw: RawSpan, src: number): WorkSpan {
  const end = typeof raw.end === 'number' && Number.isFinite(raw.end) ? Math.round(raw.end) : null
  const w: WorkSpan = {
    src,
    id: String(raw.id),
    parentId: normaliseParentId(raw.parentId),
    name:
      raw.name === undefined || raw.name === null || raw.name === ''
        ? '(unnamed)'
        : String(raw.name),
    kind: raw.kind ?? (raw.model ? 'llm' : 'span'),
    failed: raw.failed === true || raw.error !== undefined,
    start: Number.isFinite(raw.start) ? Math.round(raw.start) : NaN,
    end,
    target: operationTarget(raw),
  }
  if (raw.service !== undefined) w.service = raw.service
  if (raw.model !== undefined) w.model = raw.model
  if (raw.provider !== undefined) w.provider = raw.provider
  const it = finiteOrUndefined(raw.inputTokens)
  const ot = finiteOrUndefined(raw.outputTokens)
  const cost = finiteOrUndefined(raw.cost)
  if (it !== undefined) w.inputTokens = it
  if (ot !== undefined) w.outputTokens = ot
  if (cost !== undefined) w.cost = cost
  return w
}

/**
 * Attributes that name what an operation was aimed at: the HTTP request (method, URL, route or
 * path), the RPC method, the database statement, the tool. Two failures with the same name and
 * kind but different targets are different operations, not a retry.
 */
const TARGET_ATTRIBUTES = [
  'http.method',
  'http.request.method',
  'http.url',
  'url.full',
  'http.target',
  'url.path',
  'url.query',
  'http.route',
  'http.path',
  'http.host',
  'server.address',
  'net.peer.name',
  'peer.service',
  'rpc.service',
  'rpc.method',
  'db.statement',
  'db.query.text',
  'db.operation',
  'messaging.destination.name',
  'gen_ai.tool.name',
  'gen_ai.tool.call.arguments',
  'tool.name',
  'tool.parameters',
  'input.value',
]

const TARGET_INDEX = new Map(TARGET_ATTRIBUTES.map((key, i) => [key, i]))

/** Kinds whose input (prompt, tool arguments, query) is part of what the operation was. */
const INPUT_KINDS = new Set<SpanKind>(['llm', 'tool', 'retriever', 'embedding', 'guardrail'])

/** FNV-1a over a string, as 8 hex digits: a compact fingerprint for a payload. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

function textOf(value: Json | undefined): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * What the span operated on, where the format records it: target attributes (HTTP URL or route,
 * RPC method, statement, tool name and arguments), and for LLM, tool, retrieval and embedding
 * spans the model and a fingerprint of the input. '' when nothing is recorded.
 */
export function operationTarget(raw: RawSpan): string {
  const parts: string[] = []
  const attrs = raw.attributes
  if (attrs) {
    // The span's own keys looked up among the target attributes, not every target attribute
    // among its keys: most spans have none of them, and a lookup that misses in a big
    // attribute object is what made this the hottest line of normalising a Chrome trace.
    let found: number[] | undefined
    for (const key of Object.keys(attrs)) {
      const i = TARGET_INDEX.get(key)
      if (i !== undefined) (found ??= []).push(i)
    }
    if (found) {
      found.sort((x, y) => x - y)
      for (const i of found) {
        const key = TARGET_ATTRIBUTES[i]
        const v = attrs[key]
        if (v !== undefined && v !== null && v !== '')
          parts.push(`${key}=${fingerprint(textOf(v))}`)
      }
    }
  }
  const kind = raw.kind ?? (raw.model ? 'llm' : 'span')
  if (raw.model) parts.push(`model=${raw.model}`)
  if (INPUT_KINDS.has(kind) && raw.input !== undefined) {
    const text = raw.input.raw ?? textOf(raw.input.value)
    if (text) parts.push(`input=${fingerprint(text)}`)
  }
  return parts.join('\u0000')
}

/** Whether a raw span has a time the normaliser can place it by (a start, else an end). */
export function hasUsableTime(raw: RawSpan): boolean {
  return inTimeRange(raw.start) || (typeof raw.end === 'number' && inTimeRange(raw.end))
}

export function addFlag(span: WorkSpan, flag: SpanFlag): void {
  if (!span.flags) span.flags = [flag]
  else if (!span.flags.includes(flag)) span.flags.push(flag)
}
