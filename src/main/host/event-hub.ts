/**
 * Fan-out of the contract's events (import progress, library changes, navigation) from the
 * library to whoever listens: SSE clients of the browser host, Electron windows, the CLI.
 * Created before the library so its `emit` can be passed to `createLibrary`.
 */
import type { ApiEventName, ApiEvents } from '../../shared/api'

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void

export class EventHub {
  private readonly listeners = new Set<EventListener>()

  /** Sends an event to every listener; a failing listener never stops the others. */
  readonly emit = <E extends ApiEventName>(event: E, payload: ApiEvents[E]): void => {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload)
      } catch (error) {
        console.error(`tracedeck: an event listener failed on "${event}":`, error)
      }
    }
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get size(): number {
    return this.listeners.size
  }
}
