/**
 * Import jobs: files handed to the host, their progress (from `importProgress` events) and the
 * reports they produce. Jobs started by the host itself (files opened from the OS) appear here
 * too, created from their first progress event.
 */
import { isCancelledReport } from '../../../shared/import-report'
import { create } from 'zustand'
import type { ApiEvents } from '../../../shared/api'
import type { ImportReport } from '../../../shared/model'
import { getHost } from '../host'
import { useNav } from './nav-store'

/**
 * Where a file is: 'uploading' (browser host: its bytes on their way to the host), 'preparing'
 * (handed over, the host has not started it), then the host's own phases — 'reading' (parse)
 * and 'committing' (write to the library), each counting bytes from 0 — and the outcome.
 */
export type FilePhase = 'preparing' | 'uploading' | ApiEvents['importProgress']['phase']

export interface ImportFileState {
  name: string
  bytesDone: number
  bytesTotal: number
  phase: FilePhase
  /** The file went through an upload first (browser host), so it has three stages, not two. */
  uploaded?: boolean
  report?: ImportReport
}

export interface ImportJob {
  /** Local key of the job (React keys, dismiss). */
  id: string
  /** The job id the host knows (progress events, cancel); null until known (the sample). */
  hostJobId: string | null
  files: ImportFileState[]
  status: 'running' | 'done' | 'cancelled'
  /** One per file, once the job is over (failed files carry `error`). */
  reports: ImportReport[]
  /** A failure of the whole job (host unreachable…), shown beside the files. */
  error?: string
  /** Started from this window (drop, Open…, sample) rather than by the host. */
  local: boolean
  /**
   * The trace this job opened before its commit finished (a dropped file holding one trace,
   * shown while it is saved to the library); the end of the job then leaves the view alone.
   */
  previewed?: string
}

interface ImportState {
  jobs: ImportJob[]
  importFiles(files: File[]): Promise<ImportJob | undefined>
  importSample(): Promise<void>
  cancel(jobId: string): Promise<void>
  dismiss(jobId: string): void
  /** Wires the progress events; returns the unsubscribe. Called once by the shell. */
  start(): () => void
}

const newJobId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `job-${Date.now()}-${Math.random()}`

/** Import jobs store. */
export const useImports = create<ImportState>((set, get) => {
  const patchJob = (id: string, patch: (job: ImportJob) => Partial<ImportJob>) =>
    set((s) => ({ jobs: s.jobs.map((j) => (j.id === id ? { ...j, ...patch(j) } : j)) }))

  const finish = (
    id: string,
    reports: ImportReport[],
    status: ImportJob['status'],
    error?: string,
  ) => {
    const cancelled =
      status === 'cancelled' || (reports.some(isCancelledReport) && !reports.some(imported))
    patchJob(id, (job) => ({
      status: cancelled ? 'cancelled' : status,
      error,
      reports,
      files: job.files.map((f) => {
        const report = reports.find((r) => r.file === f.name) ?? f.report
        const phase: FilePhase = report?.error
          ? isCancelledReport(report)
            ? 'cancelled'
            : 'failed'
          : status === 'cancelled' && f.phase !== 'done'
            ? 'cancelled'
            : 'done'
        return { ...f, report, phase, bytesDone: phase === 'done' ? f.bytesTotal : f.bytesDone }
      }),
    }))
  }

  return {
    jobs: [],

    async importFiles(files) {
      if (files.length === 0) return undefined
      const host = getHost()
      const id = newJobId()
      const job: ImportJob = {
        id,
        hostJobId: id,
        status: 'running',
        reports: [],
        local: true,
        files: files.map((f) => ({
          name: f.name,
          bytesDone: 0,
          bytesTotal: f.size,
          phase: 'preparing',
        })),
      }
      set((s) => ({ jobs: [...s.jobs, job] }))

      // Hand each file to the host (Electron: its path; browser host: an upload, with progress).
      const paths: string[] = []
      const unreadable: ImportReport[] = []
      // A file the user cancelled stays cancelled, whatever its upload still reports.
      const patchFile = (index: number, patch: Partial<ImportFileState>) =>
        patchJob(id, (j) => ({
          files: j.files.map((f, i) =>
            i === index && f.phase !== 'cancelled' ? { ...f, ...patch } : f,
          ),
        }))
      // Cancel aborts the upload in flight (browser host), not only the ones after it.
      const uploads = new AbortController()
      uploadAborts.set(id, uploads)
      for (const [index, file] of files.entries()) {
        // Cancelled while uploading: the files not yet sent are not sent at all.
        if (cancelRequests.has(id)) break
        try {
          const path = await host.pathForFile(
            file,
            (bytesDone, bytesTotal) =>
              patchFile(index, { phase: 'uploading', uploaded: true, bytesDone, bytesTotal }),
            uploads.signal,
          )
          paths.push(path)
          // The host counts its own phases from 0; until its first event the file waits.
          patchFile(index, { phase: 'preparing', bytesDone: 0 })
        } catch (error) {
          // An upload the user aborted is reported as cancelled below, not as unreadable.
          if (uploads.signal.aborted) break
          unreadable.push(failedReport(file.name, `could not be read: ${(error as Error).message}`))
        }
      }
      uploadAborts.delete(id)
      if (cancelRequests.delete(id)) {
        // Cancelled before the host saw any of it: every readable file gets a cancelled report.
        const failed = new Set(unreadable.map((r) => r.file))
        const cancelled = files
          .filter((f) => !failed.has(f.name))
          .map((f) => failedReport(f.name, 'import cancelled before it reached the library'))
        finish(id, [...cancelled, ...unreadable], 'cancelled')
        return get().jobs.find((j) => j.id === id)
      }
      if (paths.length === 0) {
        finish(id, unreadable, 'done')
        return get().jobs.find((j) => j.id === id)
      }
      try {
        const reports = await host.api.importFiles({ paths, jobId: id })
        finish(id, [...reports, ...unreadable], 'done')
        const previewed = get().jobs.find((j) => j.id === id)?.previewed
        if (!previewed && !reports.some(isCancelledReport)) openResult([...reports], files.length)
      } catch (error) {
        const cancelled = (error as { code?: string }).code === 'cancelled'
        const done =
          get()
            .jobs.find((j) => j.id === id)
            ?.files.flatMap((f) => (f.report ? [f.report] : [])) ?? []
        finish(
          id,
          [...done, ...unreadable],
          cancelled ? 'cancelled' : 'done',
          cancelled ? undefined : (error as Error).message,
        )
      }
      cancelRequests.delete(id)
      return get().jobs.find((j) => j.id === id)
    },

    async importSample() {
      const id = newJobId()
      set((s) => ({
        jobs: [
          ...s.jobs,
          // The host picks the sample's job id: the first unknown progress event is adopted.
          {
            id,
            hostJobId: null,
            status: 'running',
            reports: [],
            local: true,
            files: [{ name: 'Sample trace', bytesDone: 0, bytesTotal: 0, phase: 'reading' }],
          },
        ],
      }))
      try {
        const report = await getHost().api.importSample({})
        patchJob(id, (job) => ({
          files: [
            {
              name: report.file,
              bytesDone: job.files[0]?.bytesTotal ?? 0,
              bytesTotal: job.files[0]?.bytesTotal ?? 0,
              phase: report.error ? 'failed' : 'done',
              report,
            },
          ],
        }))
        finish(id, [report], 'done')
        // "Open sample trace" opens it: the first of its traces when it holds several.
        const first = report.error ? undefined : report.traces[0]
        if (first) useNav.getState().go({ name: 'trace', traceId: first.id })
      } catch (error) {
        finish(id, [failedReport('Sample trace', (error as Error).message)], 'done')
      }
    },

    async cancel(id) {
      // Files may still be on their way to the host (uploading): stop before importing them.
      cancelRequests.add(id)
      uploadAborts.get(id)?.abort()
      const hostJobId = get().jobs.find((j) => j.id === id)?.hostJobId
      patchJob(id, (job) => ({
        files: job.files.map((f) => (isActive(f.phase) ? { ...f, phase: 'cancelled' } : f)),
      }))
      if (!hostJobId) return
      try {
        await getHost().api.cancelImport({ jobId: hostJobId })
      } catch (error) {
        patchJob(id, () => ({ error: `Could not cancel: ${(error as Error).message}` }))
      }
    },

    dismiss: (jobId) => set((s) => ({ jobs: s.jobs.filter((j) => j.id !== jobId) })),

    start() {
      return getHost().on('importProgress', (event) => {
        const { jobId } = event
        let job = get().jobs.find((j) => j.hostJobId === jobId)
        if (!job) {
          const waiting = get().jobs.find((j) => j.hostJobId === null && j.status === 'running')
          if (waiting) {
            patchJob(waiting.id, () => ({ hostJobId: jobId, files: [] }))
          } else {
            // A job the host started (file opened from the OS or the command line).
            set((s) => ({
              jobs: [
                ...s.jobs,
                {
                  id: jobId,
                  hostJobId: jobId,
                  status: 'running',
                  reports: [],
                  local: false,
                  files: [],
                },
              ],
            }))
          }
          job = get().jobs.find((j) => j.hostJobId === jobId)!
        }
        patchJob(job.id, (current) => applyProgress(current, event))
        // Show first, commit second: a file dropped here alone opens as soon as it is parsed.
        if (event.preview && job.local && job.files.length === 1 && !job.previewed) {
          patchJob(job.id, () => ({ previewed: event.preview!.traceId }))
          useNav.getState().go({ name: 'trace', traceId: event.preview.traceId })
        }
      })
    },
  }
})

const PLACEHOLDER = '…'

// Local jobs the user cancelled; checked once their files have reached the host.
const cancelRequests = new Set<string>()
// The uploads of local jobs still handing their files to the host.
const uploadAborts = new Map<string, AbortController>()

/** The host reports a cancelled file as a failed one whose error says so. */
export { isCancelledReport }

const imported = (report: ImportReport) => !report.error && report.traces.length > 0

/** Applies one progress event to a job (pure; exported for tests). */
export function applyProgress(
  job: ImportJob,
  event: ApiEvents['importProgress'],
): Partial<ImportJob> {
  // Events index files by their position in the paths sent; unreadable files were left out of
  // those, so map the event's index onto the files still waiting to be imported.
  const files = job.files.slice()
  while (files.length < event.fileCount)
    files.push({ name: PLACEHOLDER, bytesDone: 0, bytesTotal: 0, phase: 'preparing' })
  const slot = matchSlot(files, event)
  if (slot < 0) return {}
  const previous = files[slot]
  if (previous.phase === 'cancelled' && event.phase !== 'cancelled') return {}
  files[slot] = {
    ...previous,
    name: previous.name === PLACEHOLDER ? event.file : previous.name,
    bytesDone: event.bytesDone,
    bytesTotal: event.bytesTotal || previous.bytesTotal,
    phase: event.phase,
    report: event.report ?? previous.report,
  }
  const over = files.every((f) => !isActive(f.phase))
  const reports = over ? files.flatMap((f) => (f.report ? [f.report] : [])) : job.reports
  return { files, status: over && !job.local ? 'done' : job.status, reports }
}

function matchSlot(files: ImportFileState[], event: ApiEvents['importProgress']): number {
  const byName = files.findIndex(
    (f) => f.name === event.file && f.phase !== 'done' && f.phase !== 'failed',
  )
  if (byName >= 0) return byName
  return event.fileIndex < files.length ? event.fileIndex : -1
}

/** The file is still on its way (uploading, waiting, reading or committing). */
export function isActive(phase: FilePhase): boolean {
  return (
    phase === 'preparing' ||
    phase === 'uploading' ||
    phase === 'reading' ||
    phase === 'waiting' ||
    phase === 'committing'
  )
}

function failedReport(file: string, error: string): ImportReport {
  return { file, format: null, traces: [], repairs: [], warnings: [], error: `${file}: ${error}` }
}

/**
 * Two files dropped (or opened) together that each hold one trace are a comparison: A is the
 * first file, B the second. Returns the pair, or null when the import is anything else.
 */
export function comparisonPair(
  reports: readonly ImportReport[],
  fileCount: number,
): { a: string; b: string } | null {
  if (fileCount !== 2 || reports.length !== 2) return null
  if (reports.some((r) => r.error || r.traces.length !== 1)) return null
  const [a, b] = [reports[0].traces[0].id, reports[1].traces[0].id]
  // The same file twice (or two copies of it) is one trace: nothing to compare.
  return a === b ? null : { a, b }
}

/**
 * After an import from this window: two files with one trace each → compare them; one trace →
 * open it; several → the library.
 */
function openResult(reports: ImportReport[], fileCount: number): void {
  const nav = useNav.getState()
  const pair = comparisonPair(reports, fileCount)
  if (pair) return nav.go({ name: 'compare', ...pair })
  const traces = [
    ...new Map(reports.flatMap((r) => (r.error ? [] : r.traces)).map((t) => [t.id, t])).values(),
  ]
  if (traces.length === 1) nav.go({ name: 'trace', traceId: traces[0].id })
  else if (traces.length > 1 && nav.view.name !== 'library') nav.go({ name: 'library' })
}
