/**
 * Runs re-runs: at most `concurrency` (3) at once, the rest wait in a queue in the order they
 * were asked for; each can be cancelled at any point (its AbortController stops the call in
 * flight). A run moves pending → running (call i of n, as events) → completed | failed |
 * cancelled. The calls of one run go in step order, one at a time, so "carry forward" can put an
 * earlier call's new answer into a later call's input. A failed call is a failed span of the new
 * trace; the run fails only when no call succeeded (or the trace cannot be written).
 */
import { randomUUID } from 'node:crypto'
import type { ApiEvents } from '../../../shared/api'
import type { ChatMessage, Span, Trace } from '../../../shared/model'
import type { PlannedCall, RerunOverrides, RerunRun } from '../../../shared/rerun'
import type { PriceTable } from '../pricing/price-table'
import type { Db } from '../store/connection'
import { CallError, clientFor, type ChatClient, type ClientOptions } from './clients'
import type { ResolvedProvider } from './provider-store'
import type { RerunPlan } from './rebuild'
import { writeReplayTrace, type CallOutcome } from './replay-trace'
import { insertRun, updateRun } from './run-store'
import { estimateCost } from '../pricing/price-table'

export interface RunnerDeps {
  db: Db
  prices: PriceTable
  emit: <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void
  clientOptions?: ClientOptions
  concurrency?: number
  /** Called with each completed run (evaluators score it). */
  onCompleted?: (run: RerunRun) => Promise<void> | void
}

export interface RunJob {
  original: Trace
  spans: Span[]
  plan: RerunPlan
  provider: ResolvedProvider
  overrides: RerunOverrides
}

interface Active {
  run: RerunRun
  job: RunJob
  controller: AbortController
  finished: Promise<RerunRun>
  resolve: (run: RerunRun) => void
}

/** The recorded answer of a call as text, to find where later calls quoted it. */
function recordedAnswer(span: Span): string | undefined {
  const m = span.output?.messages?.findLast((x) => x.role === 'assistant')
  const text = m?.text ?? (typeof span.output?.value === 'string' ? span.output.value : undefined)
  return text && text.trim() ? text.trim() : undefined
}

/** A later call's messages with earlier recorded answers replaced by the new ones. */
function carried(messages: ChatMessage[], answers: Map<string, string>): ChatMessage[] {
  if (answers.size === 0) return messages
  return messages.map((m) => {
    if (m.role !== 'assistant' || !m.text) return m
    const next = answers.get(m.text.trim())
    return next === undefined ? m : { ...m, text: next }
  })
}

export class RerunRunner {
  private readonly runs = new Map<string, Active>()
  private readonly queue: string[] = []
  private running = 0
  private closed = false

  constructor(private readonly deps: RunnerDeps) {}

  /** Queues a run; resolves at once with its pending row. */
  start(job: RunJob): RerunRun {
    const models = [...new Set(job.plan.calls.map((c) => c.model))]
    const run: RerunRun = {
      id: randomUUID(),
      traceId: job.original.id,
      replayTraceId: null,
      status: 'pending',
      providerId: job.provider.id,
      providerName: job.provider.name,
      models,
      overrides: job.overrides,
      done: 0,
      total: job.plan.calls.length,
      failedCalls: 0,
      inputTokens: 0,
      outputTokens: 0,
      cost: null,
      durationMs: 0,
      createdAt: Date.now(),
      startedAt: null,
      endedAt: null,
      error: null,
    }
    insertRun(this.deps.db, run)
    let resolve!: (r: RerunRun) => void
    const finished = new Promise<RerunRun>((r) => (resolve = r))
    this.runs.set(run.id, { run, job, controller: new AbortController(), finished, resolve })
    this.queue.push(run.id)
    const snapshot = { ...run }
    this.deps.emit('rerunProgress', snapshot)
    this.pump()
    return snapshot
  }

  /** Timeouts and retries of the calls of runs started from now on. */
  setClientOptions(options: ClientOptions): void {
    this.deps.clientOptions = { ...this.deps.clientOptions, ...options }
  }

  /** The live state of a run this process holds, if it is still in progress. */
  live(id: string): RerunRun | undefined {
    const a = this.runs.get(id)
    return a ? { ...a.run } : undefined
  }

  /** Resolves when the run ends. */
  wait(id: string): Promise<RerunRun> | undefined {
    return this.runs.get(id)?.finished
  }

  /** Cancels a pending or running run; false when it is not in progress here. */
  cancel(id: string): boolean {
    const a = this.runs.get(id)
    if (!a) return false
    a.controller.abort()
    const q = this.queue.indexOf(id)
    if (q >= 0) {
      this.queue.splice(q, 1)
      this.finish(a, 'cancelled', null)
    }
    return true
  }

  cancelAll(): void {
    for (const id of [...this.runs.keys()]) this.cancel(id)
  }

  /** Stops every run without touching the database again (it is being closed): the next start fails them. */
  close(): void {
    this.closed = true
    this.queue.length = 0
    for (const a of this.runs.values()) a.controller.abort()
  }

  private pump(): void {
    const max = this.deps.concurrency ?? 3
    while (this.running < max && this.queue.length) {
      const id = this.queue.shift()!
      const a = this.runs.get(id)
      if (!a) continue
      this.running++
      void this.execute(a).finally(() => {
        this.running--
        this.pump()
      })
    }
  }

  private changed(a: Active, persist: boolean): void {
    if (this.closed) return
    if (persist) updateRun(this.deps.db, a.run)
    this.deps.emit('rerunProgress', { ...a.run })
  }

  private finish(a: Active, status: RerunRun['status'], error: string | null): void {
    a.run.status = status
    a.run.error = error
    a.run.endedAt = Date.now()
    this.changed(a, true)
    this.runs.delete(a.run.id)
    a.resolve({ ...a.run })
  }

  private async execute(a: Active): Promise<void> {
    const { run, job, controller } = a
    if (this.closed) return
    const signal = controller.signal
    run.status = 'running'
    run.startedAt = Date.now()
    this.changed(a, true)
    const startedUs = run.startedAt * 1000
    let client: ChatClient
    try {
      client = clientFor(job.provider, this.deps.clientOptions)
    } catch (err) {
      this.finish(a, 'failed', (err as Error).message)
      return
    }
    const outcomes: CallOutcome[] = []
    const answers = new Map<string, string>()
    const carry = job.overrides.carryForward === true
    let cost = 0
    let priced = true
    for (const planned of job.plan.calls) {
      if (signal.aborted) break
      const call: PlannedCall = carry
        ? { ...planned, messages: carried(planned.messages, answers) }
        : planned
      const t0 = performance.now()
      const outcome: CallOutcome = { call, durationUs: 0 }
      try {
        outcome.reply = await client.complete(call, signal)
      } catch (err) {
        if (signal.aborted) break
        const e = err instanceof CallError ? err : new CallError((err as Error).message, 'error')
        outcome.error = { type: e.type, message: e.message }
        run.failedCalls++
      }
      outcome.durationUs = Math.max(1, Math.round((performance.now() - t0) * 1000))
      outcomes.push(outcome)
      run.done++
      run.durationMs += outcome.durationUs / 1000
      if (outcome.reply) {
        const r = outcome.reply
        run.inputTokens += r.inputTokens ?? 0
        run.outputTokens += r.outputTokens ?? 0
        const c = estimateCost(
          this.deps.prices,
          r.model ?? call.model,
          r.inputTokens,
          r.outputTokens,
        )
        if (c === undefined) priced = false
        else cost += c
        const before = recordedAnswer(job.spans[call.span])
        if (carry && before !== undefined) answers.set(before, r.text)
      }
      run.cost = priced ? cost : null
      this.changed(a, false)
    }
    if (signal.aborted) {
      if (!this.closed) this.finish(a, 'cancelled', null)
      return
    }
    const succeeded = outcomes.filter((o) => o.reply).length
    if (outcomes.length > 0 && succeeded === 0) {
      this.finish(a, 'failed', `every call failed; the first: ${outcomes[0].error!.message}`)
      return
    }
    try {
      run.replayTraceId = writeReplayTrace(this.deps.db, {
        runId: run.id,
        original: job.original,
        spans: job.spans,
        outcomes,
        marker: {
          runId: run.id,
          originalTraceId: job.original.id,
          provider: job.provider.name,
          models: run.models,
          overrides: job.overrides,
        },
        providerLabel: job.provider.kind,
        startedAt: startedUs,
        prices: this.deps.prices,
      })
    } catch (err) {
      this.finish(a, 'failed', `the new trace could not be written: ${(err as Error).message}`)
      return
    }
    this.deps.emit('libraryChanged', { reason: 'rerun' })
    try {
      await this.deps.onCompleted?.(run)
    } catch (err) {
      run.error = `scoring failed: ${(err as Error).message}`
    }
    this.finish(a, 'completed', run.error)
  }
}
