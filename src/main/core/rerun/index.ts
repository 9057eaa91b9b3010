/**
 * The re-run verbs of the contract: providers (listed without keys), preview, start, cancel,
 * history, the prompt library. One instance per open library; `close()` cancels runs in flight.
 */
import { isReadOnlyError } from '../store/storage'
import { ApiError, type ApiEvents } from '../../../shared/api'
import type { Span, Trace } from '../../../shared/model'
import type {
  ProviderInfo,
  RerunPreview,
  RerunRequest,
  RerunRun,
  Score,
} from '../../../shared/rerun'
import { scoresOf } from '../../../shared/scores'
import type { Handlers } from '../library'
import type { PriceTable } from '../pricing/price-table'
import type { Db } from '../store/connection'
import { iterateSpans, readTraceDetail } from '../store/trace-queries'
import { clientFor, endpointOf, type ClientOptions } from './clients'
import { ProviderStore, type ResolvedProvider } from './provider-store'
import { planRerun, type RerunPlan } from './rebuild'
import { RerunRunner } from './runner'
import {
  deleteEvaluator,
  listEvaluators,
  readScores,
  saveEvaluator,
  scoreTrace,
} from './evaluators'
import {
  failInterruptedRuns,
  findPrompt,
  listPromptVersions,
  listRuns,
  readRun,
  savePromptVersion,
} from './run-store'

export interface RerunServiceOptions {
  db: Db
  prices: PriceTable
  providers: ProviderStore
  emit: <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void
  clientOptions?: ClientOptions
  onCompleted?: (run: RerunRun) => Promise<void> | void
}

type RerunVerbs =
  | 'listProviders'
  | 'saveProvider'
  | 'deleteProvider'
  | 'testProvider'
  | 'previewRerun'
  | 'startRerun'
  | 'cancelRerun'
  | 'listReruns'
  | 'getRerun'
  | 'listPrompts'
  | 'savePrompt'
  | 'listEvaluators'
  | 'saveEvaluator'
  | 'deleteEvaluator'
  | 'scoreTrace'
  | 'getScores'

export class RerunService {
  readonly runner: RerunRunner
  /** The configured providers (the CLI resolves --provider by id or name). */
  readonly providers: ProviderStore

  constructor(private readonly o: RerunServiceOptions) {
    // Runs another process left behind (quit, crash) are failed; nothing of them was written.
    // (A library opened for browsing only keeps them as they are: store/storage.ts.)
    try {
      failInterruptedRuns(o.db)
    } catch (err) {
      if (!isReadOnlyError(err)) throw err
    }
    this.providers = o.providers
    this.runner = new RerunRunner({
      db: o.db,
      prices: o.prices,
      emit: o.emit,
      ...(o.clientOptions ? { clientOptions: o.clientOptions } : {}),
      // A completed run and its original are scored by the library's evaluators.
      onCompleted: async (run) => {
        await this.score(run.traceId)
        if (run.replayTraceId) await this.score(run.replayTraceId)
        await o.onCompleted?.(run)
      },
    })
  }

  private load(traceId: string): { trace: Trace; spans: Span[] } {
    const detail = readTraceDetail(this.o.db, traceId)
    if (!detail) throw new ApiError('not-found', `No trace with id ${traceId}`)
    return { trace: detail.trace, spans: [...iterateSpans(this.o.db, detail.trace.id)] }
  }

  /** Scores a trace with the enabled evaluators. */
  score(traceId: string) {
    return scoreTrace(
      {
        db: this.o.db,
        providers: this.o.providers,
        ...(this.o.clientOptions ? { clientOptions: this.o.clientOptions } : {}),
        readTrace: (id) => {
          const d = readTraceDetail(this.o.db, id)
          return d ? { trace: d.trace, spans: [...iterateSpans(this.o.db, d.trace.id)] } : undefined
        },
      },
      traceId,
    )
  }

  /** Plans a run against a resolved provider (saved or the CLI's ad-hoc one). */
  plan(
    req: Omit<RerunRequest, 'providerId'>,
    provider: ResolvedProvider,
  ): { trace: Trace; spans: Span[]; plan: RerunPlan; preview: RerunPreview } {
    const { trace, spans } = this.load(req.traceId)
    const plan = planRerun(spans, req.overrides, {
      ...(provider.defaultModel ? { defaultModel: provider.defaultModel } : {}),
      prompts: (ref) => findPrompt(this.o.db, ref),
      prices: this.o.prices,
    })
    const { apiKey: _k, ...info } = provider
    void _k
    const estInputTokens = plan.calls.reduce((n, c) => n + c.estInputTokens, 0)
    const estCost = plan.calls.every((c) => c.estCost !== null)
      ? plan.calls.reduce((n, c) => n + (c.estCost ?? 0), 0)
      : null
    const preview: RerunPreview = {
      traceId: trace.id,
      provider: info as ProviderInfo,
      calls: plan.calls,
      kept: plan.kept,
      otherSpans: plan.otherSpans,
      estInputTokens,
      estCost,
      carryForward: req.overrides.carryForward === true,
    }
    return { trace, spans, plan, preview }
  }

  /** Queues a planned run; refuses one with nothing to re-run. */
  startWith(req: Omit<RerunRequest, 'providerId'>, provider: ResolvedProvider): RerunRun {
    const { trace, spans, plan } = this.plan(req, provider)
    if (plan.calls.length === 0) {
      const why = plan.kept[0]
        ? ` (span ${plan.kept[0].span + 1} "${plan.kept[0].name}": ${plan.kept[0].reason})`
        : ''
      throw new ApiError(
        'bad-request',
        `Trace ${trace.id} has no LLM call that can be re-run${why}`,
      )
    }
    return this.runner.start({ original: trace, spans, plan, provider, overrides: req.overrides })
  }

  handlers(): Pick<Handlers, RerunVerbs> {
    const { db, providers } = this.o
    return {
      listProviders: async () => providers.list(),
      saveProvider: async (input) => providers.save(input),
      deleteProvider: async ({ id }) => providers.delete(id),
      testProvider: async ({ id }) => {
        const p = providers.resolve(id)
        const models = await clientFor(p, { ...this.o.clientOptions, maxRetries: 0 })
          .listModels()
          .catch((err: Error) => {
            throw new ApiError('bad-request', err.message)
          })
        return { endpoint: endpointOf(p), models }
      },
      previewRerun: async (req) => this.plan(req, providers.resolve(req.providerId)).preview,
      startRerun: async (req) => this.startWith(req, providers.resolve(req.providerId)),
      cancelRerun: async ({ id }) => this.runner.cancel(id),
      listReruns: async ({ traceId }) =>
        listRuns(db, traceId).map((r) => this.runner.live(r.id) ?? r),
      getRerun: async ({ id }) =>
        this.runner.live(id) ?? readRun(db, id) ?? notFound(`No re-run with id ${id}`),
      listPrompts: async () => listPromptVersions(db),
      savePrompt: async ({ name, text }) => savePromptVersion(db, name, text),
      listEvaluators: async () => listEvaluators(db),
      saveEvaluator: async (input) => saveEvaluator(db, input),
      deleteEvaluator: async ({ id }) => deleteEvaluator(db, id),
      scoreTrace: async ({ traceId }) => this.score(traceId),
      getScores: async ({ traceId }) => {
        const detail = readTraceDetail(db, traceId) ?? notFound(`No trace with id ${traceId}`)
        // The trace's own scores from its export (Langfuse scores, LangSmith feedback…) come too.
        const imported: Score[] = scoresOf(detail.trace.attributes).map((x) => ({
          evaluator: x.name,
          kind: 'imported',
          span: null,
          score: x.value ?? null,
          passed: null,
          label: x.label ?? (x.source ? `from ${x.source}` : null),
          reasoning: x.comment ?? null,
          createdAt: 0,
        }))
        return [...readScores(db, traceId), ...imported]
      },
    }
  }

  close(): void {
    this.runner.close()
  }
}

function notFound(message: string): never {
  throw new ApiError('not-found', message)
}
