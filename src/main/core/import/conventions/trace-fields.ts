/**
 * Trace-level fields that producers put on spans: the trace's name, tags, environment, release
 * and metadata. Read from Langfuse's OTLP keys (`langfuse.trace.name`, `langfuse.trace.tags`,
 * `langfuse.trace.metadata.*`, `langfuse.environment`, `langfuse.release`, `langfuse.version`)
 * and OpenInference's `tag.tags` (a JSON list in a string, or an array). Any span may carry
 * them (Langfuse propagates them to every span of the context); the first value wins and tags
 * are united.
 */
import type { Json, RawTrace } from '../../../../shared/model'
import { decodeJsonString } from '../decode'
import { str, under, type Attrs } from './attrs'

export type TraceFields = Pick<RawTrace, 'name' | 'tags' | 'environment' | 'attributes'>

/** A list of strings given as an array, a JSON list in a string, or one comma-separated string. */
function stringList(v: Json | undefined): string[] | undefined {
  if (v === undefined || v === null) return undefined
  let list: Json = v
  if (typeof v === 'string') {
    const d = decodeJsonString(v)
    list = d.raw !== undefined ? d.value : v.split(',').map((s) => s.trim())
  }
  if (!Array.isArray(list)) return undefined
  const out = list.filter((t): t is string => typeof t === 'string' && t !== '')
  return out.length ? out : undefined
}

export function readTraceFields(a: Attrs): TraceFields {
  const f: TraceFields = {}
  const name = str(a, 'langfuse.trace.name')
  if (name) f.name = name
  const tags = [
    ...(stringList(a['tag.tags']) ?? []),
    ...(stringList(a['langfuse.trace.tags']) ?? []),
  ]
  if (tags.length) f.tags = [...new Set(tags)]
  const env = str(a, 'langfuse.environment')
  if (env) f.environment = env
  const attributes: Record<string, Json> = {}
  for (const k of ['langfuse.release', 'langfuse.version']) {
    const v = a[k]
    if (v !== undefined && v !== null) attributes[k] = v
  }
  const md = under(a, 'langfuse.trace.metadata')
  for (const [k, v] of Object.entries(md)) attributes[`metadata.${k}`] = v
  if (a['langfuse.trace.metadata'] !== undefined) attributes.metadata = a['langfuse.trace.metadata']
  if (Object.keys(attributes).length) f.attributes = attributes
  return f
}

/** Fills `into` (a raw trace) from a span's trace fields; first value wins, tags are united. */
export function addTraceFields(into: RawTrace, f: TraceFields): void {
  if (f.name) into.name ??= f.name
  if (f.environment) into.environment ??= f.environment
  if (f.tags) {
    into.tags ??= []
    for (const t of f.tags) if (!into.tags.includes(t)) into.tags.push(t)
  }
  if (f.attributes) {
    into.attributes ??= {}
    for (const [k, v] of Object.entries(f.attributes))
      if (!(k in into.attributes)) into.attributes[k] = v
  }
}
