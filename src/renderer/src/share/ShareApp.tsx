/**
 * The shared replay page's app: the banner, then the app's own replay view (a trace) or
 * comparison view (two traces) over the read-only share host. Navigation stays inside the file:
 * a trace or the comparison (and its swap); there is no library to go back to.
 */
import { Button } from '../components/Button'
import { EmptyState } from '../components/EmptyState'
import { ErrorBoundary } from '../components/ErrorBoundary'
import { Toaster } from '../components/Toaster'
import { CompareView } from '../features/compare/CompareView'
import { TraceView } from '../features/replay/TraceView'
import { useNav } from '../stores/nav-store'
import type { ShareHead } from '../../../shared/share-format'
import { ShareBanner } from './ShareBanner'
import '../features/shell/shell.css'
import './share.css'

export function ShareApp({ head }: { head: ShareHead }) {
  const view = useNav((s) => s.view)
  return (
    <div className="td-app td-app--shared" data-view={view.name}>
      <ShareBanner head={head} />
      <main className="td-main" id="td-main" tabIndex={-1}>
        <ErrorBoundary resetKey={view} where={`${view.name} view`}>
          {view.name === 'compare' ? (
            <CompareView key={`${view.a}|${view.b}`} a={view.a} b={view.b} />
          ) : view.name === 'trace' ? (
            <TraceView key={view.traceId} traceId={view.traceId} step={view.step} />
          ) : (
            // Library, sessions…: what a link inside a view may ask for, and a file has none of.
            <EmptyState
              icon="info"
              title="Not in this file"
              actions={
                <Button onClick={() => useNav.getState().go(openingView(head))}>
                  Back to the replay
                </Button>
              }
            >
              A shared file holds one replay, not a library.
            </EmptyState>
          )}
        </ErrorBoundary>
      </main>
      <Toaster />
    </div>
  )
}

/** The view a shared file opens on. */
export function openingView(head: ShareHead) {
  const [a, b] = head.traces.map((t) => t.detail.trace.id)
  return head.kind === 'compare' && b
    ? ({ name: 'compare', a, b } as const)
    : ({
        name: 'trace',
        traceId: a,
        ...(head.openAt !== undefined ? { step: head.openAt } : {}),
      } as const)
}
