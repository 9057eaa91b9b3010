/**
 * The preload: exposes `window.tracedeck` (the HostBridge of src/shared/api.ts) and nothing
 * else — one function per verb of the contract, `on` for the contract's events, and
 * `pathForFile` for dropped files. Runs sandboxed with context isolation; the renderer never
 * sees ipcRenderer.
 *
 * It imports no value from the contract (that would bundle zod, compiled on every page load):
 * the verb and event names come from the main process in one synchronous call, so whatever
 * verbs src/shared/api.ts declares are bound without a second list.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import type { ApiEventName, ApiEvents, ApiVerb, HostBridge, TraceApi } from '../shared/api'
import { encodeErrorCode } from '../shared/error-code'
import { apiChannel, CONTRACT_CHANNEL, eventChannel } from '../main/ipc/channels'
import { isEnvelope, type ContractNames } from '../main/ipc/wire'

/**
 * An Error carrying the API error code (the renderer may show different text per code).
 * contextBridge passes only the message on, so the code is also written into it as
 * "[code] message"; the renderer's bridge splits it off again (shared/error-code.ts).
 */
function apiError(code: string, message: string): Error {
  const error = new Error(encodeErrorCode(code, message)) as Error & { code: string }
  error.code = code
  return error
}

async function call(verb: ApiVerb, request: unknown): Promise<unknown> {
  const reply: unknown = await ipcRenderer.invoke(apiChannel(verb), request)
  if (!isEnvelope(reply)) throw apiError('internal', `Malformed reply to ${verb}`)
  if (!reply.ok) throw apiError(reply.error.code, reply.error.message)
  return reply.value
}

/** Builds the bridge object for the contract's names. */
export function createBridge(names: ContractNames): HostBridge {
  const api = Object.fromEntries(names.verbs.map((verb) => [verb, (request: unknown) => call(verb as ApiVerb, request)])) as unknown as TraceApi
  return {
    api,
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      if (!names.events.includes(event)) throw new Error(`Unknown tracedeck event "${String(event)}"`)
      const channel = eventChannel(event)
      // Only the payload crosses over: the IPC event object (with its sender) stays here.
      const wrapped = (_event: IpcRendererEvent, payload: ApiEvents[E]): void => listener(payload)
      ipcRenderer.on(channel, wrapped)
      return () => {
        ipcRenderer.removeListener(channel, wrapped)
      }
    },
    async pathForFile(file: File): Promise<string> {
      const path = webUtils.getPathForFile(file)
      if (!path) throw apiError('bad-request', `"${file.name}" is not a file on disk (drop a file from your file manager)`)
      return path
    },
  }
}

contextBridge.exposeInMainWorld('tracedeck', createBridge(ipcRenderer.sendSync(CONTRACT_CHANNEL) as ContractNames))
