/**
 * The application shell: top bar, the current view (by navigation state), window-wide file drop,
 * import progress and reports, toasts. Views are owned by their features; this file only
 * composes them.
 */
import { useCallback, useEffect } from 'react'
import { Button } from './components/Button'
import { EmptyState } from './components/EmptyState'
import { ErrorBoundary } from './components/ErrorBoundary'
import { Toaster } from './components/Toaster'
import { CompareView } from './features/compare/CompareView'
import { DropOverlay } from './features/import/DropOverlay'
import { useWindowFileDrop } from './features/import/file-drop'
import { ImportPanel } from './features/import/ImportPanel'
import { OpenFilesInput, requestOpenDialog } from './features/import/OpenFiles'
import { LibraryView } from './features/library/LibraryView'
import { TraceView } from './features/replay/TraceView'
import { SettingsView } from './features/rerun/SettingsView'
import { SessionsView, SessionView } from './features/sessions/SessionsView'
import { TopBar } from './features/shell/TopBar'
import { ShortcutSheet } from './features/shell/ShortcutSheet'
import { Welcome } from './features/shell/Welcome'
import { getHost } from './host'
import { useApp } from './stores/app-store'
import { useImports } from './stores/import-store'
import { useLive } from './stores/live-store'
import { useNav, type View } from './stores/nav-store'
import { syncBrowserHistory } from './lib/history-sync'
import './features/shell/shell.css'

export function App() {
  const view = useNav((s) => s.view)
  const importFiles = useImports((s) => s.importFiles)
  const onFiles = useCallback((files: File[]) => void importFiles(files), [importFiles])
  const dragging = useWindowFileDrop(onFiles)

  useEffect(() => {
    const stops = [
      useApp.getState().start(),
      useImports.getState().start(),
      followHostNavigation(),
      syncBrowserHistory(),
    ]
    const onKey = (event: KeyboardEvent) => {
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.shiftKey &&
        !event.altKey &&
        event.key.toLowerCase() === 'o'
      ) {
        event.preventDefault()
        requestOpenDialog()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => {
      stops.forEach((stop) => stop())
      window.removeEventListener('keydown', onKey)
    }
  }, [])

  return (
    <div className="td-app" data-view={view.name}>
      <TopBar />
      <ReadOnlyNotice />
      <ShortcutSheet />
      <main className="td-main" id="td-main" tabIndex={-1}>
        <ErrorBoundary resetKey={view} where={`${view.name} view`}>
          <CurrentView view={view} />
        </ErrorBoundary>
      </main>
      <ImportPanel />
      <Toaster />
      <DropOverlay visible={dragging} />
      <OpenFilesInput />
    </div>
  )
}

/** A library that cannot be written (read-only folder or file, full disk) is browsed only. */
function ReadOnlyNotice() {
  const reason = useApp((s) => s.info?.readOnly)
  if (!reason) return null
  return (
    <div className="td-readonly" role="status">
      <strong>Browsing only:</strong>{' '}
      <span dir="auto">{reason.replace(/: browsing only.*$/, '')}</span>. Imports and deletions are
      off.
    </div>
  )
}

function CurrentView({ view }: { view: View }) {
  const libraryEmpty = useApp((s) => s.libraryEmpty)
  const hostError = useApp((s) => s.hostError)
  // With the receiver on, the library view shows live traces even before the first commit.
  const liveOn = useLive((s) => s.status?.enabled === true)
  if (hostError && libraryEmpty === null) {
    return (
      <EmptyState
        tone="error"
        icon="error"
        title="tracedeck cannot reach its library"
        actions={<Button onClick={() => window.location.reload()}>Reload</Button>}
      >
        {hostError}
      </EmptyState>
    )
  }
  switch (view.name) {
    case 'library':
      return libraryEmpty && !liveOn ? <Welcome /> : <LibraryView />
    case 'sessions':
      return <SessionsView />
    case 'session':
      return <SessionView sessionId={view.sessionId} />
    case 'trace':
      return <TraceView key={view.traceId} traceId={view.traceId} step={view.step} />
    case 'compare':
      return <CompareView key={`${view.a}|${view.b}`} a={view.a} b={view.b} />
    case 'settings':
      return <SettingsView />
  }
}

/** The host can ask for a view (a file opened from the OS, the native menu). */
function followHostNavigation(): () => void {
  return getHost().on('navigate', (request) => {
    const { go } = useNav.getState()
    if (request.view === 'open-dialog') requestOpenDialog()
    else if (request.view === 'trace') go({ name: 'trace', traceId: request.id })
    else go({ name: 'library' })
  })
}
