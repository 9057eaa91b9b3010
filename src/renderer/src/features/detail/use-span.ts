/**
 * Lazy span loading for the detail panel: `getSpan` per (trace, index), a small LRU cache so
 * stepping back and forth is instant, and stale answers ignored when the user has moved on.
 */
import { useEffect, useState } from 'react'
import type { Span } from '../../../../shared/model'
import { getHost } from '../../host'
import { forgetTraceStart } from './trace-start'

const MAX_CACHED = 256
const cache = new Map<string, Span>()
const pending = new Map<string, Promise<Span>>()

const keyOf = (traceId: string, index: number) => `${traceId}\u0000${index}`

/** Fetches a span (or returns it from the cache). */
export function loadSpan(traceId: string, index: number): Promise<Span> {
  const key = keyOf(traceId, index)
  const hit = cache.get(key)
  if (hit) {
    // Refresh its place in the LRU order.
    cache.delete(key)
    cache.set(key, hit)
    return Promise.resolve(hit)
  }
  let request = pending.get(key)
  if (!request) {
    request = getHost()
      .api.getSpan({ traceId, index })
      .then((span) => {
        cache.set(key, span)
        if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string)
        return span
      })
      .finally(() => pending.delete(key))
    pending.set(key, request)
  }
  return request
}

/** Warms the cache for a span the user is likely to open next (e.g. the next step). */
export function prefetchSpan(traceId: string, index: number): void {
  if (index < 0) return
  loadSpan(traceId, index).catch((error: Error) => {
    // A failed prefetch is not the user's concern; the real load will report it.
    console.debug(`tracedeck: prefetch of span ${index} failed: ${error.message}`)
  })
}

/** Drops cached spans (and the start) of a trace (after it is deleted or re-imported). */
export function forgetTrace(traceId: string): void {
  forgetTraceStart(traceId)
  for (const key of [...cache.keys()]) if (key.startsWith(`${traceId}\u0000`)) cache.delete(key)
}

export interface SpanState {
  span: Span | null
  /** The span shown is not the one asked for yet (a newer one is loading). */
  loading: boolean
  error: string | null
}

/** The span at (traceId, index); keeps showing the previous span while the next one loads. */
export function useSpan(traceId: string, index: number): SpanState {
  const key = keyOf(traceId, index)
  const [loaded, setLoaded] = useState<{
    key: string
    span: Span | null
    error: string | null
  } | null>(null)
  const cached = cache.get(key)

  useEffect(() => {
    if (cache.has(key)) return
    let current = true
    loadSpan(traceId, index).then(
      (span) => current && setLoaded({ key, span, error: null }),
      (error: Error) => current && setLoaded({ key, span: null, error: error.message }),
    )
    return () => {
      current = false
    }
  }, [key, traceId, index])

  if (cached) return { span: cached, loading: false, error: null }
  if (loaded?.key === key) return { span: loaded.span, loading: false, error: loaded.error }
  return { span: loaded?.span ?? null, loading: true, error: null }
}
