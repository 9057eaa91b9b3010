/**
 * Live traces for the window's lifetime: the OTLP receiver's status (switched from the library
 * toolbar), the traces it is still receiving (listed on top of the library), and "follow
 * latest", which opens each trace the moment it is committed, ready to replay. The host pushes
 * `liveTraces` and `liveStatus` events; lists re-query on them (coalesced).
 */
import { create } from 'zustand'
import type { LiveStatus, LiveTraceSummary } from '../../../shared/api'
import { getHost } from '../host'
import { useNav } from './nav-store'

const FOLLOW_KEY = 'tracedeck.followLatest'

interface LiveState {
  status: LiveStatus | null
  rows: LiveTraceSummary[]
  follow: boolean
  switching: boolean
  error: string | null
  setEnabled(enabled: boolean): Promise<void>
  setFollow(follow: boolean): void
  reload(): Promise<void>
  dismissLost(): void
}

function readFollow(): boolean {
  try {
    return window.localStorage.getItem(FOLLOW_KEY) === '1'
  } catch (err) {
    console.warn('tracedeck: localStorage unavailable', err)
    return false
  }
}

export const useLive = create<LiveState>((set, get) => ({
  status: null,
  rows: [],
  follow: readFollow(),
  switching: false,
  error: null,
  async setEnabled(enabled) {
    set({ switching: true, error: null })
    try {
      const status = await getHost().api.setLiveReceiver({ enabled })
      set({ status, rows: enabled ? get().rows : [] })
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) })
    } finally {
      set({ switching: false })
    }
  },
  setFollow(follow) {
    set({ follow })
    try {
      window.localStorage.setItem(FOLLOW_KEY, follow ? '1' : '0')
    } catch (err) {
      console.warn('tracedeck: localStorage unavailable', err)
    }
  },
  async reload() {
    try {
      const rows = await getHost().api.listLiveTraces({})
      set({ rows })
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) })
    }
  },
  dismissLost() {
    const s = get().status
    if (s?.lost) set({ status: { ...s, lost: undefined } })
  },
}))

let started = false

/** Starts following the host's live events (once per window). */
export function startLiveTracking(): void {
  if (started) return
  started = true
  const host = getHost()
  if (host.readOnly) return
  host.api.liveStatus({}).then(
    (status) => {
      useLive.setState({ status })
      if (status.enabled) void useLive.getState().reload()
    },
    (err: Error) => useLive.setState({ error: err.message }),
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  const reloadSoon = () => {
    if (timer) return
    timer = setTimeout(() => {
      timer = undefined
      void useLive.getState().reload()
    }, 150)
  }
  host.on('liveStatus', (status) => {
    useLive.setState({ status })
    reloadSoon()
  })
  host.on('liveTraces', ({ committed }) => {
    reloadSoon()
    const latest = committed[committed.length - 1]
    if (!latest || !useLive.getState().follow) return
    const nav = useNav.getState()
    // Following never pulls the user out of a comparison or a session they are reading.
    if (nav.view.name === 'library' || nav.view.name === 'trace') {
      if (nav.view.name !== 'trace' || nav.view.traceId !== latest) nav.go({ name: 'trace', traceId: latest })
    }
  })
}
