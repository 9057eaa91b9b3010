/** A one-line import progress indicator for stderr ("\r"-rewritten while a file is read). */
import { truncate } from './table'

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}

/** The progress line for a file: name, bar, percentage, phase. */
export function progressLine(file: string, done: number, total: number, phase: string, width = 24): string {
  const name = truncate(file.split(/[\\/]/).pop() ?? file, 32)
  if (phase === 'waiting') return `\r\u001b[K${name} waiting for another tracedeck import…`
  const fraction = total > 0 ? Math.min(1, done / total) : 0
  const filled = Math.round(fraction * width)
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled)
  return `\r\u001b[K${name} ${bar} ${String(Math.round(fraction * 100)).padStart(3)}% ${megabytes(done)}/${megabytes(total)} ${phase}`
}
