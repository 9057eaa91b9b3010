/**
 * How an error thrown by a handler crosses a transport: a stable code and a message meant for the
 * user. Shared by the browser host (HTTP status + JSON body) and the Electron binding (envelope).
 */
import { ApiError, type ApiErrorCode } from '../../shared/api'
import { BUSY_MESSAGE, isBusy } from '../core/store/write-lock'

export interface WireError {
  code: ApiErrorCode | 'unauthorized' | 'forbidden'
  message: string
}

const STATUS: Record<WireError['code'], number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  cancelled: 409,
  busy: 503,
  'read-only': 409,
  'disk-full': 507,
  'import-failed': 422,
  internal: 500,
}

/** HTTP status for an error code. */
export function httpStatus(code: WireError['code']): number {
  return STATUS[code] ?? 500
}

/**
 * Turns anything thrown into a wire error. ApiError keeps its code; an importer's ImportError
 * becomes `import-failed`; anything else is `internal` with its message (the host is local, the
 * message helps the user more than a generic text would).
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  if (isBusy(error)) return { code: 'busy', message: `The ${BUSY_MESSAGE}` }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code in STATUS) return { code: code as WireError['code'], message: error.message }
    if (error.name === 'ImportError') return { code: 'import-failed', message: error.message }
    return { code: 'internal', message: error.message || error.name }
  }
  return { code: 'internal', message: String(error) }
}
