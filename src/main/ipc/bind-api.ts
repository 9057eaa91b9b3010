/**
 * The Electron binding of the API contract: one `ipcMain.handle` per verb of API_VERBS, each
 * checking who is calling, validating the payload against the contract's schema and answering
 * with an envelope. Events go to renderers on `tracedeck:event:<name>`.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { API_VERBS, ApiError, validateRequest, type ApiEventName, type ApiEvents, type ApiVerb } from '../../shared/api'
import type { Handlers } from '../core/library'
import { apiChannel, eventChannel } from './channels'
import { failure, ok, type Envelope } from './envelope'

export interface BindOptions {
  /** Whether an invoke comes from our own renderer (checked on every call). */
  isTrustedSender?: (event: IpcMainInvokeEvent) => boolean
}

/** Registers every verb on `ipcMain`; returns a function that removes them again. */
export function bindApi(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handlers: Handlers, options: BindOptions = {}): () => void {
  for (const verb of API_VERBS) {
    ipcMain.handle(apiChannel(verb), (event, payload: unknown) => invoke(verb, event, payload, handlers, options))
  }
  return () => {
    for (const verb of API_VERBS) ipcMain.removeHandler(apiChannel(verb))
  }
}

async function invoke(
  verb: ApiVerb,
  event: IpcMainInvokeEvent,
  payload: unknown,
  handlers: Handlers,
  options: BindOptions,
): Promise<Envelope<unknown>> {
  try {
    if (options.isTrustedSender && !options.isTrustedSender(event)) {
      throw new ApiError('bad-request', `Refused ${verb}: the call does not come from the tracedeck window`)
    }
    const request = validateRequest(verb, payload)
    const handler = handlers[verb] as (request: unknown) => Promise<unknown>
    // Results are structured-cloned: a Buffer (a trace's span columns) arrives as a Uint8Array.
    return ok(await handler(request))
  } catch (error) {
    return failure(error)
  }
}

/** Sends an event to every live renderer. */
export function sendEvent<E extends ApiEventName>(targets: Iterable<WebContents>, event: E, payload: ApiEvents[E]): void {
  for (const contents of targets) {
    if (!contents.isDestroyed()) contents.send(eventChannel(event), payload)
  }
}
