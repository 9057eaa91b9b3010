/** Messages between the import runner (main thread) and the import worker. */
import type { ImportReport } from '../../../shared/model'
import type { ImportPhase, ImportPreview } from './pipeline'

export interface WorkerInput {
  dbPath: string
  nativeBinding?: string
  pricesPath?: string
  paths: string[]
  /** Set to 1 (Atomics) by the main thread to cancel. */
  cancelFlag: Int32Array
  chunkSize?: number
  streamThreshold?: number
  /** Post a preview of a single-trace file before committing it (see ImportFileOptions.onPreview). */
  preview?: boolean
}

export type WorkerMessage =
  | {
      type: 'progress'
      fileIndex: number
      bytesDone: number
      bytesTotal: number
      phase: ImportPhase
    }
  | { type: 'preview'; fileIndex: number; preview: ImportPreview }
  | { type: 'report'; fileIndex: number; report: ImportReport }
  | { type: 'end' }
