/**
 * The share verb: `exportShareHtml` builds a self-contained replay page for a trace or a
 * comparison (build-share.ts) from the library's own read verbs.
 */
import type { Handlers } from '../library'
import { buildShare } from './build-share'

export type ShareHandlers = Pick<Handlers, 'exportShareHtml'>

/** Builds the share handler over the other handlers of a library. */
export function shareHandlers(
  readers: Pick<Handlers, 'getTrace' | 'getSpanTable' | 'getSpan' | 'compareTraces'>,
  appVersion: string,
): ShareHandlers {
  return { exportShareHtml: (request) => buildShare(readers, request, appVersion) }
}
