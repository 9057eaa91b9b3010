/**
 * Re-run history rows (`rerun_runs`) and the local prompt library (`prompt_versions`).
 * A run row is written when the run is queued and updated as it moves; the new trace itself is
 * written in one transaction when the run ends, so an interrupted run leaves no half trace.
 */
import type { Db } from '../store/connection'
import type { PromptVersion, RerunRun, RerunStatus } from '../../../shared/rerun'
import { parsePromptRef } from '../../../shared/rerun'

interface RunRow {
  id: string
  trace_id: string
  replay_trace_id: string | null
  status: RerunStatus
  provider_id: string
  provider_name: string
  models: string
  overrides: string
  done: number
  total: number
  failed_calls: number
  input_tokens: number
  output_tokens: number
  cost: number | null
  duration_ms: number
  created_at: number
  started_at: number | null
  ended_at: number | null
  error: string | null
}

function fromRow(r: RunRow): RerunRun {
  return {
    id: r.id,
    traceId: r.trace_id,
    replayTraceId: r.replay_trace_id,
    status: r.status,
    providerId: r.provider_id,
    providerName: r.provider_name,
    models: JSON.parse(r.models) as string[],
    overrides: JSON.parse(r.overrides) as RerunRun['overrides'],
    done: r.done,
    total: r.total,
    failedCalls: r.failed_calls,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cost: r.cost,
    durationMs: r.duration_ms,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    error: r.error,
  }
}

export function insertRun(db: Db, run: RerunRun): void {
  db.prepare(
    `INSERT INTO rerun_runs (id, trace_id, replay_trace_id, status, provider_id, provider_name, models,
       overrides, done, total, failed_calls, input_tokens, output_tokens, cost, duration_ms, created_at,
       started_at, ended_at, error)
     VALUES (@id, @traceId, @replayTraceId, @status, @providerId, @providerName, @models, @overrides,
       @done, @total, @failedCalls, @inputTokens, @outputTokens, @cost, @durationMs, @createdAt,
       @startedAt, @endedAt, @error)`,
  ).run({ ...run, models: JSON.stringify(run.models), overrides: JSON.stringify(run.overrides) })
}

export function updateRun(db: Db, run: RerunRun): void {
  db.prepare(
    `UPDATE rerun_runs SET replay_trace_id = @replayTraceId, status = @status, models = @models,
       done = @done, total = @total, failed_calls = @failedCalls, input_tokens = @inputTokens,
       output_tokens = @outputTokens, cost = @cost, duration_ms = @durationMs, started_at = @startedAt,
       ended_at = @endedAt, error = @error
     WHERE id = @id`,
  ).run({
    id: run.id,
    replayTraceId: run.replayTraceId,
    status: run.status,
    models: JSON.stringify(run.models),
    done: run.done,
    total: run.total,
    failedCalls: run.failedCalls,
    inputTokens: run.inputTokens,
    outputTokens: run.outputTokens,
    cost: run.cost,
    durationMs: run.durationMs,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    error: run.error,
  })
}

export function readRun(db: Db, id: string): RerunRun | undefined {
  const r = db.prepare('SELECT * FROM rerun_runs WHERE id = ?').get(id) as RunRow | undefined
  return r ? fromRow(r) : undefined
}

/** A trace's runs, newest first (runs whose replay is the trace itself are not its history). */
export function listRuns(db: Db, traceId: string): RerunRun[] {
  const rows = db
    .prepare('SELECT * FROM rerun_runs WHERE trace_id = ? ORDER BY created_at DESC, rowid DESC')
    .all(traceId) as RunRow[]
  return rows.map(fromRow)
}

/** Runs left pending or running by a process that ended (quit, crash) are failed, not resumed. */
export function failInterruptedRuns(db: Db, now = Date.now()): number {
  return db
    .prepare(
      `UPDATE rerun_runs SET status = 'failed', ended_at = ?, error = 'interrupted: tracedeck was closed while the run was in progress'
       WHERE status IN ('pending','running')`,
    )
    .run(now).changes
}

/** Saves a new version of a prompt; returns it ("name@N"). */
export function savePromptVersion(db: Db, name: string, text: string): PromptVersion {
  const next =
    ((db.prepare('SELECT MAX(version) FROM prompt_versions WHERE name = ?').pluck().get(name) as
      number | null) ?? 0) + 1
  const createdAt = Date.now()
  db.prepare(
    'INSERT INTO prompt_versions (name, version, text, created_at) VALUES (?, ?, ?, ?)',
  ).run(name, next, text, createdAt)
  return { name, version: next, text, createdAt }
}

export function listPromptVersions(db: Db): PromptVersion[] {
  return (
    db
      .prepare(
        'SELECT name, version, text, created_at FROM prompt_versions ORDER BY name, version DESC',
      )
      .all() as {
      name: string
      version: number
      text: string
      created_at: number
    }[]
  ).map((r) => ({ name: r.name, version: r.version, text: r.text, createdAt: r.created_at }))
}

/** Looks up "name@N" (or "name": the latest version). */
export function findPrompt(db: Db, ref: string): { ref: string; text: string } | { error: string } {
  const p = parsePromptRef(ref)
  if (!p)
    return {
      error: `"${ref}" is not a prompt reference (expected name@version, e.g. support-agent@3)`,
    }
  const row = (
    p.version === null
      ? db
          .prepare(
            'SELECT version, text FROM prompt_versions WHERE name = ? ORDER BY version DESC LIMIT 1',
          )
          .get(p.name)
      : db
          .prepare('SELECT version, text FROM prompt_versions WHERE name = ? AND version = ?')
          .get(p.name, p.version)
  ) as { version: number; text: string } | undefined
  if (!row) {
    const known = db
      .prepare('SELECT MAX(version) FROM prompt_versions WHERE name = ?')
      .pluck()
      .get(p.name) as number | null
    return {
      error: known
        ? `prompt "${p.name}" has no version ${p.version} (latest: ${p.name}@${known})`
        : `no prompt named "${p.name}" in the prompt library`,
    }
  }
  return { ref: `${p.name}@${row.version}`, text: row.text }
}
