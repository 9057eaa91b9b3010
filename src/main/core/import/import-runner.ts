/**
 * Runs import jobs for the library service: one job at a time (imports queue rather than fight
 * over SQLite's write lock), each file in a worker thread (or in-process for ':memory:' and
 * unit tests), progress forwarded as `importProgress` events (throttled), cancellation through a
 * shared flag the pipeline polls between chunks and traces.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ApiEvents } from '../../../shared/api'
import type { ImportReport } from '../../../shared/model'
import type { Db } from '../store/connection'
import type { PriceTable } from '../pricing/price-table'
import { importFile, type ImportPhase, type ImportPreview } from './pipeline'
import type { WorkerInput, WorkerMessage } from './worker-protocol'

type Emit = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void

export interface RunnerOptions {
  dbPath: string
  useWorker: boolean
  nativeBinding?: string
  pricesPath?: string
  prices: PriceTable
  emit: Emit
  /** Explicit worker script (tests of the built worker); found next to the bundle otherwise. */
  workerPath?: string
  chunkSize?: number
  /** Files above this many bytes stream (tests lower it to exercise the streaming path). */
  streamThreshold?: number
}

interface Job {
  flag: Int32Array
}

/**
 * A trace shown before its commit finished (a job of one file holding one trace): served to
 * readers until the library has it. `saved` settles when the file's import ends: with the
 * error when it was not saved (failed or cancelled), the trace then staying readable here until
 * the next import starts, so the view that shows it keeps working.
 */
export interface PreviewedTrace extends ImportPreview {
  saved: Promise<string | undefined>
}

const PROGRESS_INTERVAL_MS = 80

/** Finds out/main/import-worker.js from wherever the bundled code that calls it lives. */
export function findWorkerScript(): string | undefined {
  const name = 'import-worker.js'
  for (const rel of [`./${name}`, `../${name}`]) {
    try {
      const path = fileURLToPath(new URL(rel, import.meta.url))
      if (existsSync(path)) return path
    } catch {
      // import.meta.url is not a file: URL (never in Node or Electron main); try the next.
      continue
    }
  }
  return undefined
}

export class ImportRunner {
  private readonly jobs = new Map<string, Job>()
  private queue: Promise<unknown> = Promise.resolve()
  private readonly previews = new Map<string, PreviewedTrace>()

  constructor(
    private readonly db: Db,
    private readonly opts: RunnerOptions,
  ) {}

  /** Imports the files of one job in order; resolves with one report per file. */
  run(jobId: string, paths: string[]): Promise<ImportReport[]> {
    const job: Job = { flag: new Int32Array(new SharedArrayBuffer(4)) }
    this.jobs.set(jobId, job)
    const result = this.queue.then(() => this.runJob(jobId, job, paths))
    this.queue = result.catch(() => undefined)
    return result.finally(() => this.jobs.delete(jobId))
  }

  /** Asks a running or queued job to stop; true when the job was known. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId)
    if (!job) return false
    Atomics.store(job.flag, 0, 1)
    return true
  }

  /** The trace of an import in progress (or one whose commit failed), or undefined. */
  preview(traceId: string): PreviewedTrace | undefined {
    return this.previews.get(traceId)
  }

  cancelAll(): void {
    for (const id of this.jobs.keys()) this.cancel(id)
  }

  private async runJob(jobId: string, job: Job, paths: string[]): Promise<ImportReport[]> {
    this.previews.clear()
    const progress = this.progressEmitter(jobId, paths)
    const inWorker = this.opts.useWorker && this.opts.dbPath !== ':memory:'
    const workerPath = inWorker ? (this.opts.workerPath ?? findWorkerScript()) : undefined
    if (inWorker && !workerPath) {
      throw new Error(
        'The import worker (import-worker.js) is missing next to the app bundle; rebuild the app',
      )
    }
    const reports = workerPath
      ? await this.runInWorker(workerPath, job, paths, progress)
      : await this.runInProcess(job, paths, progress)
    if (reports.some((r) => !r.error && !r.cached && r.traces.length > 0)) {
      this.opts.emit('libraryChanged', { reason: 'import' })
    }
    return reports
  }

  private progressEmitter(jobId: string, paths: string[]) {
    let last = 0
    let lastPhase = ''
    return (
      fileIndex: number,
      bytesDone: number,
      bytesTotal: number,
      phase: ApiEvents['importProgress']['phase'],
      report?: ImportReport,
      preview?: ImportPreview,
    ) => {
      const now = Date.now()
      // Throttled within a phase; a new phase, the end of one and a preview always get through.
      if (
        !preview &&
        phase === lastPhase &&
        bytesDone < bytesTotal &&
        now - last < PROGRESS_INTERVAL_MS
      )
        return
      last = now
      lastPhase = phase
      const payload: ApiEvents['importProgress'] = {
        jobId,
        file: report?.file ?? paths[fileIndex].split(/[\\/]/).pop()!,
        fileIndex,
        fileCount: paths.length,
        bytesDone,
        bytesTotal,
        phase,
      }
      if (report) payload.report = report
      if (preview) payload.preview = { traceId: preview.detail.trace.id }
      this.opts.emit('importProgress', payload)
    }
  }

  /**
   * For file `i` of a job of one file (two files are a comparison, more the library): `show`
   * keeps a preview and announces it; `end` settles it with the file's report.
   */
  private previewer(
    paths: string[],
    i: number,
    progress: ReturnType<ImportRunner['progressEmitter']>,
  ) {
    if (paths.length !== 1) return undefined
    let settle: ((error: string | undefined) => void) | undefined
    let traceId: string | undefined
    return {
      show: (preview: ImportPreview, total: number) => {
        const c = preview.columns
        const columns = Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength)
        traceId = preview.detail.trace.id
        const saved = new Promise<string | undefined>((resolve) => (settle = resolve))
        this.previews.set(traceId, { detail: preview.detail, columns, saved })
        progress(i, total, total, 'committing', undefined, preview)
      },
      end: (report: ImportReport | undefined, why?: string) => {
        if (traceId === undefined) return
        const error = report ? report.error : `Cannot import ${paths[i]}: ${why}`
        // Saved: readers find it in the library from now on.
        if (!error) this.previews.delete(traceId)
        settle?.(error)
      },
    }
  }

  private async runInProcess(
    job: Job,
    paths: string[],
    progress: ReturnType<ImportRunner['progressEmitter']>,
  ) {
    const reports: ImportReport[] = []
    for (let i = 0; i < paths.length; i++) {
      let total = 0
      const shown = this.previewer(paths, i, progress)
      const report = await importFile(this.db, {
        path: paths[i],
        prices: this.opts.prices,
        dbPath: this.opts.dbPath,
        chunkSize: this.opts.chunkSize,
        streamThreshold: this.opts.streamThreshold,
        isCancelled: () => Atomics.load(job.flag, 0) === 1,
        onProgress: (done: number, size: number, phase: ImportPhase) => {
          total = size
          progress(i, done, size, phase)
        },
        onPreview: shown && ((preview) => shown.show(preview, total)),
      })
      shown?.end(report)
      reports.push(report)
      progress(i, total, total, endPhase(report), report)
    }
    return reports
  }

  private runInWorker(
    workerPath: string,
    job: Job,
    paths: string[],
    progress: ReturnType<ImportRunner['progressEmitter']>,
  ): Promise<ImportReport[]> {
    const input: WorkerInput = {
      dbPath: this.opts.dbPath,
      nativeBinding: this.opts.nativeBinding,
      pricesPath: this.opts.pricesPath,
      paths,
      cancelFlag: job.flag,
      chunkSize: this.opts.chunkSize,
      streamThreshold: this.opts.streamThreshold,
      preview: paths.length === 1,
    }
    const shown = this.previewer(paths, 0, progress)
    return new Promise((resolve) => {
      const reports: ImportReport[] = []
      const totals: number[] = []
      const worker = new Worker(workerPath, { workerData: input })
      let settled = false
      const finish = (err?: Error) => {
        if (settled) return
        settled = true
        // Files the worker never reached (it crashed) still get a report each.
        if (reports.length === 0) shown?.end(undefined, err?.message ?? 'the import worker stopped')
        for (let i = reports.length; i < paths.length; i++) {
          const file = paths[i].split(/[\\/]/).pop()!
          const r: ImportReport = {
            file,
            format: null,
            traces: [],
            repairs: [],
            warnings: [],
            error: `Cannot import ${file}: the import worker stopped (${err?.message ?? 'no reason given'})`,
          }
          reports.push(r)
          progress(i, 0, 0, 'failed', r)
        }
        resolve(reports)
      }
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          totals[m.fileIndex] = m.bytesTotal
          progress(m.fileIndex, m.bytesDone, m.bytesTotal, m.phase)
        } else if (m.type === 'preview') {
          shown?.show(m.preview, totals[m.fileIndex] ?? 0)
        } else if (m.type === 'report') {
          if (m.fileIndex === 0) shown?.end(m.report)
          reports[m.fileIndex] = m.report
          const t = totals[m.fileIndex] ?? 0
          progress(m.fileIndex, t, t, endPhase(m.report), m.report)
        } else if (m.type === 'end') {
          finish()
        }
      })
      worker.on('error', (err) => finish(err))
      worker.on('exit', (code) => finish(code === 0 ? undefined : new Error(`exit code ${code}`)))
    })
  }
}

function endPhase(r: ImportReport): 'done' | 'failed' | 'cancelled' {
  if (!r.error) return 'done'
  return r.error === 'Import cancelled' ? 'cancelled' : 'failed'
}
