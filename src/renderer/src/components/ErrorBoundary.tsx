import { Component, type ErrorInfo, type ReactNode } from 'react'
import { Button } from './Button'
import { EmptyState } from './EmptyState'

interface State {
  error: Error | null
}

/**
 * Keeps one broken view from blanking the window: shows what failed and a way back.
 * `resetKey` changes (e.g. the view) clear the error.
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey?: unknown; where?: string },
  State
> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidUpdate(prev: { resetKey?: unknown }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null })
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(
      `tracedeck: ${this.props.where ?? 'view'} failed to render`,
      error,
      info.componentStack,
    )
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <EmptyState
        tone="error"
        icon="error"
        title={`The ${this.props.where ?? 'view'} could not be shown`}
        actions={<Button onClick={() => this.setState({ error: null })}>Try again</Button>}
      >
        <code>{this.state.error.message}</code>
      </EmptyState>
    )
  }
}
