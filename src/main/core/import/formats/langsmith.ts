/**
 * LangSmith runs: a bare array, `{runs:[…]}`, a `child_runs` tree, or ingest batches
 * `{post:[…], patch:[…]}` (Python and JS SDKs), also one run or one batch per JSON Lines line;
 * posts and patches are merged across the whole file (`langsmith/combine.ts`).
 *
 * Mapping: each run → span (`langsmith/run.ts`), `id`/`parent_run_id` (else from `dotted_order`),
 * trace = `trace_id`, else the root reached by walking parents. Times are ISO (no zone = UTC) or
 * epoch milliseconds. Trace name = the root run's name, project = `session_name` (LangSmith's
 * `session_id`/`session_name` name the project, never a conversation), session = the
 * conversation id in `extra.metadata` (`session_id`, `thread_id`, `conversation_id`), tags = the
 * root run's tags.
 */
import type { RawSpan, RawTrace } from '../../../../shared/model'
import { SCORES_ATTRIBUTE } from '../../../../shared/scores'
import { ImportError, type ImportContext, type Importer } from '../importer'
import { conversationId, runToSpan } from './langsmith/run'
import { flattenTree, mergeBatches, resolveIds } from './langsmith/runs'
import { langsmithCombiner } from './langsmith/combine'
import { isObj, str, type Obj } from './common/values'

const isRun = (v: unknown): boolean => isObj(v) && typeof v.run_type === 'string'

function detect(value: unknown): string | null {
  if (isRun(value)) return 'a run with run_type (LangSmith)'
  if (Array.isArray(value) && value.length > 0 && value.slice(0, 4).every(isRun))
    return 'array of runs with run_type (LangSmith)'
  if (isObj(value) && Array.isArray(value.runs) && value.runs.slice(0, 4).some(isRun))
    return 'runs[] with run_type (LangSmith)'
  if (isObj(value) && (Array.isArray(value.post) || Array.isArray(value.patch))) {
    const items = [
      ...(Array.isArray(value.post) ? value.post : []),
      ...(Array.isArray(value.patch) ? value.patch : []),
    ]
    if (
      items.slice(0, 4).some(isRun) ||
      (items.length > 0 && items.slice(0, 4).every((p) => isObj(p) && p.dotted_order !== undefined))
    ) {
      return 'post/patch run batches (LangSmith ingest)'
    }
  }
  return null
}

function runsOf(value: unknown, ctx: ImportContext): Obj[] {
  if (Array.isArray(value)) return flattenTree(value)
  if (!isObj(value)) return []
  if (Array.isArray(value.runs)) return flattenTree(value.runs)
  if (Array.isArray(value.post) || Array.isArray(value.patch)) {
    const { runs, unmatched } = mergeBatches(
      Array.isArray(value.post) ? value.post : [],
      Array.isArray(value.patch) ? value.patch : [],
    )
    if (unmatched)
      ctx.warn(`${unmatched} patch record(s) had no matching post and were imported on their own`)
    return runs
  }
  return isRun(value) ? flattenTree([value]) : []
}

function convert(value: unknown, ctx: ImportContext): RawTrace[] {
  const runs = runsOf(value, ctx)
  if (runs.length === 0)
    throw new ImportError('LangSmith: no runs found (expected run objects with run_type)')
  resolveIds(runs)
  const traces = new Map<string, { trace: RawTrace; roots: Obj[] }>()
  let skipped = 0
  for (const run of runs) {
    const span: RawSpan | null = runToSpan(run)
    if (!span) {
      skipped++
      continue
    }
    const id = str(run.trace_id) ?? span.id
    let entry = traces.get(id)
    if (!entry) traces.set(id, (entry = { trace: { sourceTraceId: id, spans: [] }, roots: [] }))
    entry.trace.spans.push(span)
    if (!span.parentId) entry.roots.push(run)
    entry.trace.sessionId ??= conversationId(run)
    entry.trace.project ??= str(run.session_name)
    entry.trace.userId ??= span.userId
  }
  if (skipped) ctx.warn(`${skipped} run(s) without a usable start_time were skipped`)
  const out: RawTrace[] = []
  for (const { trace, roots } of traces.values()) {
    const root = roots[0]
    if (root) {
      trace.name = str(root.name)
      // Feedback on the root run is the trace's feedback.
      const rootSpan = trace.spans.find((s) => s.id === str(root.id))
      const scores = rootSpan?.attributes?.[SCORES_ATTRIBUTE]
      if (scores) trace.attributes = { [SCORES_ATTRIBUTE]: scores }
      if (Array.isArray(root.tags))
        trace.tags = root.tags.filter((t): t is string => typeof t === 'string')
    }
    if (trace.sessionId === undefined) delete trace.sessionId
    if (trace.project === undefined) delete trace.project
    if (trace.userId === undefined) delete trace.userId
    out.push(trace)
  }
  return out
}

/** LangSmith runs importer. */
export const langsmithImporter: Importer = {
  format: 'langsmith',
  label: 'LangSmith runs',
  detect,
  convert,
  // A run's post and patch are merged across the whole file, whatever line each is on.
  combine: langsmithCombiner,
}
