/**
 * IPC channel names of the Electron transport (TEAM.md): one `invoke` channel per API verb and
 * one channel per event. Used by the main-side binding and by the preload, so both agree.
 */
import type { ApiEventName, ApiVerb } from '../../shared/api'

export const API_CHANNEL_PREFIX = 'tracedeck:api:'
export const EVENT_CHANNEL_PREFIX = 'tracedeck:event:'
/** The preload's one synchronous call: the contract's verb and event names (see wire.ts). */
export const CONTRACT_CHANNEL = 'tracedeck:contract'

/** The channel a verb is invoked on. */
export function apiChannel(verb: ApiVerb): string {
  return `${API_CHANNEL_PREFIX}${verb}`
}

/** The channel an event is sent on. */
export function eventChannel(event: ApiEventName): string {
  return `${EVENT_CHANNEL_PREFIX}${event}`
}
