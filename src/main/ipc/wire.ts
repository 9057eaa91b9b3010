/**
 * The IPC envelope's shape and its check, free of zod and of the host code, because the preload
 * (compiled on every page load) needs them too. Building envelopes is ./envelope.ts.
 */
import type { WireError } from '../host/errors'

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError }

/** True for an object shaped like an envelope (the preload checks what it receives). */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  const envelope = value as { ok: unknown; error?: { message?: unknown } }
  return envelope.ok === true || (envelope.ok === false && typeof envelope.error?.message === 'string')
}

/** What the preload asks for once (synchronously) at load: the names of the contract's verbs and events. */
export interface ContractNames {
  verbs: string[]
  events: string[]
}
