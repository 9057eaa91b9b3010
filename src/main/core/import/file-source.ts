/**
 * Reading an import file from disk in chunks: progress per chunk, a running sha256 of the
 * content, and a cancellation check between chunks.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { ImportError } from './importer'

/** Raised when the user cancels an import; the pipeline rolls everything back. */
export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled')
    this.name = 'ImportCancelled'
  }
}

export interface ReadOptions {
  chunkSize?: number
  onChunk?(bytesDone: number): void
  isCancelled?(): boolean
}

export const DEFAULT_CHUNK = 4 * 1024 * 1024

/** Calls `onData` with every chunk of the file in order; returns the sha256 of the content. */
export async function readChunks(
  path: string,
  onData: (chunk: Buffer) => void,
  opts: ReadOptions = {},
): Promise<string> {
  const hash = createHash('sha256')
  let done = 0
  const stream = createReadStream(path, { highWaterMark: opts.chunkSize ?? DEFAULT_CHUNK })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.isCancelled?.()) throw new ImportCancelled()
      hash.update(chunk)
      onData(chunk)
      done += chunk.length
      opts.onChunk?.(done)
    }
  } finally {
    stream.destroy()
  }
  return hash.digest('hex')
}

/** sha256 of a file's content. */
export async function hashFile(path: string, opts: ReadOptions = {}): Promise<string> {
  return readChunks(path, () => undefined, opts)
}

/** Describes a failure to open a file in words a user understands. */
export function describeFsError(err: unknown): ImportError {
  const e = err as NodeJS.ErrnoException
  switch (e.code) {
    case 'ENOENT':
      return new ImportError('the file does not exist')
    case 'EACCES':
    case 'EPERM':
      return new ImportError('permission denied reading the file')
    case 'EISDIR':
      return new ImportError('it is a folder, not a file')
    default:
      return new ImportError(`it cannot be read (${e.message})`)
  }
}
