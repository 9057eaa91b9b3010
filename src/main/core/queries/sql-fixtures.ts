/**
 * Test support: an in-memory library with the real schema and a compact way to insert traces
 * and spans as SQL rows. Used by the query tests before (and beside) the import pipeline.
 */
import Database from 'better-sqlite3'
import { MIGRATIONS } from '../store/migrations'

export interface FixtureSpan {
  name: string
  kind?: string
  status?: 'ok' | 'error' | 'retry'
  /** Offset from the trace start, microseconds. */
  at?: number
  duration?: number
  depth?: number
  parentIdx?: number
  model?: string
  inputTokens?: number
  outputTokens?: number
  cost?: number
  input?: unknown
  output?: unknown
  error?: unknown
}

export interface FixtureTrace {
  id: string
  name?: string
  sessionId?: string
  userId?: string
  start: number
  duration: number
  status?: 'ok' | 'warning' | 'error'
  tags?: string[]
  models?: string[]
  cost?: number
  costEstimated?: boolean
  inputTokens?: number
  outputTokens?: number
  errorCount?: number
  retryCount?: number
  format?: string
  spans?: FixtureSpan[]
}

/** Opens an in-memory database with every migration applied. */
export function openFixtureDb(): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  for (const m of MIGRATIONS) db.exec(m.sql)
  ensureFile(db)
  return db
}

/** The one file row every fixture trace points at. */
function ensureFile(db: Database.Database): void {
  db.prepare(
    `INSERT OR IGNORE INTO files (id, hash, name, size, format, imported_at) VALUES (1, 'h1', 'fixture.json', 1, 'fixture', 0)`,
  ).run()
}

/** Inserts traces (and their spans and payloads) as rows. Totals default to sums over spans. */
export function insertTraces(db: Database.Database, traces: FixtureTrace[]): void {
  ensureFile(db)
  const insTrace =
    db.prepare(`INSERT INTO traces (id, file_id, source_trace_id, name, format, file_name,
    session_id, user_id, tags, start, duration, status, span_count, error_count, retry_count,
    input_tokens, output_tokens, cost, cost_estimated, models, imported_at)
    VALUES (@id, 1, @id, @name, @format, 'fixture.json', @sessionId, @userId, @tags, @start, @duration,
    @status, @spanCount, @errorCount, @retryCount, @inputTokens, @outputTokens, @cost, @costEstimated,
    @models, 0)`)
  const insSpan =
    db.prepare(`INSERT INTO spans (trace_id, idx, span_id, parent_idx, depth, name, kind,
    status, start, duration, model, input_tokens, output_tokens, cost) VALUES
    (@traceId, @idx, @spanId, @parentIdx, @depth, @name, @kind, @status, @start, @duration, @model,
    @inputTokens, @outputTokens, @cost)`)
  const insPayload = db.prepare(`INSERT INTO span_payloads (trace_id, idx, input, output, error)
    VALUES (?, ?, ?, ?, ?)`)
  db.transaction(() => {
    for (const t of traces) {
      const spans = t.spans ?? []
      const sum = (k: 'inputTokens' | 'outputTokens' | 'cost') =>
        spans.reduce((a, s) => a + (s[k] ?? 0), 0)
      const models = t.models ?? [
        ...new Set(spans.map((s) => s.model).filter((m): m is string => !!m)),
      ]
      insTrace.run({
        id: t.id,
        name: t.name ?? 'turn',
        format: t.format ?? 'fixture',
        sessionId: t.sessionId ?? null,
        userId: t.userId ?? null,
        tags: JSON.stringify(t.tags ?? []),
        start: t.start,
        duration: t.duration,
        status: t.status ?? 'ok',
        spanCount: spans.length || 1,
        errorCount: t.errorCount ?? spans.filter((s) => s.status === 'error').length,
        retryCount: t.retryCount ?? spans.filter((s) => s.status === 'retry').length,
        inputTokens: t.inputTokens ?? sum('inputTokens'),
        outputTokens: t.outputTokens ?? sum('outputTokens'),
        cost: t.cost ?? sum('cost'),
        costEstimated: t.costEstimated ? 1 : 0,
        models: JSON.stringify(models),
      })
      spans.forEach((s, idx) => {
        insSpan.run({
          traceId: t.id,
          idx,
          spanId: `${t.id}-s${idx}`,
          parentIdx: s.parentIdx ?? (idx === 0 ? -1 : 0),
          depth: s.depth ?? (idx === 0 ? 0 : 1),
          name: s.name,
          kind: s.kind ?? 'span',
          status: s.status ?? 'ok',
          start: t.start + (s.at ?? 0),
          duration: s.duration ?? 1000,
          model: s.model ?? null,
          inputTokens: s.inputTokens ?? null,
          outputTokens: s.outputTokens ?? null,
          cost: s.cost ?? null,
        })
        const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v))
        insPayload.run(t.id, idx, json(s.input), json(s.output), json(s.error))
      })
    }
  })()
}
