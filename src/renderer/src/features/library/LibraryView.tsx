/**
 * The library: every imported trace, filterable and sortable, with multi-select to delete or
 * compare. Opening a row opens the trace in replay. On the first start of the window it
 * re-opens the trace the user last viewed.
 */
import { useEffect, useMemo, useState } from 'react'
import type { TraceSummary } from '../../../../shared/api'
import { describeFilter, isEmptyFilter } from '../../../../shared/filters/query'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { useImports } from '../../stores/import-store'
import { plural } from '../../lib/format'
import { restoreLastTrace, startLibraryTracking, useLibrary } from '../../stores/library-store'
import { useNav } from '../../stores/nav-store'
import { ConfirmDialog } from './ConfirmDialog'
import { DataTable } from './DataTable'
import { FilterBar } from './FilterBar'
import { LivePanel, LiveToggle } from './LivePanel'
import { TRACE_COLUMNS } from './trace-columns'
import { useSortedList } from './use-sorted-list'
import './library.css'

export function LibraryView() {
  const lib = useLibrary()
  const go = useNav((s) => s.go)
  const [confirming, setConfirming] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => {
    startLibraryTracking()
    void useLibrary.getState().load()
    void restoreLastTrace()
  }, [])

  const { rows, models, tags, onSort } = useSortedList(
    lib.rows,
    TRACE_COLUMNS,
    lib.sort,
    lib.setSort,
  )
  const order = useMemo(() => rows.map((r) => r.id), [rows])
  const selected = [...lib.selected]
  const open = (t: TraceSummary) => go({ name: 'trace', traceId: t.id })

  const onDelete = async () => {
    setBusy(true)
    setDeleteError(null)
    try {
      const n = await lib.deleteSelected()
      setConfirming(false)
      setNotice(
        `Deleted ${plural(n, 'trace')} from the library. The files on disk were not touched.`,
      )
    } catch (err) {
      setDeleteError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const filtered = !isEmptyFilter(lib.filter)
  const summary = lib.loaded
    ? `${plural(rows.length, 'trace')}${filtered ? ' match' : ''}${lib.loading ? '…' : ''}`
    : 'Loading…'

  return (
    <section className="td-page" aria-label="Library">
      <header className="td-page__header">
        <div className="td-page__title">
          <h1>Library</h1>
          <span className="td-muted">Every imported trace. Click one to replay it.</span>
        </div>
        <div className="td-page__actions">
          <LiveToggle />
          {selected.length > 0 && (
            <span className="td-muted td-selcount" aria-live="polite">
              {selected.length} selected
            </span>
          )}
          <Button
            disabled={selected.length !== 2}
            title={
              selected.length === 2
                ? 'Replay the two selected traces side by side'
                : 'Select exactly two traces to compare'
            }
            onClick={() => go({ name: 'compare', a: selected[0], b: selected[1] })}
          >
            Compare
          </Button>
          <Button
            variant="danger"
            disabled={selected.length === 0}
            title="Remove the selected traces from the library"
            onClick={() => {
              setDeleteError(null)
              setConfirming(true)
            }}
          >
            Delete{selected.length ? ` (${selected.length})` : ''}
          </Button>
        </div>
      </header>
      <LivePanel />
      <FilterBar
        mode="traces"
        filter={lib.filter}
        onChange={lib.setFilter}
        onClear={lib.clearFilter}
        models={models}
        tags={tags}
        summary={summary}
      />
      {notice && (
        <div className="td-notice" role="status">
          {notice}
          <Button
            size="sm"
            variant="ghost"
            icon="close"
            aria-label="Dismiss"
            onClick={() => setNotice(null)}
          />
        </div>
      )}
      {lib.error ? (
        <EmptyState tone="error" icon="error" title="Could not list the library">
          {lib.error}
        </EmptyState>
      ) : (
        <DataTable
          label="Traces"
          rows={rows}
          columns={TRACE_COLUMNS}
          rowKey={(t) => t.id}
          rowHeight={44}
          sort={lib.sort}
          onSort={onSort}
          onOpen={open}
          selected={lib.selected}
          onSelect={(id, mode) => lib.select(id, mode, order)}
          onSelectAll={(all) => lib.setSelection(all ? order : [])}
          resetKey={JSON.stringify(lib.filter)}
          rowClass={(t) => (t.status === 'error' ? 'is-failed' : undefined)}
          empty={
            !lib.loaded ? null : filtered ? (
              <EmptyState
                icon="info"
                title="No trace matches these filters"
                actions={<Button onClick={lib.clearFilter}>Clear filters</Button>}
              >
                Filtering on {describeFilter(lib.filter).join(', ')}.
              </EmptyState>
            ) : (
              <EmptyState
                icon="upload"
                title="No traces yet"
                actions={
                  <Button
                    variant="primary"
                    onClick={() => void useImports.getState().importSample()}
                  >
                    Open the sample trace
                  </Button>
                }
              >
                Drop an exported trace file (OTLP, Langfuse, LangSmith, Jaeger, Zipkin, OpenAI
                Agents…) anywhere on the window.
              </EmptyState>
            )
          }
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={`Delete ${plural(selected.length, 'trace')}?`}
          confirmLabel={`Delete ${plural(selected.length, 'trace')}`}
          busy={busy}
          error={deleteError}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void onDelete()}
        >
          <p>
            {selected.length === 1 ? 'It is' : 'They are'} removed from the tracedeck library only.
            The files on disk are never touched; import them again to bring them back.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
