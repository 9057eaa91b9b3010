/**
 * OTLP JSON (`ExportTraceServiceRequest` / `TracesData`), formats.md §1: a single request, an
 * array of requests, one request per JSON Lines line (the pipeline splits lines), a `{result:…}`
 * wrapper (Jaeger v2 `/api/v3`), camelCase or snake_case keys, the legacy
 * `instrumentationLibrarySpans`, hex or base64 ids, enum numbers or strings, nanoseconds quoted
 * or not. LLM data is read through the shared conventions (see `conventions/index.ts`).
 *
 * The root span's resource attributes become the trace's attributes, `service.name` each span's
 * service; the OTel span kind and instrumentation scope are kept as the
 * span attributes `span.kind` and `otel.scope.name` / `otel.scope.version`.
 */
import type { RawSpan, RawTrace } from '../../../../shared/model'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { addTraceFields } from '../conventions'
import { field, has, isObj, list, type Obj } from './otlp/fields'
import {
  convertSpan,
  resourceInfo,
  scopeInfo,
  type ResourceInfo,
  type ScopeInfo,
} from './otlp/span'

const MAX_NESTING = 4

function isRequest(v: unknown): v is Obj {
  return isObj(v) && has(v, 'resourceSpans')
}

function isWrapped(v: unknown): boolean {
  return isObj(v) && isRequest(v.result)
}

function detect(value: unknown): string | null {
  if (isRequest(value)) {
    return 'resourceSpans' in value
      ? 'object with resourceSpans (OTLP)'
      : 'object with resource_spans (OTLP, snake_case)'
  }
  if (isWrapped(value)) return 'result.resourceSpans (OTLP in a Jaeger /api/v3 wrapper)'
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => isRequest(v) || isWrapped(v))
  ) {
    return `array of ${value.length} OTLP requests with resourceSpans`
  }
  return null
}

/** Every request in a value: itself, its `result`, or the elements of an array of them. */
function requestsOf(value: unknown, depth = 0): Obj[] {
  if (depth > MAX_NESTING) return []
  if (isRequest(value)) return [value]
  if (isObj(value) && value.result !== undefined) return requestsOf(value.result, depth + 1)
  if (Array.isArray(value)) return value.flatMap((v) => requestsOf(v, depth + 1))
  return []
}

/**
 * The trace's attributes are its root span's resource attributes (where the run started), with
 * `deployment.environment` as the environment and OpenInference's project name as the project.
 * Only a root contributes, so JSON Lines in any order give the same trace.
 */
const rootApplied = new WeakSet<RawTrace>()

function addRootResource(t: RawTrace, span: RawSpan, res: ResourceInfo): void {
  if (span.parentId || rootApplied.has(t)) return
  rootApplied.add(t)
  // Trace fields read from spans (Langfuse's release, metadata…) may have come first.
  t.attributes = { ...res.attributes, ...t.attributes }
  const env =
    res.attributes['deployment.environment.name'] ?? res.attributes['deployment.environment']
  if (typeof env === 'string' && env) t.environment = env
  const project = res.attributes['openinference.project.name']
  if (typeof project === 'string' && project) t.project = project
}

/** Collects spans into traces, in order of first appearance. */
class TraceCollector {
  private readonly traces = new Map<string, RawTrace>()
  private skipped = new Map<string, number>()

  constructor(private readonly ctx: ImportContext) {}

  add(s: unknown, res: ResourceInfo, scope: ScopeInfo): void {
    const r = convertSpan(s, res, scope)
    if (typeof r === 'string') {
      this.skipped.set(r, (this.skipped.get(r) ?? 0) + 1)
      return
    }
    let t = this.traces.get(r.traceId)
    if (!t) this.traces.set(r.traceId, (t = { sourceTraceId: r.traceId, spans: [] }))
    addRootResource(t, r.span, res)
    if (r.trace) addTraceFields(t, r.trace)
    t.spans.push(r.span)
  }

  result(): RawTrace[] {
    for (const [why, n] of this.skipped)
      this.ctx.warn(n === 1 ? `skipped ${why}` : `skipped ${n} spans: ${why}`)
    return [...this.traces.values()]
  }
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const requests = requestsOf(value)
  if (requests.length === 0) {
    throw new ImportError('expected an OTLP request with "resourceSpans", found none')
  }
  const out = new TraceCollector(ctx)
  for (const req of requests) {
    const resourceSpans = field(req, 'resourceSpans')
    if (!Array.isArray(resourceSpans)) throw new ImportError('"resourceSpans" is not an array')
    for (const rs of resourceSpans) {
      if (!isObj(rs)) continue
      const res = resourceInfo(field(rs, 'resource'))
      for (const ss of scopeEntries(rs)) {
        const scope = scopeInfo(ss)
        for (const s of list(ss, 'spans')) out.add(s, res, scope)
      }
    }
  }
  return out.result()
}

/** `scopeSpans`, or the pre-1.0 `instrumentationLibrarySpans`. */
function scopeEntries(rs: Obj): Obj[] {
  const entries = has(rs, 'scopeSpans')
    ? list(rs, 'scopeSpans')
    : list(rs, 'instrumentationLibrarySpans')
  return entries.filter(isObj)
}

/** Resource and scope info per enclosing object, computed once however many spans it holds. */
const resourceCache = new WeakMap<object, ResourceInfo>()
const scopeCache = new WeakMap<object, ScopeInfo>()

const EMPTY: Obj = {}

function findLast(context: Record<string, unknown>[], test: (o: Obj) => boolean): Obj | undefined {
  for (let i = context.length - 1; i >= 0; i--)
    if (isObj(context[i]) && test(context[i])) return context[i]
  return undefined
}

function convertUnit(
  unit: unknown,
  context: Record<string, unknown>[],
  ctx: ImportContext,
): RawTrace[] {
  // Found by content rather than position, so any extra enclosing level does not shift them.
  const rs = findLast(context, (o) => has(o, 'resource')) ?? EMPTY
  let res = resourceCache.get(rs)
  if (!res) resourceCache.set(rs, (res = resourceInfo(field(rs, 'resource'))))
  const ss = findLast(context, (o) => has(o, 'scope') || has(o, 'instrumentationLibrary')) ?? EMPTY
  let scope = scopeCache.get(ss)
  if (!scope) scopeCache.set(ss, (scope = scopeInfo(ss)))
  const r = convertSpan(unit, res, scope)
  if (typeof r === 'string') {
    warnStreamed(ctx, r)
    return []
  }
  const t: RawTrace = { sourceTraceId: r.traceId, spans: [r.span] }
  addRootResource(t, r.span, res)
  if (r.trace) addTraceFields(t, r.trace)
  return [t]
}

/** Streamed spans arrive one at a time: report the first few skips, then say that more followed. */
const streamSkips = new WeakMap<ImportContext, number>()
const STREAM_SKIP_REPORTS = 5

function warnStreamed(ctx: ImportContext, why: string): void {
  const n = (streamSkips.get(ctx) ?? 0) + 1
  streamSkips.set(ctx, n)
  if (n <= STREAM_SKIP_REPORTS) ctx.warn(`skipped ${why}`)
  else if (n === STREAM_SKIP_REPORTS + 1) ctx.warn('more spans were skipped for the reasons above')
}

export const otlpImporter: Importer = {
  format: 'otlp',
  label: 'OTLP JSON',
  detect,
  convert,
  // Huge single-request files: each span is converted on its own with its resource and scope.
  stream: { path: ['resourceSpans', '*', 'scopeSpans', '*', 'spans', '*'], convertUnit },
}
