/**
 * The normaliser's working form of a span: the structural fields only (no payloads), plus `src`,
 * the index of the raw span whose payloads (input, output, error, attributes, events) it keeps.
 * The streaming pipeline builds these without ever holding payloads in memory.
 */
import type { RawSpan, SpanFlag, SpanKind } from '../../../../shared/model'

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

/** Whether a raw span has a time the normaliser can place it by (a start, else an end). */
export function hasUsableTime(raw: RawSpan): boolean {
  return Number.isFinite(raw.start) || (typeof raw.end === 'number' && Number.isFinite(raw.end))
}

export function addFlag(span: WorkSpan, flag: SpanFlag): void {
  if (!span.flags) span.flags = [flag]
  else if (!span.flags.includes(flag)) span.flags.push(flag)
}
