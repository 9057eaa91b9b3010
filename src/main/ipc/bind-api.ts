/**
 * The Electron binding of the API contract: one `ipcMain.handle` per verb of API_VERBS, each
 * checking who is calling, validating the payload against the contract's schema and answering
 * with an envelope. Events go to renderers on `tracedeck:event:<name>`.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron'
import { API_EVENTS, API_VERBS, ApiError, validateRequest, type ApiEventName, type ApiEvents, type ApiVerb } from '../../shared/api'
import type { Handlers } from '../core/library'
import { apiChannel, CONTRACT_CHANNEL, eventChannel } from './channels'
import { failure, ok, type Envelope } from './envelope'
import type { ContractNames } from './wire'

export interface BindOptions {
  /** Whether an invoke comes from our own renderer (checked on every call). */
  isTrustedSender?: (event: IpcMainInvokeEvent) => boolean
}

/**
 * Registers every verb of the contract on `ipcMain`, and the channel the preload learns their
 * names on (so the preload carries no copy of the contract); returns a function that removes them.
 */
export function bindApi(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>, handlers: Handlers, options: BindOptions = {}): () => void {
  for (const verb of API_VERBS) {
    ipcMain.handle(apiChannel(verb), (event, payload: unknown) => invoke(verb, event, payload, handlers, options))
  }
  // Not checked against isTrustedSender: the names are no secret (the page's bundle has them),
  // and the preload asks while its page is still loading. Every verb call is checked.
  const names = (event: IpcMainEvent): void => {
    event.returnValue = { verbs: [...API_VERBS], events: [...API_EVENTS] } satisfies ContractNames
  }
  ipcMain.on(CONTRACT_CHANNEL, names)
  return () => {
    for (const verb of API_VERBS) ipcMain.removeHandler(apiChannel(verb))
    ipcMain.removeListener(CONTRACT_CHANNEL, names)
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
