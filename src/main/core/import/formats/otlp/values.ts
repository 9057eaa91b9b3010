/**
 * OTLP `AnyValue` and `KeyValue` lists to plain JSON. `intValue` is a decimal string in the JSON
 * mapping: it becomes a number when it is a safe integer and stays an exact string otherwise.
 * `bytesValue` (base64) is kept as its base64 text.
 */
import type { Json } from '../../../../../shared/model'
import { toJson } from '../../decode'
import { field, isObj, list } from './fields'

const MAX_DEPTH = 64

/** One `AnyValue` (`{stringValue}`, `{intValue}`, `{arrayValue:{values}}`, …) as JSON. */
export function anyValue(v: unknown, depth = 0): Json {
  if (!isObj(v)) return toJson(v) // tolerate producers that write bare values
  if (depth > MAX_DEPTH) return null
  const s = field(v, 'stringValue')
  if (s !== undefined) return typeof s === 'string' ? s : toJson(s)
  const b = field(v, 'boolValue')
  if (b !== undefined) return b === true || b === 'true'
  const i = field(v, 'intValue')
  if (i !== undefined) return intValue(i)
  const d = field(v, 'doubleValue')
  if (d !== undefined) return doubleValue(d)
  const arr = field(v, 'arrayValue')
  if (arr !== undefined)
    return isObj(arr) ? list(arr, 'values').map((x) => anyValue(x, depth + 1)) : []
  const kv = field(v, 'kvlistValue')
  if (kv !== undefined) return isObj(kv) ? keyValues(list(kv, 'values'), depth + 1) : {}
  const bytes = field(v, 'bytesValue')
  if (bytes !== undefined) return typeof bytes === 'string' ? bytes : toJson(bytes)
  return null // an empty AnyValue is an unset value
}

function intValue(i: unknown): Json {
  if (typeof i === 'number') return Number.isFinite(i) ? i : String(i)
  if (typeof i === 'string') {
    const t = i.trim()
    if (/^-?\d+$/.test(t)) {
      const n = Number(t)
      return Number.isSafeInteger(n) ? n : t
    }
    return t
  }
  return toJson(i)
}

function doubleValue(d: unknown): Json {
  if (typeof d === 'number') return d
  if (typeof d === 'string') {
    const n = Number(d)
    // "NaN" / "Infinity" are valid protobuf JSON but not JSON numbers: keep them as text.
    return Number.isFinite(n) && d.trim() !== '' ? n : d
  }
  return toJson(d)
}

/** A `KeyValue[]` list as an object; a later duplicate key wins, as in the SDKs. */
export function keyValues(kvs: unknown, depth = 0): { [key: string]: Json } {
  const out: { [key: string]: Json } = {}
  if (isObj(kvs)) {
    // Some hand-written files give attributes as a plain map.
    for (const [k, v] of Object.entries(kvs)) out[k] = toJson(v)
    return out
  }
  if (!Array.isArray(kvs)) return out
  for (const kv of kvs) {
    if (!isObj(kv) || typeof kv.key !== 'string') continue
    out[kv.key] = anyValue(kv.value, depth)
  }
  return out
}
