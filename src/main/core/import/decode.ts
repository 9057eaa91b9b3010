/**
 * Decoding of JSON held in strings. Trace producers often store structured payloads as JSON
 * strings, sometimes encoded twice (`"\"{\\\"a\\\":1}\""`). These helpers decode them for display
 * and keep the raw string. They never throw: anything that is not JSON stays as it was.
 */
import type { Json } from '../../../shared/model'

/** How many encoding layers we peel off one string at most (guards against pathological input). */
const MAX_LAYERS = 8
/** How deep into nested containers we look for JSON strings. */
const MAX_DEPTH = 64

/** Result of decoding: the decoded value and, when a string was decoded, the original string. */
export interface Decoded {
  value: Json
  raw?: string
}

/**
 * True when a string plausibly holds a JSON object, array or string. Numbers, booleans and
 * `null` held in strings are deliberately left alone: `"42"` as a prompt is text, not a number.
 */
export function looksLikeJson(s: string): boolean {
  let i = 0
  let j = s.length - 1
  while (i <= j && isSpace(s.charCodeAt(i))) i++
  while (j >= i && isSpace(s.charCodeAt(j))) j--
  if (j - i < 1) return false
  const a = s[i]
  const b = s[j]
  return (a === '{' && b === '}') || (a === '[' && b === ']') || (a === '"' && b === '"')
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

function tryParse(s: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(s) as Json }
  } catch {
    // Not JSON after all: the caller keeps the string as text (expected for free text).
    return { ok: false }
  }
}

/**
 * Decodes one string, peeling off every JSON encoding layer (twice-encoded JSON included).
 * Returns the string unchanged when it does not hold a JSON object, array or string.
 */
export function decodeJsonString(s: string): Decoded {
  let current: Json = s
  for (let layer = 0; layer < MAX_LAYERS && typeof current === 'string'; layer++) {
    if (!looksLikeJson(current)) break
    const parsed = tryParse(current)
    if (!parsed.ok) break
    current = parsed.value
  }
  return current === s ? { value: s } : { value: current, raw: s }
}

/**
 * Decodes JSON held in strings, at the top level (several layers) and inside arrays and objects
 * (a tool call's `arguments`, a metadata field…). `raw` is the original top-level string when it
 * was decoded. Values that are not JSON-compatible (undefined, functions, bigint) become null or
 * strings, so the result is always a `Json`.
 */
export function decodeJsonDeep(value: unknown): Decoded {
  if (typeof value === 'string') {
    const top = decodeJsonString(value)
    if (top.raw === undefined) return top
    return { value: decodeNested(top.value, 0), raw: value }
  }
  return { value: decodeNested(value, 0) }
}

function decodeNested(value: unknown, depth: number): Json {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') {
    if (depth === 0 || !looksLikeJson(value)) return value
    const d = decodeJsonString(value)
    return d.raw === undefined ? value : decodeNested(d.value, depth + 1)
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'boolean') return value
  if (typeof value === 'bigint') return value.toString()
  if (depth >= MAX_DEPTH) return toJson(value)
  if (Array.isArray(value)) return value.map((v) => decodeNested(v, depth + 1))
  if (typeof value === 'object') {
    // fromEntries defines own properties: a "__proto__" key in untrusted content stays a key
    // (plain assignment would set the object's prototype instead and lose it).
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, decodeNested(v, depth + 1)]),
    )
  }
  return String(value)
}

/** Converts any value to `Json` without decoding strings (bigint → string, undefined → null). */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : String(value)
    case 'bigint':
      return value.toString()
    case 'object':
      if (Array.isArray(value)) return value.map(toJson)
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, toJson(v)]),
      )
    default:
      return String(value)
  }
}
