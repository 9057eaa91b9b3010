/**
 * A trace's re-run history, kept live: loaded once, then updated from `rerunProgress` events
 * (state changes and each finished call), newest first.
 */
import { useEffect, useState } from 'react'
import type { ProviderInfo, RerunRun } from '../../../../shared/rerun'
import { getHost } from '../../host'

export function useReruns(traceId: string): {
  runs: RerunRun[]
  error: string | null
  reload(): void
} {
  const [runs, setRuns] = useState<RerunRun[]>([])
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    getHost()
      .api.listReruns({ traceId })
      .then((r) => live && setRuns(r))
      .catch((e: Error) => live && setError(e.message))
    const stop = getHost().on('rerunProgress', (run) => {
      if (run.traceId !== traceId) return
      setRuns((list) => {
        const at = list.findIndex((r) => r.id === run.id)
        if (at < 0) return [run, ...list]
        const next = list.slice()
        next[at] = run
        return next
      })
    })
    return () => {
      live = false
      stop()
    }
  }, [traceId, tick])
  return { runs, error, reload: () => setTick((t) => t + 1) }
}

/** The configured providers (reloaded on demand after the settings change them). */
export function useProviders(): {
  providers: ProviderInfo[] | null
  error: string | null
  reload(): void
} {
  const [providers, setProviders] = useState<ProviderInfo[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    getHost()
      .api.listProviders({})
      .then((p) => {
        if (!live) return
        setProviders(p)
        setError(null)
      })
      .catch((e: Error) => live && setError(e.message))
    return () => {
      live = false
    }
  }, [tick])
  return { providers, error, reload: () => setTick((t) => t + 1) }
}
