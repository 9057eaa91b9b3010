/**
 * Sessions: traces that share a session id, one row per session with its aggregate metrics,
 * filterable like the library. A row opens the session's conversation.
 */
import { useEffect } from 'react'
import { describeFilter, isEmptyFilter } from '../../../../shared/filters/query'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { formatCost, plural } from '../../lib/format'
import { useNav } from '../../stores/nav-store'
import { startSessionTracking, useSessions } from '../../stores/session-store'
import { DataTable } from '../library/DataTable'
import { FilterBar } from '../library/FilterBar'
import { useSortedList } from '../library/use-sorted-list'
import { SESSION_COLUMNS } from './session-columns'
import '../library/library.css'
import './sessions.css'

export { SessionView } from './SessionView'

export function SessionsView() {
  const s = useSessions()
  const go = useNav((n) => n.go)

  useEffect(() => {
    startSessionTracking()
    void useSessions.getState().load()
  }, [])

  const { rows, models, tags, onSort } = useSortedList(s.rows, SESSION_COLUMNS, s.sort, s.setSort)
  const filtered = !isEmptyFilter(s.filter)
  const totalCost = rows.reduce((a, r) => a + r.cost, 0)
  const summary = s.loaded
    ? `${plural(rows.length, 'session')}${filtered ? ' match' : ''} · ${formatCost(totalCost)}${s.loading ? '…' : ''}`
    : 'Loading…'

  return (
    <section className="td-page" aria-label="Sessions">
      <header className="td-page__header">
        <div className="td-page__title">
          <h1>Sessions</h1>
          <span className="td-muted">
            Traces that share a session id, read as one conversation.
          </span>
        </div>
      </header>
      <FilterBar
        mode="sessions"
        filter={s.filter}
        onChange={s.setFilter}
        onClear={s.clearFilter}
        models={models}
        tags={tags}
        summary={summary}
      />
      {s.error ? (
        <EmptyState tone="error" icon="error" title="Could not list sessions">
          {s.error}
        </EmptyState>
      ) : (
        <DataTable
          label="Sessions"
          rows={rows}
          columns={SESSION_COLUMNS}
          rowKey={(r) => r.id}
          sort={s.sort}
          onSort={onSort}
          onOpen={(r) => go({ name: 'session', sessionId: r.id })}
          resetKey={JSON.stringify(s.filter)}
          rowClass={(r) => (r.status === 'error' ? 'is-failed' : undefined)}
          empty={
            !s.loaded ? null : filtered ? (
              <EmptyState
                icon="info"
                title="No session matches these filters"
                actions={<Button onClick={s.clearFilter}>Clear filters</Button>}
              >
                Filtering on {describeFilter(s.filter).join(', ')}.
              </EmptyState>
            ) : (
              <EmptyState icon="sessions" title="No sessions yet">
                A session appears when imported traces carry a session id (sessionId, session.id,
                gen_ai.conversation.id, a LangSmith thread, an OpenAI Agents group id…).
              </EmptyState>
            )
          }
        />
      )}
    </section>
  )
}
