/**
 * The one API contract between the renderer and whichever host runs it (Electron IPC or the
 * browser host over loopback HTTP). Every verb is declared here once, with a zod schema for its
 * request (the host validates every payload against it) and the TypeScript type of its response.
 * Hosts and clients derive their types from this object; nothing else lists the verbs.
 */
import './zod-config' // first: configures zod before any schema below is built
import { z } from 'zod'
import type { ImportReport, Span, Trace, TraceReport } from './model'
import type { TraceComparison } from './compare/compare'
import { SHARE_REDACTIONS, type CutPayload } from './share-format'
import {
  EvaluatorInputSchema,
  PromptInputSchema,
  ProviderInputSchema,
  RerunRequestSchema,
  type Evaluator,
  type PromptVersion,
  type Score,
  type ProviderInfo,
  type RerunPreview,
  type RerunRun,
} from './rerun'

/** Declares a verb: its request schema and (phantom) response type. */
function verb<Req extends z.ZodType, Res>(request: Req): { request: Req; response?: Res } {
  return { request }
}

const id = z.string().min(1).max(512)
/** A request with no fields. */
const empty = z.object({}).strict()

export const TraceFilterSchema = z
  .object({
    /** ISO date or epoch ms: traces starting at or after. */
    since: z.union([z.string(), z.number()]).optional(),
    until: z.union([z.string(), z.number()]).optional(),
    status: z.enum(['ok', 'warning', 'error', 'failed']).optional(),
    minCost: z.number().nonnegative().optional(),
    tags: z.array(z.string()).optional(),
    model: z.string().optional(),
    /** Traces with at least one span of this kind (llm, tool, retriever…). */
    kind: z.string().max(40).optional(),
    text: z.string().max(1000).optional(),
    sessionId: z.string().optional(),
    limit: z.number().int().positive().max(1_000_000).optional(),
  })
  .strict()
export type TraceFilter = z.infer<typeof TraceFilterSchema>

export const SpanSearchSchema = z
  .object({
    traceId: id,
    text: z.string().max(1000).optional(),
    kind: z.string().optional(),
    status: z.enum(['ok', 'error', 'retry']).optional(),
    limit: z.number().int().positive().max(1_000_000).optional(),
  })
  .strict()
export type SpanSearch = z.infer<typeof SpanSearchSchema>

/** Where a free-text search matched inside a trace: its first matching span. */
export interface SearchMatch {
  /** Step index of the span. */
  index: number
  name: string
  kind: string
  /** Where the words were found. */
  field: 'name' | 'input' | 'output'
  /** A short excerpt around the first word, when it was found in a payload. */
  excerpt?: string
}

/** A trace as listed in the library (no attributes); `match` when a text search found it in a span. */
export type TraceSummary = Omit<Trace, 'attributes'> & { match?: SearchMatch }

/**
 * All spans of a trace as columns, in step order, for the timeline and tree. Column i describes
 * the span with index i. Payloads are not included: fetch them per span with `getSpan`.
 */
export interface SpanTable {
  traceId: string
  count: number
  /** Trace start, microseconds since the epoch; `start` below is relative to it. */
  origin: number
  start: number[]
  duration: number[]
  depth: number[]
  parentIndex: number[]
  /** Index into SPAN_KINDS. */
  kind: number[]
  /** 0 ok, 1 error, 2 retry. */
  status: number[]
  /** Index into `names`. */
  name: number[]
  names: string[]
  inputTokens: (number | null)[]
  outputTokens: (number | null)[]
  cost: (number | null)[]
  /** Index into `models`, -1 when the span has none. */
  model: number[]
  models: string[]
}

export interface TraceDetail {
  trace: Trace
  report: TraceReport
}

export interface SessionSummary {
  id: string
  traceCount: number
  spanCount: number
  inputTokens: number
  outputTokens: number
  totalTokens: number
  cost: number
  costEstimated: boolean
  durationMs: number
  /** The worst of its traces' statuses (see shared/status.ts). */
  status: 'ok' | 'warning' | 'error'
  startTime: string
  endTime: string
  models: string[]
  tags: string[]
}

/** One step of a turn (a span other than the turn's root), for the conversation view. */
export interface TurnStep {
  index: number
  name: string
  kind: string
  status: 'ok' | 'error' | 'retry'
  durationMs: number
  model?: string
}

/** One turn of a session (one trace), read as a conversation exchange. */
export interface SessionTurn {
  traceId: string
  name: string
  /** Trace start, microseconds since the epoch. */
  start: number
  durationMs: number
  status: 'ok' | 'warning' | 'error'
  cost: number
  costEstimated: boolean
  /** The trace's input tokens (sum over its LLM calls). */
  inputTokens: number
  outputTokens: number
  /** The largest prompt sent in this turn (the context size the model saw), when known. */
  contextTokens: number | null
  /** The turn's main model (of its largest prompt), and that model's context window when known. */
  model?: string
  contextLimit: number | null
  /** The user's message that opened the turn, as text (truncated for very long inputs). */
  userInput: string | null
  /** The model's final response in the turn, as text. */
  response: string | null
  /** The first failure in the turn ("RateLimitError: …"), when a span failed. */
  error: string | null
  /** Index of the span the input and response were read from (for jumping into replay). */
  inputSpan: number | null
  responseSpan: number | null
  /** Spans between input and response (tools, retrieval, LLM calls…), in step order. */
  steps: TurnStep[]
  /** Steps left out of `steps` (very large turns). */
  moreSteps: number
}

export interface SessionDetail {
  session: SessionSummary
  /** The session's traces in order of start. */
  traces: TraceSummary[]
  /** One turn per trace, in the same order. */
  turns: SessionTurn[]
}

export interface AppInfo {
  version: string
  /** Where the library lives on disk. */
  dbPath: string
  /** A sample trace bundled with the app is available. */
  hasSample: boolean
  /** The user's price table (estimated costs), whether or not it exists yet. */
  pricesPath?: string
  /** Set when the library cannot be written (read-only folder or file, full disk): why, in one line. */
  readOnly?: string
}

export const ShareRequestSchema = z
  .object({
    a: id,
    b: id.optional(),
    range: z
      .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
      .strict()
      .optional(),
    redaction: z.enum(SHARE_REDACTIONS).optional(),
    note: z.string().max(10_000).optional(),
    openAt: z.number().int().nonnegative().optional(),
    payloadLimit: z
      .number()
      .int()
      .min(1024)
      .max(1 << 30)
      .optional(),
  })
  .strict()

/** A built shared replay page and what went into it. */
export interface ShareExport {
  html: string
  /** A file name made from the trace names ("checkout-agent-replay.html"). */
  fileName: string
  bytes: number
  spans: number
  /** Payloads over the size limit that were cut. */
  cut: CutPayload[]
}

/** The OTLP receiver of live traces (issue 13), as the window shows it. */
export interface LiveStatus {
  enabled: boolean
  /** The endpoint apps export to (OTEL_EXPORTER_OTLP_ENDPOINT), while listening. */
  endpoint?: string
  /** The port it listens on (or would). */
  port: number
  /** A trace is committed this long after its last span. */
  quietMs: number
  /** Why it is not running though asked to (port in use…). */
  error?: string
  /** Spans held in live traces, not yet in the library. */
  pendingSpans: number
  /** Live traces a previous run lost (it stopped before committing them); said until dismissed. */
  lost?: { traces: number; spans: number }
}

/** A live trace (still receiving spans) as the library lists it. */
export type LiveTraceSummary = TraceSummary & {
  live: true
  /** Wall-clock ms of the latest span received. */
  lastSpanAt: number
  /** The root span has arrived (until then the name is a child's, and the root is still running). */
  hasRoot: boolean
}

export const api = {
  appInfo: verb<typeof empty, AppInfo>(empty),
  listTraces: verb<typeof TraceFilterSchema, TraceSummary[]>(TraceFilterSchema),
  getTrace: verb<z.ZodObject<{ id: typeof id }>, TraceDetail>(z.object({ id }).strict()),
  getSpanTable: verb<z.ZodObject<{ id: typeof id }>, SpanTable>(z.object({ id }).strict()),
  /**
   * The same table in its binary form (shared/span-table-binary.ts), sent as bytes: what the
   * renderer opens a trace with (decoded into typed-array views, nothing parsed per span).
   */
  getSpanColumns: verb<z.ZodObject<{ id: typeof id }>, Uint8Array>(z.object({ id }).strict()),
  getSpan: verb<z.ZodObject<{ traceId: typeof id; index: z.ZodNumber }>, Span>(
    z.object({ traceId: id, index: z.number().int().nonnegative() }).strict(),
  ),
  searchSpans: verb<typeof SpanSearchSchema, number[]>(SpanSearchSchema),
  /** Imports files by path; resolves when every file is done. Progress arrives as events. */
  importFiles: verb<
    z.ZodObject<{ paths: z.ZodArray<z.ZodString>; jobId: z.ZodString }>,
    ImportReport[]
  >(z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(1000), jobId: id }).strict()),
  cancelImport: verb<z.ZodObject<{ jobId: typeof id }>, boolean>(z.object({ jobId: id }).strict()),
  importSample: verb<typeof empty, ImportReport>(empty),
  deleteTraces: verb<z.ZodObject<{ ids: z.ZodArray<typeof id> }>, number>(
    z.object({ ids: z.array(id).min(1).max(100_000) }).strict(),
  ),
  listSessions: verb<typeof TraceFilterSchema, SessionSummary[]>(TraceFilterSchema),
  /** A session's traces in start order with a per-turn conversation view. */
  getSession: verb<z.ZodObject<{ id: typeof id }>, SessionDetail>(z.object({ id }).strict()),
  /** Aligns two traces: pairs, gaps, divergences in the order they happened, deltas. */
  compareTraces: verb<z.ZodObject<{ a: typeof id; b: typeof id }>, TraceComparison>(
    z.object({ a: id, b: id }).strict(),
  ),
  /**
   * A self-contained replay page (one HTML file, no network) of trace `a`, or of the comparison
   * of `a` with `b`: optionally only steps range.from..to (0-based, with their ancestors), with
   * payloads redacted, payloads over `payloadLimit` characters cut, a note, a step to open at.
   */
  exportShareHtml: verb<typeof ShareRequestSchema, ShareExport>(ShareRequestSchema),
  /** Endpoints to re-run LLM calls against (never their keys). */
  listProviders: verb<typeof empty, ProviderInfo[]>(empty),
  /** Adds or updates a provider; a key given is stored (sealed) and never sent back. */
  saveProvider: verb<typeof ProviderInputSchema, ProviderInfo>(ProviderInputSchema),
  deleteProvider: verb<z.ZodObject<{ id: typeof id }>, boolean>(z.object({ id }).strict()),
  /** Connects to a provider and lists its models (where the endpoint can). */
  testProvider: verb<z.ZodObject<{ id: typeof id }>, { endpoint: string; models: string[] }>(
    z.object({ id }).strict(),
  ),
  /** What a re-run would send: each LLM call rebuilt with the overrides, estimates, kept spans. */
  previewRerun: verb<typeof RerunRequestSchema, RerunPreview>(RerunRequestSchema),
  /** Queues a re-run (at most 3 run at once); progress arrives as `rerunProgress` events. */
  startRerun: verb<typeof RerunRequestSchema, RerunRun>(RerunRequestSchema),
  cancelRerun: verb<z.ZodObject<{ id: typeof id }>, boolean>(z.object({ id }).strict()),
  /** A trace's re-run history, newest first. */
  listReruns: verb<z.ZodObject<{ traceId: typeof id }>, RerunRun[]>(
    z.object({ traceId: id }).strict(),
  ),
  getRerun: verb<z.ZodObject<{ id: typeof id }>, RerunRun>(z.object({ id }).strict()),
  /** The local prompt library: every version of every named prompt, newest first per name. */
  listPrompts: verb<typeof empty, PromptVersion[]>(empty),
  /** Saves the next version of a named prompt ("support-agent" → support-agent@4). */
  savePrompt: verb<typeof PromptInputSchema, PromptVersion>(PromptInputSchema),
  /** The evaluators enabled for the library (three reference evaluators until one is saved). */
  listEvaluators: verb<typeof empty, Evaluator[]>(empty),
  saveEvaluator: verb<typeof EvaluatorInputSchema, Evaluator>(EvaluatorInputSchema),
  deleteEvaluator: verb<z.ZodObject<{ id: typeof id }>, boolean>(z.object({ id }).strict()),
  /** Scores a trace with the enabled evaluators (a replay against its original); replaces its scores. */
  scoreTrace: verb<z.ZodObject<{ traceId: typeof id }>, Score[]>(z.object({ traceId: id }).strict()),
  /** A trace's stored scores. */
  getScores: verb<z.ZodObject<{ traceId: typeof id }>, Score[]>(z.object({ traceId: id }).strict()),
  /** Traces the OTLP receiver is still receiving (not yet committed), newest first. */
  listLiveTraces: verb<typeof empty, LiveTraceSummary[]>(empty),
  liveStatus: verb<typeof empty, LiveStatus>(empty),
  /** Starts or stops the OTLP receiver (remembered by the desktop app); stopping commits what is live. */
  setLiveReceiver: verb<
    z.ZodObject<{ enabled: z.ZodBoolean; port: z.ZodOptional<z.ZodNumber> }>,
    LiveStatus
  >(
    z
      .object({ enabled: z.boolean(), port: z.number().int().min(0).max(65535).optional() })
      .strict(),
  ),
  /** The latest earlier trace with the same name (the previous run), if there is one. */
  previousRun: verb<z.ZodObject<{ id: typeof id }>, { previous: TraceSummary | null }>(
    z.object({ id }).strict(),
  ),
} as const

export type ApiVerb = keyof typeof api
export const API_VERBS = Object.keys(api) as ApiVerb[]

export type ApiRequest<V extends ApiVerb> = z.input<(typeof api)[V]['request']>
export type ApiResponse<V extends ApiVerb> = NonNullable<(typeof api)[V]['response']>

/** The client side of the contract: one async function per verb. */
export type TraceApi = { [V in ApiVerb]: (request: ApiRequest<V>) => Promise<ApiResponse<V>> }

/** Events the host pushes to the renderer. */
export interface ApiEvents {
  importProgress: {
    jobId: string
    file: string
    fileIndex: number
    fileCount: number
    bytesDone: number
    bytesTotal: number
    /** 'waiting': another tracedeck process holds the library's write lock. */
    phase: 'reading' | 'waiting' | 'committing' | 'done' | 'failed' | 'cancelled'
    report?: ImportReport
    /**
     * Sent once, as the commit of a file holding one trace starts: that trace can be opened now
     * (getTrace, getSpanColumns), before it is in the library; getSpan and searchSpans on it
     * wait for the commit. The file's final event says whether it was saved.
     */
    preview?: { traceId: string }
  }
  /** The library changed (import, delete): lists should refresh. */
  libraryChanged: { reason: string }
  /** The host asks the renderer to show something (a file opened from the OS, the menu). */
  navigate: { view: 'library' } | { view: 'trace'; id: string } | { view: 'open-dialog' }
  /** A re-run changed state or finished a call. */
  rerunProgress: RerunRun
  /** Live traces grew (new spans) or were committed (now replayable from the library). */
  liveTraces: { grew: string[]; committed: string[] }
  /** The OTLP receiver started, stopped or failed. */
  liveStatus: LiveStatus
}
export type ApiEventName = keyof ApiEvents
export const API_EVENTS: ApiEventName[] = [
  'importProgress',
  'libraryChanged',
  'navigate',
  'rerunProgress',
  'liveTraces',
  'liveStatus',
]

/**
 * Host capabilities beside the verbs. `pathForFile` turns a dropped File into something
 * `importFiles` accepts: Electron resolves its path with webUtils, the browser host uploads it.
 */
export interface HostBridge {
  api: TraceApi
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
  /**
   * `onProgress` (optional) reports bytes handed over so far; the browser host calls it while
   * uploading, Electron (a path lookup, instant) may never call it. Aborting `signal` stops an
   * upload in flight; the promise then rejects with an error whose code is 'cancelled'.
   */
  pathForFile(
    file: File,
    onProgress?: (bytesSent: number, bytesTotal: number) => void,
    signal?: AbortSignal,
  ): Promise<string>
  /** Set by hosts that only read (a shared replay file): the UI hides actions that change things. */
  readOnly?: boolean
}

/** Validates a request for a verb; throws a readable error naming the verb and the problem. */
export function validateRequest<V extends ApiVerb>(verbName: V, payload: unknown): ApiRequest<V> {
  const schema = api[verbName]?.request
  if (!schema) throw new ApiError('bad-request', `Unknown API verb "${String(verbName)}"`)
  const parsed = schema.safeParse(payload ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : ''
    throw new ApiError('bad-request', `Invalid request for ${verbName}${where}: ${issue?.message}`)
  }
  return parsed.data as ApiRequest<V>
}

export type ApiErrorCode =
  | 'bad-request'
  | 'not-found'
  | 'import-failed'
  | 'cancelled'
  /** Another process holds the library's write lock longer than a write waits. */
  | 'busy'
  /** The library cannot be written (read-only folder, mount or file): browsing only. */
  | 'read-only'
  /** The disk holding the library (or an import's spool, an upload) is full. */
  | 'disk-full'
  | 'internal'

/** An error that crosses the API boundary with a code and a message meant for the user. */
export class ApiError extends Error {
  constructor(
    public readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
