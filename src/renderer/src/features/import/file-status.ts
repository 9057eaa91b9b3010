/**
 * What the import card says about one file: the stage it is in, which stage of how many, and
 * the bytes of that stage. The host's 'reading' and 'committing' stages each count bytes from
 * 0, so the bar empties between stages; naming the stage is what makes that legible.
 */
import type { FilePhase, ImportFileState } from '../../stores/import-store'

const STAGE_LABEL: Record<FilePhase, string> = {
  uploading: 'Uploading…',
  preparing: 'Waiting…',
  reading: 'Reading',
  waiting: 'Waiting for another tracedeck import…',
  committing: 'Saving to library',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

/** The status shown beside a file's name, e.g. "Uploading… 12.3 / 45 MB" with "Step 1 of 3". */
export interface FileStatus {
  label: string
  /** "Step 2 of 3" while the file is in one of several stages; null otherwise. */
  step: string | null
  /** "12.3 / 45 MB" while in progress, the file size once over, '' when unknown. */
  bytes: string
  /** The file is done, failed or cancelled. */
  over: boolean
}

/** The status of one file (pure; exported for tests). */
export function fileStatus(file: ImportFileState): FileStatus {
  const stages: FilePhase[] = file.uploaded
    ? ['uploading', 'reading', 'committing']
    : ['reading', 'committing']
  // Waiting for another process's write lock sits between reading and saving.
  const at = stages.indexOf(file.phase === 'waiting' ? 'committing' : file.phase)
  const moving = at >= 0 || file.phase === 'preparing'
  return {
    over: !moving,
    label: STAGE_LABEL[file.phase] ?? file.phase,
    step: at >= 0 ? `Step ${at + 1} of ${stages.length}` : null,
    bytes:
      file.bytesTotal <= 0
        ? ''
        : moving && file.phase !== 'preparing' && file.phase !== 'waiting'
          ? byteRange(file.bytesDone, file.bytesTotal)
          : formatSize(file.bytesTotal),
  }
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** "12.3 / 45 MB": both figures in the unit of the total, so the two read at a glance. */
export function byteRange(done: number, total: number): string {
  const unit = unitOf(total)
  return `${figure(Math.min(done, total), unit)} / ${figure(total, unit)} ${UNITS[unit]}`
}

function formatSize(bytes: number): string {
  const unit = unitOf(bytes)
  return `${figure(bytes, unit)} ${UNITS[unit]}`
}

function unitOf(bytes: number): number {
  let unit = 0
  while (bytes >= 1024 ** (unit + 1) && unit < UNITS.length - 1) unit++
  return unit
}

function figure(bytes: number, unit: number): string {
  const value = bytes / 1024 ** unit
  if (unit === 0) return String(Math.round(value))
  // One decimal below 100 keeps a moving figure from jumping width every frame.
  return value < 100 ? value.toFixed(1) : String(Math.round(value))
}
