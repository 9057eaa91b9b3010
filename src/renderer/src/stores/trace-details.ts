/**
 * Trace details (`getTrace`) shared by the views that need them at the same moment — the replay
 * pane loading a trace and the top bar naming it — so opening a trace asks the host once.
 * Concurrent and repeated asks for one trace share one request; a failed request is not kept.
 * Traces do not change once imported (live ones do: forgetTraceDetail); forgetTraceDetails() drops everything when the library
 * changes (replay-store's forgetReplayCache calls it).
 */
import type { TraceApi, TraceDetail } from '../../../shared/api'

const KEEP = 20
// Per API object, so tests (and a second host) never see each other's traces.
let byApi = new WeakMap<object, Map<string, Promise<TraceDetail>>>()
/** Ids whose cached details are out of date (live traces grow). */
const stale = new Set<string>()

/** The trace's details through the shared cache. */
export function getTraceDetail(api: Pick<TraceApi, 'getTrace'>, id: string): Promise<TraceDetail> {
  let cache = byApi.get(api)
  if (!cache) byApi.set(api, (cache = new Map()))
  if (stale.delete(id)) cache.delete(id)
  const known = cache.get(id)
  if (known) {
    // Most recently used last, so the oldest is the one dropped.
    cache.delete(id)
    cache.set(id, known)
    return known
  }
  const request = api.getTrace({ id })
  cache.set(id, request)
  if (cache.size > KEEP) cache.delete(cache.keys().next().value as string)
  const kept = cache
  request.catch(() => {
    // The asker reports the error; a later ask tries again.
    if (kept.get(id) === request) kept.delete(id)
  })
  return request
}

/** Forgets every cached trace detail (the library changed). */
export function forgetTraceDetails(): void {
  byApi = new WeakMap()
}

/** Forgets one trace's cached details (a live trace that grew): the next ask fetches afresh. */
export function forgetTraceDetail(id: string): void {
  stale.add(id)
}
