/**
 * The query verbs of the library: trace list, session list and session detail, with every
 * filter. `library-service.ts` merges these handlers into the full Handlers object.
 */
import type Database from 'better-sqlite3'
import type { Handlers } from '../library'
import { getSession } from './get-session'
import { listSessions } from './list-sessions'
import { listTraces } from './list-traces'

/** The verbs this module implements. */
export type QueryHandlers = Pick<Handlers, 'listTraces' | 'listSessions' | 'getSession'>

/**
 * Builds the query handlers over an open library database. `clock` (epoch ms) anchors relative
 * dates such as "7d"; tests pin it.
 */
export function queryHandlers(
  db: Database.Database,
  clock: () => number = Date.now,
): QueryHandlers {
  return {
    listTraces: async (filter) => listTraces(db, filter, clock()),
    listSessions: async (filter) => listSessions(db, filter, clock()),
    getSession: async ({ id }) => getSession(db, id),
  }
}
