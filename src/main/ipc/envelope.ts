/**
 * The IPC response envelope. Errors thrown in an `ipcMain.handle` handler reach the renderer as
 * a mangled "Error invoking remote method…" string, so handlers never throw: they return
 * `{ok:true,value}` or `{ok:false,error:{code,message}}` and the preload rethrows.
 */
import { toWireError, type WireError } from '../host/errors'

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError }

/** Wraps a value. */
export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value }
}

/** Wraps anything thrown. */
export function failure(error: unknown): Envelope<never> {
  return { ok: false, error: toWireError(error) }
}

/** True for an object shaped like an envelope (the preload checks what it receives). */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  const envelope = value as { ok: unknown; error?: { message?: unknown } }
  return envelope.ok === true || (envelope.ok === false && typeof envelope.error?.message === 'string')
}
