import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ApiEvents, HostBridge } from '../../../shared/api'
import type { ImportReport } from '../../../shared/model'
import { useImports, isCancelledReport } from './import-store'
import { useNav } from './nav-store'

type Progress = ApiEvents['importProgress']

/** A scripted host: importFiles emits the given progress then answers with the reports. */
function scriptedHost() {
  const listeners = new Set<(p: Progress) => void>()
  const state = {
    uploads: [] as string[],
    /** Bytes the fake upload reports as sent, in order (none: an Electron-like path lookup). */
    uploadSteps: [] as number[],
    seenWhileUploading: [] as object[],
    /** The upload never ends by itself (a slow network): only Cancel stops waiting for it. */
    stall: false,
    cancelled: [] as string[],
    answer: (_paths: string[], _jobId: string): Promise<ImportReport[]> => Promise.resolve([]),
    emit: (p: Progress) => listeners.forEach((l) => l(p)),
  }
  const bridge = {
    api: {
      importFiles: ({ paths, jobId }: { paths: string[]; jobId: string }) =>
        state.answer(paths, jobId),
      cancelImport: async ({ jobId }: { jobId: string }) => (state.cancelled.push(jobId), true),
      importSample: async () => report('sample.json', 2),
    },
    on: (_event: string, listener: (p: Progress) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    pathForFile: async (file: File, onProgress?: (sent: number, total: number) => void) => {
      if (file.name.startsWith('unreadable')) throw new Error('permission denied')
      if (state.stall) {
        onProgress?.(100, file.size)
        await new Promise(() => undefined)
      }
      for (const sent of state.uploadSteps) {
        onProgress?.(sent, file.size)
        state.seenWhileUploading.push({ ...useImports.getState().jobs.at(-1)!.files[0] })
      }
      state.uploads.push(file.name)
      return `/srv/${file.name}`
    },
  }
  return { bridge: bridge as unknown as HostBridge, state }
}

function report(file: string, traces: number, extra: Partial<ImportReport> = {}): ImportReport {
  return {
    file,
    format: 'otlp',
    traces: Array.from({ length: traces }, (_, i) => ({
      id: `${file}#${i}`,
      name: `t${i}`,
      spanCount: 3,
    })),
    repairs: [],
    warnings: [],
    ...extra,
  }
}

const host = scriptedHost()
// The renderer picks the Electron-style bridge when window.tracedeck exists.
Object.assign(globalThis, { window: { tracedeck: host.bridge } })
const stop = useImports.getState().start()
afterAll(stop)

beforeEach(() => {
  useImports.setState({ jobs: [] })
  useNav.setState({ view: { name: 'library' }, history: [] })
  host.state.uploads = []
  host.state.cancelled = []
  host.state.uploadSteps = []
  host.state.seenWhileUploading = []
  host.state.stall = false
})

describe('import jobs', () => {
  it('shows progress per file from host events, then the reports, and opens a single trace', async () => {
    const seen: number[] = []
    host.state.answer = async (paths, jobId) => {
      host.state.emit({
        jobId,
        file: 'run.json',
        fileIndex: 0,
        fileCount: 1,
        bytesDone: 400,
        bytesTotal: 1000,
        phase: 'reading',
      })
      seen.push(useImports.getState().jobs[0].files[0].bytesDone)
      const r = report('run.json', 1, { warnings: ['2 spans have no end time'] })
      host.state.emit({
        jobId,
        file: 'run.json',
        fileIndex: 0,
        fileCount: 1,
        bytesDone: 1000,
        bytesTotal: 1000,
        phase: 'done',
        report: r,
      })
      return [r]
    }
    const job = await useImports.getState().importFiles([new File(['x'.repeat(1000)], 'run.json')])
    expect(host.state.uploads).toEqual(['run.json'])
    expect(seen).toEqual([400])
    expect(job?.status).toBe('done')
    expect(job?.files[0]).toMatchObject({
      name: 'run.json',
      phase: 'done',
      bytesDone: 1000,
      bytesTotal: 1000,
    })
    expect(job?.reports[0].warnings).toEqual(['2 spans have no end time'])
    expect(useNav.getState().view).toEqual({ name: 'trace', traceId: 'run.json#0' })
  })

  it('opens a dropped file while it is saved to the library, and the end leaves the view alone', async () => {
    const during: object[] = []
    const file = (phase: Progress['phase'], extra: Partial<Progress> = {}): Progress => ({
      jobId: '',
      file: 'big.json',
      fileIndex: 0,
      fileCount: 1,
      bytesDone: 10,
      bytesTotal: 10,
      phase,
      ...extra,
    })
    host.state.answer = async (_paths, jobId) => {
      host.state.emit({ ...file('reading'), jobId })
      host.state.emit({ ...file('committing', { preview: { traceId: 'big#0' } }), jobId })
      during.push(useNav.getState().view, { ...useImports.getState().jobs[0].files[0] })
      // The user moves on while the commit finishes: the end of the job does not pull them back.
      useNav.getState().go({ name: 'library' })
      const r = report('big.json', 1)
      host.state.emit({ ...file('done', { report: r }), jobId })
      return [r]
    }
    const job = await useImports.getState().importFiles([new File(['x'.repeat(10)], 'big.json')])
    expect(during).toEqual([
      { name: 'trace', traceId: 'big#0' },
      expect.objectContaining({ phase: 'committing' }),
    ])
    expect(job).toMatchObject({ status: 'done', previewed: 'big#0' })
    expect(useNav.getState().view).toEqual({ name: 'library' })
  })

  it('opens nothing early when two files are dropped together (a comparison)', async () => {
    host.state.answer = async (paths, jobId) => {
      host.state.emit({
        jobId,
        file: 'a.json',
        fileIndex: 0,
        fileCount: 2,
        bytesDone: 1,
        bytesTotal: 1,
        phase: 'committing',
        preview: { traceId: 'a.json#0' },
      })
      expect(useNav.getState().view).toEqual({ name: 'library' })
      return paths.map((p) => report(p.split('/').pop()!, 1))
    }
    await useImports.getState().importFiles([new File(['x'], 'a.json'), new File(['y'], 'b.json')])
    expect(useNav.getState().view).toEqual({ name: 'compare', a: 'a.json#0', b: 'b.json#0' })
  })

  it('opens the library after several traces and names a file that could not be read', async () => {
    useNav.setState({ view: { name: 'sessions' }, history: [] })
    host.state.answer = async (paths) => paths.map((p) => report(p.split('/').pop()!, 2))
    const job = await useImports
      .getState()
      .importFiles([new File(['{}'], 'a.json'), new File(['{}'], 'unreadable.json')])
    expect(job?.reports.map((r) => [r.file, r.error ?? null])).toEqual([
      ['a.json', null],
      ['unreadable.json', 'unreadable.json: could not be read: permission denied'],
    ])
    expect(job?.files.map((f) => f.phase)).toEqual(['done', 'failed'])
    expect(useNav.getState().view).toEqual({ name: 'library' })
  })

  it('shows upload progress, then the host stages counting from 0 again', async () => {
    host.state.uploadSteps = [0, 600, 1000]
    // Captured, not asserted, inside the host: importFiles turns a throw there into a job error.
    let atHandOver: object | undefined
    let atReading: object | undefined
    host.state.answer = async (_paths, jobId) => {
      atHandOver = { ...useImports.getState().jobs[0].files[0] }
      const r = report('big.json', 1)
      host.state.emit({
        jobId,
        file: 'big.json',
        fileIndex: 0,
        fileCount: 1,
        bytesDone: 0,
        bytesTotal: 1000,
        phase: 'reading',
      })
      atReading = { ...useImports.getState().jobs[0].files[0] }
      return [r]
    }
    await useImports.getState().importFiles([new File(['x'.repeat(1000)], 'big.json')])
    expect(host.state.seenWhileUploading).toEqual(
      [0, 600, 1000].map((bytesDone) => ({
        name: 'big.json',
        phase: 'uploading',
        uploaded: true,
        bytesDone,
        bytesTotal: 1000,
      })),
    )
    expect(atHandOver).toMatchObject({ phase: 'preparing', bytesDone: 0 })
    // Still known as uploaded, so the card counts three stages.
    expect(atReading).toMatchObject({ phase: 'reading', bytesDone: 0, uploaded: true })
  })

  it('cancelled during the upload: the rest is not sent, each file says it was cancelled', async () => {
    host.state.uploadSteps = [0, 500]
    let imported = false
    host.state.answer = async () => ((imported = true), [])
    const pending = useImports
      .getState()
      .importFiles([new File(['x'.repeat(1000)], 'first.json'), new File(['{}'], 'second.json')])
    await useImports.getState().cancel(useImports.getState().jobs[0].id)
    const job = await pending
    expect(imported).toBe(false)
    expect(host.state.uploads).toEqual(['first.json'])
    expect(job?.status).toBe('cancelled')
    expect(job?.files.map((f) => f.phase)).toEqual(['cancelled', 'cancelled'])
    expect(job?.reports.map((r) => [r.file, isCancelledReport(r)])).toEqual([
      ['first.json', true],
      ['second.json', true],
    ])
  })

  it('Cancel aborts the upload in flight; the file reads cancelled, not unreadable', async () => {
    host.state.stall = true
    let imported = false
    host.state.answer = async () => ((imported = true), [])
    const pending = useImports.getState().importFiles([new File(['x'.repeat(1000)], 'slow.json')])
    await vi.waitFor(() =>
      expect(useImports.getState().jobs[0].files[0]).toMatchObject({ phase: 'uploading' }),
    )
    await useImports.getState().cancel(useImports.getState().jobs[0].id)
    // The stalled upload never ends: the job finishing at all means Cancel stopped waiting on it.
    const job = await pending
    expect(imported).toBe(false)
    expect(job?.status).toBe('cancelled')
    expect(job?.files[0].phase).toBe('cancelled')
    expect(job?.reports).toHaveLength(1)
    expect(isCancelledReport(job!.reports[0])).toBe(true)
    expect(job?.reports[0].error).not.toMatch(/could not be read/)
  })

  it('opens the comparison when two files each give one trace, the first file as A', async () => {
    host.state.answer = async (paths) => paths.map((p) => report(p.split('/').pop()!, 1))
    await useImports
      .getState()
      .importFiles([new File(['{}'], 'good.json'), new File(['{}'], 'bad.json')])
    expect(useNav.getState().view).toEqual({ name: 'compare', a: 'good.json#0', b: 'bad.json#0' })

    // Not a pair: one of the two files holds two traces → the library, as for any batch.
    useNav.setState({ view: { name: 'sessions' }, history: [] })
    host.state.answer = async (paths) =>
      paths.map((p, i) => report(p.split('/').pop()!, i === 0 ? 1 : 2))
    await useImports
      .getState()
      .importFiles([new File(['{}'], 'one.json'), new File(['{}'], 'two.json')])
    expect(useNav.getState().view).toEqual({ name: 'library' })
  })

  it('marks a cancelled import as cancelled, asks the host to stop, and navigates nowhere', async () => {
    host.state.answer = async (_paths, jobId) => {
      await useImports.getState().cancel(useImports.getState().jobs[0].id)
      expect(host.state.cancelled).toEqual([jobId])
      return [
        {
          file: 'big.json',
          format: null,
          traces: [],
          repairs: [],
          warnings: [],
          error: 'Import cancelled',
        },
      ]
    }
    const job = await useImports.getState().importFiles([new File(['{}'], 'big.json')])
    expect(job?.status).toBe('cancelled')
    expect(job?.files[0].phase).toBe('cancelled')
    expect(useNav.getState().view).toEqual({ name: 'library' })
    expect(isCancelledReport(job!.reports[0])).toBe(true)
  })

  it('adopts the progress of a job the host started (a file opened from the OS)', () => {
    const r = report('opened.json', 1)
    host.state.emit({
      jobId: 'os-1',
      file: 'opened.json',
      fileIndex: 0,
      fileCount: 1,
      bytesDone: 10,
      bytesTotal: 50,
      phase: 'reading',
    })
    expect(useImports.getState().jobs[0]).toMatchObject({
      hostJobId: 'os-1',
      local: false,
      status: 'running',
    })
    host.state.emit({
      jobId: 'os-1',
      file: 'opened.json',
      fileIndex: 0,
      fileCount: 1,
      bytesDone: 50,
      bytesTotal: 50,
      phase: 'done',
      report: r,
    })
    const job = useImports.getState().jobs[0]
    expect(job.status).toBe('done')
    expect(job.files[0]).toMatchObject({ name: 'opened.json', phase: 'done' })
    expect(job.reports).toEqual([r])
  })
})
