/**
 * MLflow traces (`mlflow traces get`, `Trace.to_dict()`): `{info, data:{spans}}`, 3.x (`trace_id:
 * "tr-…"`, base64 span ids, `start_time_unix_nano`, `status.code: "STATUS_CODE_OK"`) and 2.x
 * (`request_id`, `0x` ids, `status_code`). Also the trace data alone (`{spans:[…]}`, as
 * `trace.data` prints) and a Databricks serving reply carrying it in `databricks_output.trace`.
 *
 * Mapping: one trace, id = `info.trace_id` (or `request_id`); name = tag `mlflow.traceName`, else
 * the root span's; session / user = trace metadata `mlflow.trace.session` / `mlflow.trace.user`;
 * other metadata and tags → attributes `mlflow.metadata.*` / `mlflow.tag.*`. Spans: see
 * `mlflow/span.ts` (`mlflow.spanType` → kind, `mlflow.spanInputs`/`Outputs` → payloads,
 * `mlflow.chat.tokenUsage` → tokens).
 */
import type { Json, RawTrace } from '../../../../shared/model'
import { toJson } from '../decode'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { mlflowSpan } from './mlflow/span'
import { isObj, str, type Obj } from './common/values'

function isTrace(v: unknown): v is { info: Obj; data: Obj } {
  return isObj(v) && isObj(v.info) && isObj(v.data) && Array.isArray(v.data.spans)
}

/** A span whose attributes use MLflow's keys (`mlflow.spanType`, `mlflow.traceRequestId`…). */
function isMlflowSpan(v: unknown): boolean {
  return (
    isObj(v) &&
    isObj(v.attributes) &&
    Object.keys(v.attributes).some((k) => k.startsWith('mlflow.'))
  )
}

/** Databricks serving endpoints return the trace inside the reply: `databricks_output.trace`. */
function servingTrace(v: unknown): { info: Obj; data: Obj } | undefined {
  const out = isObj(v) && isObj(v.databricks_output) ? v.databricks_output.trace : undefined
  return isTrace(out) ? out : undefined
}

function detect(value: unknown): string | null {
  if (isTrace(value)) return 'object with info and data.spans (MLflow trace)'
  if (servingTrace(value))
    return 'databricks_output.trace holds an MLflow trace (model serving reply)'
  if (
    isObj(value) &&
    Array.isArray(value.spans) &&
    value.spans.length > 0 &&
    value.spans.slice(0, 4).every(isMlflowSpan)
  ) {
    return 'spans[] with mlflow.* attributes (MLflow trace data)'
  }
  return null
}

function prefixed(o: unknown, prefix: string): Record<string, Json> {
  const out: Record<string, Json> = {}
  if (isObj(o)) for (const [k, v] of Object.entries(o)) out[prefix + k] = toJson(v)
  return out
}

/** The trace in any of the accepted containers; trace data alone gets an empty `info`. */
function traceOf(value: unknown): { info: Obj; data: Obj } | undefined {
  if (isTrace(value)) return value
  const served = servingTrace(value)
  if (served) return served
  if (isObj(value) && Array.isArray(value.spans)) return { info: {}, data: value }
  return undefined
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const found = detect(value) ? traceOf(value) : undefined
  if (!found) throw new ImportError('MLflow: expected {info, data:{spans:[…]}}')
  const { info, data } = found
  const meta = isObj(info.trace_metadata)
    ? info.trace_metadata
    : isObj(info.request_metadata)
      ? info.request_metadata
      : {}
  const tags = isObj(info.tags) ? info.tags : {}
  const spans = []
  let traceIdFromSpans: string | undefined
  let skipped = 0
  for (const s of data.spans as unknown[]) {
    const r = isObj(s) ? mlflowSpan(s) : null
    if (!r) {
      skipped++
      continue
    }
    traceIdFromSpans ??= r.traceId
    spans.push(r.span)
  }
  if (skipped) ctx.warn(`${skipped} span(s) without a span id or a start time were skipped`)
  const id = str(info.trace_id) ?? str(info.request_id) ?? traceIdFromSpans
  if (!id) throw new ImportError('MLflow: the trace has no trace_id/request_id')
  if (spans.length === 0 && (data.spans as unknown[]).length > 0)
    throw new ImportError('MLflow: no span has an id and a start time')
  const attributes: Record<string, Json> = {
    ...prefixed(meta, 'mlflow.metadata.'),
    ...prefixed(tags, 'mlflow.tag.'),
  }
  for (const k of ['state', 'status', 'request_preview', 'response_preview', 'experiment_id']) {
    if (info[k] !== undefined && info[k] !== null) attributes[`mlflow.${k}`] = toJson(info[k])
  }
  const trace: RawTrace = { sourceTraceId: id, spans, attributes }
  const name = str(tags['mlflow.traceName']) ?? (spans.find((s) => !s.parentId) ?? spans[0])?.name
  if (name) trace.name = name
  const session = str(meta['mlflow.trace.session'])
  if (session) trace.sessionId = session
  const user = str(meta['mlflow.trace.user'])
  if (user) trace.userId = user
  return [trace]
}

/** MLflow trace importer. */
export const mlflowImporter: Importer = { format: 'mlflow', label: 'MLflow trace', detect, convert }
