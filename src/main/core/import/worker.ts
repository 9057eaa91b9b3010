/**
 * The import worker (built as out/main/import-worker.js): opens its own connection to the
 * library file and runs the pipeline for each file it is given, posting progress and one report
 * per file. Parsing a big file here keeps the UI and the main process responsive.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../store/connection'
import { loadPriceTable } from '../pricing/price-table'
import { importFile } from './pipeline'
import type { WorkerInput, WorkerMessage } from './worker-protocol'

async function main(input: WorkerInput): Promise<void> {
  const post = (m: WorkerMessage) =>
    parentPort!.postMessage(
      m,
      m.type === 'preview' ? [m.preview.columns.buffer as ArrayBuffer] : [],
    )
  const db = openDatabase(input.dbPath, input.nativeBinding)
  try {
    const prices = loadPriceTable(input.pricesPath)
    const isCancelled = () => Atomics.load(input.cancelFlag, 0) === 1
    for (let i = 0; i < input.paths.length; i++) {
      let lastPost = 0
      let lastPhase = ''
      const report = await importFile(db, {
        path: input.paths[i],
        prices,
        dbPath: input.dbPath,
        chunkSize: input.chunkSize,
        streamThreshold: input.streamThreshold,
        isCancelled,
        // The main thread gets a copy of the bytes (moved, not cloned again): the commit stores
        // the original.
        onPreview: input.preview
          ? (preview) => {
              const columns = new Uint8Array(preview.columns)
              parentPort!.postMessage(
                {
                  type: 'preview',
                  fileIndex: i,
                  preview: { ...preview, columns },
                } satisfies WorkerMessage,
                [columns.buffer],
              )
            }
          : undefined,
        onProgress(bytesDone, bytesTotal, phase) {
          const now = Date.now()
          if (phase === lastPhase && bytesDone < bytesTotal && now - lastPost < 40) return
          lastPost = now
          lastPhase = phase
          post({ type: 'progress', fileIndex: i, bytesDone, bytesTotal, phase })
        },
      })
      post({ type: 'report', fileIndex: i, report })
    }
  } finally {
    db.close()
  }
  post({ type: 'end' })
}

// Anything escaping the pipeline is a bug: the rejection ends the worker with an 'error' event,
// which the runner turns into a clear per-file error.
if (parentPort) void main(workerData as WorkerInput)
