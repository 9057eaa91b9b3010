/**
 * The IPC response envelope. Errors thrown in an `ipcMain.handle` handler reach the renderer as
 * a mangled "Error invoking remote method…" string, so handlers never throw: they return
 * `{ok:true,value}` or `{ok:false,error:{code,message}}` and the preload rethrows.
 */
import { toWireError } from '../host/errors'
import type { Envelope } from './wire'

export { isEnvelope, type Envelope } from './wire'

/** Wraps a value. */
export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value }
}

/** Wraps anything thrown. */
export function failure(error: unknown): Envelope<never> {
  return { ok: false, error: toWireError(error) }
}
