/**
 * createLibrary: opens the SQLite library and builds the `Handlers` object every front door
 * (Electron IPC, browser host, CLI) serves — trace and span reads, search, import (in a worker
 * thread unless told otherwise), cancellation, the bundled sample, deletion — merged with the
 * query verbs (queries/) and, when present, the comparison verbs.
 */
import { existsSync, rmSync } from 'node:fs'
import { ApiError, type ApiEvents } from '../../shared/api'
import type { ImportReport } from '../../shared/model'
import type { Handlers, LibraryOptions } from './library'
import { openLibraryDatabase, type Db } from './store/connection'
import { storageApiError } from './store/storage'
import {
  deleteTraceRows,
  readSpan,
  readSpanTable,
  readTraceDetail,
  searchSpanIndices,
} from './store/trace-queries'
import { readSpanTableBytes } from './store/span-table'
import { writeTransaction } from './store/write-lock'
import { spanTableFromBinary } from '../../shared/span-table-binary'
import { removeStaleSnapshots, removeStaleSpools } from './leftovers'
import { loadPriceTable } from './pricing/price-table'
import { queryHandlers } from './queries'
import { compareHandlers } from './compare'
import { shareHandlers } from './share'
import { ImportRunner } from './import/import-runner'
import { RerunService } from './rerun'
import { PLAIN_VAULT, ProviderStore, providersPathFor } from './rerun/provider-store'
import { LiveController } from './live/live-controller'

/** The application version appInfo reports (a test keeps it equal to package.json's). */
export const APP_VERSION = '0.1.0'

/** Verbs that write the library (besides imports and deletes, which check for themselves). */
const WRITES = new Set(['startRerun', 'scoreTrace', 'saveEvaluator', 'deleteEvaluator', 'savePrompt'])

/** An open library: the API handlers, the database (for front doors that need more) and close(). */
export interface Library {
  handlers: Handlers
  /** Set when the library cannot be written: why (browsing only). */
  readOnly: string | null
  db: Db
  /** Re-runs (the CLI waits on runs and uses ad-hoc providers). */
  reruns: RerunService
  /** The OTLP receiver of live traces (off until switched on or restored). */
  live: LiveController
  close(): void
}

/** Opens the library at options.dbPath (creating and migrating it) and returns its handlers. */
export function createLibrary(options: LibraryOptions): Library {
  // A library that cannot be written is opened for browsing only (finding 10).
  const { db, readOnly } = openLibraryDatabase(options.dbPath, options.nativeBinding)
  removeStaleSpools(options.dbPath) // a killed import's spool (finding 3)
  removeStaleSnapshots() // a killed process's copy of a read-only library
  /** Writes on a library that cannot be written say why in one line, before any work. */
  const writable = (): void => {
    if (readOnly) throw new ApiError('read-only', readOnly.reason)
  }
  const emit = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) =>
    options.emit?.(event, payload)
  const prices = loadPriceTable(options.pricesPath)
  const runner = new ImportRunner(db, {
    dbPath: options.dbPath,
    useWorker: options.useWorker ?? true,
    nativeBinding: options.nativeBinding,
    pricesPath: options.pricesPath,
    prices,
    emit,
  })

  const notFound = (what: string): never => {
    throw new ApiError('not-found', what)
  }

  /**
   * Spans and search come from the library: on a trace still being saved they wait for the
   * commit, and on one whose commit failed they say so.
   */
  const untilSaved = async (traceId: string): Promise<void> => {
    const preview = runner.preview(traceId)
    if (!preview || readTraceDetail(db, traceId)) return
    const error = await preview.saved
    if (error !== undefined && !readTraceDetail(db, traceId))
      notFound(
        `This trace was not saved to the library (${error}); import the file again to see its steps`,
      )
  }

  const traceHandlers = {
    appInfo: async () => ({
      version: APP_VERSION,
      dbPath: options.dbPath,
      hasSample: !!options.samplePath && existsSync(options.samplePath),
      ...(options.pricesPath ? { pricesPath: options.pricesPath } : {}),
      ...(readOnly ? { readOnly: readOnly.reason } : {}),
    }),
    // A trace still being saved (see ImportRunner.preview) opens from its preview.
    getTrace: async ({ id }: { id: string }) =>
      readTraceDetail(db, id) ?? runner.preview(id)?.detail ?? notFound(`No trace with id ${id}`),
    getSpanTable: async ({ id }: { id: string }) => {
      const preview = readTraceDetail(db, id) ? undefined : runner.preview(id)
      if (preview) return spanTableFromBinary(preview.columns)
      return readSpanTable(db, id) ?? notFound(`No trace with id ${id}`)
    },
    // Stored in binary form: every transport sends these bytes as they are.
    getSpanColumns: async ({ id }: { id: string }) =>
      readSpanTableBytes(db, id) ??
      runner.preview(id)?.columns ??
      notFound(`No trace with id ${id}`),
    getSpan: async ({ traceId, index }: { traceId: string; index: number }) => {
      await untilSaved(traceId)
      return (
        readSpan(db, traceId, index) ??
        notFound(
          readTraceDetail(db, traceId)
            ? `Trace ${traceId} has no span ${index}`
            : `No trace with id ${traceId}`,
        )
      )
    },
    searchSpans: async (q: Parameters<Handlers['searchSpans']>[0]) => {
      await untilSaved(q.traceId)
      return searchSpanIndices(db, q)
    },
    importFiles: async ({ paths, jobId }: { paths: string[]; jobId: string }) => {
      writable()
      return runner.run(jobId, paths)
    },
    cancelImport: async ({ jobId }: { jobId: string }) => runner.cancel(jobId),
    importSample: async (): Promise<ImportReport> => {
      if (!options.samplePath || !existsSync(options.samplePath)) {
        return notFound('This build has no bundled sample trace')
      }
      writable()
      const [report] = await runner.run(`sample-${Date.now()}`, [options.samplePath])
      return report
    },
    deleteTraces: async ({ ids }: { ids: string[] }) => {
      writable()
      // Waits (bounded) for another process's import; after that a clear 'busy' error.
      const n = writeTransaction(db, () => deleteTraceRows(db, ids))
      if (n > 0) emit('libraryChanged', { reason: 'delete' })
      return n
    },
  } satisfies Partial<Handlers>

  const reruns = new RerunService({
    db,
    prices,
    providers: new ProviderStore(
      options.providersPath ?? providersPathFor(options.dbPath),
      options.keyVault ?? PLAIN_VAULT,
      options.env,
    ),
    emit,
    ...(options.rerunClient ? { clientOptions: options.rerunClient } : {}),
  })

  const readers = { ...traceHandlers, ...compareHandlers(db) }
  const live = new LiveController({
    db,
    prices,
    emit,
    settingsPath: options.liveSettingsPath,
    quietMs: options.liveQuietMs,
  })
  const stored: Handlers = {
    ...traceHandlers,
    ...queryHandlers(db),
    ...compareHandlers(db),
    ...shareHandlers(readers, APP_VERSION),
    ...reruns.handlers(),
    ...live.handlers(),
  }
  // A trace still receiving spans is read from the receiver under the id it will keep.
  const reading: Handlers = { ...stored, ...live.wrapReads(stored) }
  // A write that meets a full disk or a read-only file says so in one line naming the path.
  const handlers = Object.fromEntries(
    Object.entries(reading).map(([verb, handler]) => [
      verb,
      async (request: never) => {
        try {
          if (WRITES.has(verb) || (verb === 'setLiveReceiver' && (request as { enabled?: boolean }).enabled)) writable()
          return await (handler as (r: never) => Promise<unknown>)(request)
        } catch (err) {
          throw storageApiError(err, options.dbPath)
        }
      },
    ]),
  ) as Handlers

  return {
    handlers,
    readOnly: readOnly?.reason ?? null,
    db,
    reruns,
    live,
    close() {
      live.shutdown()
      runner.cancelAll()
      reruns.close()
      db.close()
      if (readOnly?.snapshot) rmSync(readOnly.snapshot, { recursive: true, force: true })
    },
  }
}
