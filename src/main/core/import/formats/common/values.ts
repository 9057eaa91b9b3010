/**
 * Small readers for untrusted parsed JSON, shared by the non-OTLP importers. They never throw;
 * a value of the wrong type reads as `undefined` so each importer decides what is required.
 */
import type { Json } from '../../../../../shared/model'
import { toJson } from '../../decode'

export type Obj = Record<string, unknown>

/** True for a plain JSON object (not null, not an array). */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A non-empty string, or a finite number / bigint written as a string. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length > 0 ? v : undefined
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v === 'bigint') return v.toString()
  return undefined
}

/** A finite number, also from a numeric string ("412" in Zipkin tags). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (
    typeof v === 'string' &&
    v.trim() !== '' &&
    /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.trim())
  ) {
    const n = Number(v)
    return Number.isFinite(n) ? n : undefined
  }
  if (typeof v === 'bigint') return Number(v)
  return undefined
}

/** A non-negative token count (rounded), or undefined. */
export function count(v: unknown): number | undefined {
  const n = num(v)
  return n !== undefined && n >= 0 ? Math.round(n) : undefined
}

/** An array, or undefined. */
export function arr(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined
}

/** The first of `keys` that `o` holds with a value other than null/undefined. */
export function first(o: Obj, ...keys: string[]): unknown {
  for (const k of keys) {
    const v = o[k]
    if (v !== undefined && v !== null) return v
  }
  return undefined
}

/**
 * Flattens nested objects to dotted keys (`{llm:{model_name:"x"}}` → `llm.model_name`), the
 * shape the attribute conventions expect. Arrays are kept as values; depth is bounded.
 */
export function flatten(
  o: Obj,
  prefix = '',
  out: Record<string, Json> = {},
  depth = 0,
): Record<string, Json> {
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue
    const key = prefix ? `${prefix}.${k}` : k
    if (isObj(v) && depth < 16 && Object.keys(v).length > 0) flatten(v, key, out, depth + 1)
    else out[key] = toJson(v)
  }
  return out
}

/** Copies an object's members as `Json` attributes, optionally under a key prefix. */
export function jsonAttrs(o: Obj, prefix = ''): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[prefix + k] = toJson(v)
  return out
}

/** Removes `undefined` members so golden dumps and the store see only what the source stated. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k]
  return o
}
