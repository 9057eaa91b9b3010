/**
 * The Electron side of the host: the preload's `window.tracedeck`, with the API error codes the
 * preload encodes into messages ("[code] message", see shared/error-code.ts) turned back into
 * HostErrors — so renderer code sees the same `{ message, code }` in both hosts.
 */
import { API_VERBS, type HostBridge, type TraceApi } from '../../../shared/api'
import { decodeErrorCode } from '../../../shared/error-code'
import { HostError } from './http-bridge'

/** Wraps the preload's bridge; errors from it come back with their code and plain message. */
export function fromElectron(bridge: HostBridge): HostBridge {
  const api = Object.fromEntries(
    API_VERBS.map((verb) => {
      const call = bridge.api[verb] as (request: unknown) => Promise<unknown>
      return [verb, (request: unknown) => call(request).catch(rethrowWithCode)]
    }),
  ) as unknown as TraceApi
  return {
    api,
    on: (event, listener) => bridge.on(event, listener),
    // The preload takes no signal (it cannot cross the context bridge); a path lookup is instant
    // anyway, so a cancelled one is simply not waited for.
    pathForFile: (file, onProgress, signal) =>
      abortable(bridge.pathForFile(file, onProgress).catch(rethrowWithCode), file.name, signal),
  }
}

function abortable<T>(work: Promise<T>, name: string, signal?: AbortSignal): Promise<T> {
  if (!signal) return work
  const cancelled = () => new HostError(`Opening ${name} was cancelled`, 'cancelled')
  if (signal.aborted) return Promise.reject(cancelled())
  let onAbort = () => undefined as void
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled())
    signal.addEventListener('abort', onAbort, { once: true })
  })
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort))
}

function rethrowWithCode(error: unknown): never {
  const raw = error instanceof Error ? error.message : String(error)
  const { code, message } = decodeErrorCode(raw)
  const known = (error as { code?: unknown } | null)?.code
  throw new HostError(message, code ?? (typeof known === 'string' ? known : 'internal'))
}
