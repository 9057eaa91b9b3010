/**
 * The start of a trace, for showing a span's start relative to it, when the caller did not give
 * it: fetched with `getTrace` through the shared trace-details cache, then kept (a trace's start
 * never changes).
 */
import { useEffect, useState } from 'react'
import { getHost } from '../../host'
import { getTraceDetail } from '../../stores/trace-details'

const MAX_CACHED = 64
// Known starts, read synchronously so a panel re-render never flashes the absolute time.
const starts = new Map<string, number>()

function loadTraceStart(traceId: string): Promise<number> {
  // Through the shared trace-details cache: the replay pane and top bar ask for the same trace.
  return getTraceDetail(getHost().api, traceId).then(({ trace }) => {
    starts.set(traceId, trace.start)
    if (starts.size > MAX_CACHED) starts.delete(starts.keys().next().value as string)
    return trace.start
  })
}

/** Drops a cached start (the trace was deleted). */
export function forgetTraceStart(traceId: string): void {
  starts.delete(traceId)
}

/**
 * The trace's start in µs since the epoch: `given` when the caller knows it, else fetched;
 * null while loading or when it cannot be had (the caller then shows absolute times).
 */
export function useTraceStart(traceId: string, given?: number): number | null {
  const [loaded, setLoaded] = useState<{ traceId: string; start: number | null } | null>(null)
  const known = given ?? starts.get(traceId)

  useEffect(() => {
    if (given != null || starts.has(traceId)) return
    let current = true
    loadTraceStart(traceId).then(
      (start) => current && setLoaded({ traceId, start }),
      (error: Error) => {
        // Not fatal: the panel falls back to the absolute time; the span itself still loads.
        console.warn(`tracedeck: no start for trace ${traceId}: ${error.message}`)
        if (current) setLoaded({ traceId, start: null })
      },
    )
    return () => {
      current = false
    }
  }, [traceId, given])

  if (known != null) return known
  return loaded?.traceId === traceId ? loaded.start : null
}

/**
 * A span's start relative to its trace, precise enough to order steps by eye (to the µs below
 * a second, the ms below a minute; no trailing zeros): "+0 ms", "+850 µs", "+30 ms",
 * "+76.543 ms", "+1.234 s", "+2m 05.120s", "+1h 02m 05s"; before the trace start (clock skew)
 * it is negative.
 */
export function formatStartOffset(us: number): string {
  if (!Number.isFinite(us)) return '–'
  const sign = us < 0 ? '−' : '+'
  const abs = Math.abs(Math.round(us))
  if (abs === 0) return '+0 ms'
  if (abs < 1000) return `${sign}${abs} µs`
  if (abs < 1_000_000) return `${sign}${trimZeros((abs / 1000).toFixed(3))} ms`
  const seconds = abs / 1_000_000
  if (seconds < 60) return `${sign}${trimZeros(seconds.toFixed(3))} s`
  const wholeMinutes = Math.floor(seconds / 60)
  if (wholeMinutes < 60) {
    const rest = (seconds - wholeMinutes * 60).toFixed(3).padStart(6, '0')
    return `${sign}${wholeMinutes}m ${rest}s`
  }
  const wholeSeconds = Math.floor(seconds)
  const hours = Math.floor(wholeSeconds / 3600)
  const minutes = Math.floor((wholeSeconds % 3600) / 60)
  const secs = wholeSeconds % 60
  return `${sign}${hours}h ${String(minutes).padStart(2, '0')}m ${String(secs).padStart(2, '0')}s`
}

/** "30.000" → "30", "1.500" → "1.5". */
function trimZeros(fixed: string): string {
  return fixed.replace(/\.?0+$/, '')
}
