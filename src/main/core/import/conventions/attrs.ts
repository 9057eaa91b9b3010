/**
 * A flat, dotted-key view of span attributes, whatever shape they arrived in: OTLP and most
 * exporters give flat keys (`llm.input_messages.0.message.role`); Phoenix's older spec and some
 * JSON exporters nest objects (`{llm:{input_messages:[{message:{role}}]}}`). Conventions read
 * only the flat view. Keys whose value is structured by design (a messages array, a JSON body)
 * are kept whole rather than flattened.
 */
import type { Json } from '../../../../shared/model'

export type Attrs = Record<string, Json>

/** Keys whose value is one structured payload, never to be split into dotted sub-keys. */
const STRUCTURED = new Set([
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.definitions',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
  'gen_ai.prompt',
  'gen_ai.completion',
  'input.value',
  'output.value',
  'llm.invocation_parameters',
  'tool.parameters',
  'traceloop.entity.input',
  'traceloop.entity.output',
  'ai.prompt',
  'ai.prompt.messages',
  'ai.prompt.tools',
  'ai.response.toolCalls',
  'ai.response.object',
  'ai.toolCall.args',
  'ai.toolCall.result',
  'ai.toolCall.input',
  'ai.toolCall.output',
  'message',
  'content',
  'tool_calls',
])

const MAX_DEPTH = 32

/** Flattens nested attribute objects into dotted keys; flat keys pass through unchanged. */
export function flattenAttributes(attrs: Record<string, unknown>): Attrs {
  const out: Attrs = {}
  for (const [k, v] of Object.entries(attrs)) walk(out, k, v, 0)
  return out
}

function walk(out: Attrs, path: string, v: unknown, depth: number): void {
  if (v === undefined) return
  if (v === null || typeof v !== 'object' || STRUCTURED.has(path) || depth >= MAX_DEPTH) {
    out[path] = toJsonShallow(v)
    return
  }
  if (Array.isArray(v)) {
    // Arrays of scalars are attribute values in their own right (finish reasons, stop sequences).
    if (v.every((x) => x === null || typeof x !== 'object')) {
      out[path] = v as Json[]
      return
    }
    v.forEach((x, i) => walk(out, `${path}.${i}`, x, depth + 1))
    return
  }
  const entries = Object.entries(v as Record<string, unknown>)
  if (entries.length === 0) out[path] = {}
  for (const [k, x] of entries) walk(out, `${path}.${k}`, x, depth + 1)
}

function toJsonShallow(v: unknown): Json {
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v)
  return v as Json
}

/** A string attribute (numbers and booleans are given as text). */
export function str(a: Attrs, key: string): string | undefined {
  const v = a[key]
  if (typeof v === 'string') return v === '' ? undefined : v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

/** A numeric attribute; numeric strings count (Zipkin tags and OTLP intValue are strings). */
export function num(a: Attrs, key: string): number | undefined {
  return toNum(a[key])
}

export function toNum(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v)
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

/** The first present value among `keys`. */
export function first<T>(
  a: Attrs,
  keys: string[],
  read: (a: Attrs, k: string) => T | undefined,
): T | undefined {
  for (const k of keys) {
    const v = read(a, k)
    if (v !== undefined) return v
  }
  return undefined
}

/**
 * Groups `prefix.N.rest` keys by N, in index order: `indexed(a, 'gen_ai.prompt')` on
 * `{'gen_ai.prompt.0.role':'user','gen_ai.prompt.0.content':'hi'}` gives `[{role:'user',content:'hi'}]`.
 */
export function indexed(a: Attrs, prefix: string): Attrs[] {
  const p = prefix + '.'
  const groups = new Map<number, Attrs>()
  for (const k in a) {
    if (!k.startsWith(p)) continue
    const rest = k.slice(p.length)
    const dot = rest.indexOf('.')
    const idx = dot < 0 ? rest : rest.slice(0, dot)
    if (!/^\d+$/.test(idx)) continue
    const n = Number(idx)
    let g = groups.get(n)
    if (!g) groups.set(n, (g = {}))
    g[dot < 0 ? '' : rest.slice(dot + 1)] = a[k]
  }
  return [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([, g]) => g)
}

/** Keys under `prefix.`, with the prefix removed. */
export function under(a: Attrs, prefix: string): Attrs {
  const p = prefix + '.'
  const out: Attrs = {}
  for (const k in a) if (k.startsWith(p)) out[k.slice(p.length)] = a[k]
  return out
}
