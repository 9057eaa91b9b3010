import { useEffect, useState } from 'react'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { getHost } from '../../host'
import { useNav, type View } from '../../stores/nav-store'
import { useShortcutSheet } from './ShortcutSheet'
import { getTraceDetail } from '../../stores/trace-details'
import { requestOpenDialog } from '../import/OpenFiles'
import './shell.css'

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform)
/** The platform's label for the Open shortcut. */
export const OPEN_SHORTCUT = isMac ? '⌘O' : 'Ctrl O'

/** The window's top bar: brand, main navigation, where you are, and Open…. */
export function TopBar() {
  const view = useNav((s) => s.view)
  const go = useNav((s) => s.go)
  const section =
    view.name === 'session' || view.name === 'sessions'
      ? 'sessions'
      : view.name === 'settings'
        ? 'settings'
        : 'library'
  const crumb = useCrumb(view)

  useEffect(() => {
    document.title = crumb ? `${crumb} — tracedeck` : 'tracedeck'
  }, [crumb])

  return (
    <header className="td-topbar">
      <a className="td-skip" href="#td-main">
        Skip to content
      </a>
      <div className="td-brand" aria-label="tracedeck">
        <Logo />
        <span className="td-brand__name">tracedeck</span>
      </div>
      <nav className="td-nav" aria-label="Main">
        <NavButton
          current={section === 'library'}
          icon="library"
          onClick={() => go({ name: 'library' })}
        >
          Library
        </NavButton>
        <NavButton
          current={section === 'sessions'}
          icon="sessions"
          onClick={() => go({ name: 'sessions' })}
        >
          Sessions
        </NavButton>
        <NavButton
          current={section === 'settings'}
          icon="settings"
          onClick={() => go({ name: 'settings' })}
        >
          Settings
        </NavButton>
      </nav>
      {crumb && (
        <div className="td-crumb" aria-label="Current view">
          <Icon name="chevronRight" size={14} />
          <span className="td-crumb__kind">{KIND_OF_VIEW[view.name]}</span>
          <span className="td-crumb__name td-ellipsis" title={crumb}>
            {crumb}
          </span>
        </div>
      )}
      <div className="td-topbar__spacer" />
      <Button
        variant="ghost"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => useShortcutSheet.getState().setOpen(true)}
      >
        ?
      </Button>
      <Button
        variant="primary"
        icon="open"
        shortcut={OPEN_SHORTCUT}
        onClick={requestOpenDialog}
        title="Open trace files"
      >
        Open…
      </Button>
    </header>
  )
}

const KIND_OF_VIEW: Record<View['name'], string> = {
  library: 'Library',
  sessions: 'Sessions',
  session: 'Session',
  trace: 'Trace',
  compare: 'Compare',
  settings: 'Settings',
}

function NavButton({
  current,
  icon,
  onClick,
  children,
}: {
  current: boolean
  icon: 'library' | 'sessions' | 'settings'
  onClick(): void
  children: string
}) {
  return (
    <button
      type="button"
      className="td-nav__item"
      aria-current={current ? 'page' : undefined}
      onClick={onClick}
    >
      <Icon name={icon} size={15} />
      {children}
    </button>
  )
}

// Trace names for the breadcrumb, fetched once per id.
const traceNames = new Map<string, string>()

/** The name of the thing the view shows (trace name, session id, "A vs B"), or null. */
function useCrumb(view: View): string | null {
  const traceId = view.name === 'trace' ? view.traceId : null
  // Compare names both traces (by name, not raw id) once they are known.
  const ids =
    view.name === 'trace' ? [view.traceId] : view.name === 'compare' ? [view.a, view.b] : []
  const key = ids.join('|')
  const [, setFetched] = useState(0)
  const name = traceId ? (traceNames.get(traceId) ?? null) : null

  useEffect(() => {
    const missing = key ? key.split('|').filter((id) => !traceNames.has(id)) : []
    if (!missing.length) return
    let current = true
    for (const id of missing)
      // Shared with the replay pane loading the same trace: one request for both.
      getTraceDetail(getHost().api, id).then(
        ({ trace }) => {
          traceNames.set(id, trace.name)
          if (current) setFetched((n) => n + 1)
        },
        // The view itself reports a missing trace; the crumb falls back to the id.
        () => {
          traceNames.set(id, id)
          if (current) setFetched((n) => n + 1)
        },
      )
    return () => {
      current = false
    }
  }, [key])

  if (view.name === 'trace') return name ?? '…'
  if (view.name === 'session') return view.sessionId
  if (view.name === 'compare') return `${shortId(view.a)} vs ${shortId(view.b)}`
  return null
}

function shortId(id: string): string {
  const name = traceNames.get(id)
  if (name && name !== id) return name.length > 40 ? `${name.slice(0, 39)}…` : name
  return id.length > 12 ? `${id.slice(0, 10)}…` : id
}

/** The app mark: three stacked bars, like a tiny timeline. */
export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden>
      <rect x="1" y="2" width="18" height="16" rx="4" fill="var(--accent)" />
      <rect x="4" y="6" width="8" height="2" rx="1" fill="#fff" />
      <rect x="7" y="9" width="9" height="2" rx="1" fill="#fff" opacity="0.85" />
      <rect x="10" y="12" width="5" height="2" rx="1" fill="#fff" opacity="0.7" />
    </svg>
  )
}
