/**
 * Errors the CLI reports as one clear line (no stack trace): wrong arguments, unknown traces,
 * files that cannot be imported. Anything else is a bug and is reported as such.
 */
import { ApiError } from '../shared/api'

/** A user-facing failure: printed as "tracedeck: <message>", exit status `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** Exit statuses: 0 success, 1 a failure the user can fix, 2 wrong usage, 70 internal error. */
export const EXIT = { ok: 0, failure: 1, usage: 2, internal: 70 } as const

/** True for errors whose message is meant for the user (no stack trace needed). */
export function isUserError(error: unknown): boolean {
  if (error instanceof CliError || error instanceof ApiError) return true
  if (!(error instanceof Error)) return false
  if (error.name === 'ImportError' || error.name === 'SqliteError') return true
  const code = (error as NodeJS.ErrnoException).code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) // ENOENT, EACCES, EISDIR…: file system problems
}

/** The one line printed for an error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}
