/**
 * The filter bar shared by the library and the sessions list: free text (which also reads typed
 * filters such as `status:failed cost>1`), date range, status, cost threshold, model and tags.
 * Text fields apply after a short pause so typing does not flood the host with queries.
 */
import { useEffect, useId, useRef, useState } from 'react'
import type { TraceFilter } from '../../../../shared/api'
import { isDateBound } from '../../../../shared/filters/dates'
import { isEmptyFilter, parseFilterQuery } from '../../../../shared/filters/query'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { traceStatusWord } from '../../../../shared/status'

export interface FilterBarProps {
  filter: TraceFilter
  onChange(patch: Partial<TraceFilter>): void
  onClear(): void
  /** Sessions are ok or failed; traces also have warning and error. */
  mode: 'traces' | 'sessions'
  /** Suggestions for the model and tag fields (from the rows on screen). */
  models: string[]
  tags: string[]
  /** Result count text shown at the right end. */
  summary?: string
}

const PRESETS: { value: string; label: string }[] = [
  { value: '', label: 'Any time' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
]

/** A text value that is committed after `delay` ms without typing (or on Enter). */
function useDebounced(value: string, commit: (v: string) => void, delay = 300) {
  const [draft, setDraft] = useState(value)
  const [prev, setPrev] = useState(value)
  if (prev !== value) {
    // The filter changed elsewhere (cleared, typed query): show it.
    setPrev(value)
    setDraft(value)
  }
  useEffect(() => {
    if (draft === value) return
    const timer = setTimeout(() => commit(draft), delay)
    return () => clearTimeout(timer)
  }, [draft, value, commit, delay])
  return [draft, setDraft] as const
}

export function FilterBar({
  filter,
  onChange,
  onClear,
  mode,
  models,
  tags,
  summary,
}: FilterBarProps) {
  const ids = useId()
  const [queryErrors, setQueryErrors] = useState<string[]>([])
  const [text, setText] = useDebounced(filter.text ?? '', (v) => applyQuery(v))
  const [cost, setCost] = useDebounced(
    filter.minCost === undefined ? '' : String(filter.minCost),
    (v) => {
      const n = Number(v)
      if (!v.trim()) onChange({ minCost: undefined })
      else if (Number.isFinite(n) && n >= 0) onChange({ minCost: n })
    },
  )
  const [model, setModel] = useDebounced(filter.model ?? '', (v) =>
    onChange({ model: v || undefined }),
  )
  const [tagDraft, setTagDraft] = useState('')
  const since = typeof filter.since === 'number' ? String(filter.since) : (filter.since ?? '')
  const until = typeof filter.until === 'number' ? String(filter.until) : (filter.until ?? '')
  const preset = !until && PRESETS.some((p) => p.value === since) ? since : 'custom'
  const [custom, setCustom] = useState(preset === 'custom')
  const showCustom = custom || preset === 'custom'

  // Filters the previous typed query set: a new query replaces them rather than silently
  // keeping them (the controls still show whatever is active).
  const typedKeys = useRef<(keyof TraceFilter)[]>([])
  function applyQuery(query: string) {
    const parsed = parseFilterQuery(query)
    setQueryErrors(parsed.errors)
    const patch: TraceFilter = {}
    for (const key of typedKeys.current) (patch as Record<string, unknown>)[key] = undefined
    typedKeys.current = (Object.keys(parsed.filter) as (keyof TraceFilter)[]).filter(
      (k) => k !== 'text',
    )
    // Typed filters move into their controls; the rest stays as free text.
    onChange({ ...patch, ...parsed.filter, text: parsed.filter.text })
  }

  const addTag = (tag: string) => {
    const t = tag.trim()
    if (t && !(filter.tags ?? []).includes(t)) onChange({ tags: [...(filter.tags ?? []), t] })
    setTagDraft('')
  }

  const statusOptions =
    // The one vocabulary (shared/status.ts); a session has the status of its worst trace.
    [
      ['', 'Any status'],
      ['ok', traceStatusWord('ok')],
      ['warning', traceStatusWord('warning')],
      ['error', traceStatusWord('error')],
      ['failed', 'Any failed span'],
    ]

  return (
    <div
      className="td-filters"
      role="search"
      aria-label={mode === 'sessions' ? 'Filter sessions' : 'Filter traces'}
    >
      <div
        className={`td-filters__search${queryErrors.length ? ' is-invalid' : ''}`}
        title={queryErrors.join('\n') || undefined}
      >
        <svg
          width="14"
          height="14"
          viewBox="0 0 16 16"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          aria-hidden
        >
          <circle cx="7" cy="7" r="4.5" />
          <path d="M10.5 10.5L14 14" strokeLinecap="round" />
        </svg>
        <input
          type="search"
          aria-label="Search"
          placeholder="Search…  e.g. refund, status:error, kind:tool, cost>1, since:7d"
          title="Free text over every trace's names, ids, sessions, users, tags and models, and its spans' names, inputs and outputs. Typed filters also work: status:error kind:tool model:gpt-4o tag:prod cost>1 since:7d until:2025-06-30"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyQuery(text)
          }}
        />
      </div>
      <select
        aria-label="Date range"
        className="td-filters__select"
        value={showCustom ? 'custom' : since}
        onChange={(e) => {
          if (e.target.value === 'custom') return setCustom(true)
          setCustom(false)
          onChange({ since: e.target.value || undefined, until: undefined })
        }}
      >
        {PRESETS.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
        <option value="custom">Custom range…</option>
      </select>
      {showCustom && (
        <>
          <DateField
            label="From"
            value={since}
            onCommit={(v) => onChange({ since: v || undefined })}
          />
          <DateField
            label="To"
            value={until}
            onCommit={(v) => onChange({ until: v || undefined })}
          />
        </>
      )}
      <select
        aria-label="Status"
        className="td-filters__select"
        value={filter.status ?? ''}
        onChange={(e) =>
          onChange({ status: (e.target.value || undefined) as TraceFilter['status'] })
        }
      >
        {statusOptions.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label className="td-filters__field td-filters__cost">
        <span>Cost ≥ $</span>
        <input
          aria-label="Minimum cost in dollars"
          inputMode="decimal"
          placeholder="0.00"
          value={cost}
          onChange={(e) => setCost(e.target.value)}
        />
      </label>
      <label className="td-filters__field">
        <span>Model</span>
        <input
          aria-label="Model"
          list={`${ids}-models`}
          placeholder="any"
          value={model}
          onChange={(e) => setModel(e.target.value)}
        />
        <datalist id={`${ids}-models`}>
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </label>
      <div className="td-filters__field td-filters__tags">
        <span>Tags</span>
        {(filter.tags ?? []).map((t) => (
          <button
            key={t}
            type="button"
            className="td-chip"
            title={`Remove tag filter "${t}"`}
            onClick={() => onChange({ tags: (filter.tags ?? []).filter((x) => x !== t) })}
          >
            {t}
            <Icon name="close" size={10} />
          </button>
        ))}
        <input
          aria-label="Add tag filter"
          list={`${ids}-tags`}
          placeholder={filter.tags?.length ? '' : 'any'}
          value={tagDraft}
          onChange={(e) => {
            setTagDraft(e.target.value)
            // Picking a suggestion from the list adds it at once.
            if (tags.includes(e.target.value)) addTag(e.target.value)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') addTag(tagDraft)
            if (e.key === 'Backspace' && !tagDraft && filter.tags?.length)
              onChange({ tags: filter.tags.slice(0, -1) })
          }}
        />
        <datalist id={`${ids}-tags`}>
          {tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      {!isEmptyFilter(filter) && (
        <Button
          size="sm"
          variant="ghost"
          icon="close"
          onClick={() => {
            setQueryErrors([])
            typedKeys.current = []
            setCustom(false)
            onClear()
          }}
        >
          Clear
        </Button>
      )}
      {summary && (
        <span className="td-filters__summary" aria-live="polite">
          {summary}
        </span>
      )}
      {queryErrors.length > 0 && (
        // A token that was not understood is said, not silently searched for.
        <p className="td-filters__notes" role="status" data-testid="query-notes">
          {queryErrors.join(' · ')}
        </p>
      )}
    </div>
  )
}

/** A date bound field: ISO date or relative (7d); marked invalid until it reads. */
function DateField({
  label,
  value,
  onCommit,
}: {
  label: string
  value: string
  onCommit(v: string): void
}) {
  const [draft, setDraft] = useDebounced(value, (v) => {
    if (!v.trim() || isDateBound(v)) onCommit(v.trim())
  })
  const invalid = !!draft.trim() && !isDateBound(draft)
  return (
    <label className={`td-filters__field td-filters__date${invalid ? ' is-invalid' : ''}`}>
      <span>{label}</span>
      <input
        aria-label={`${label} date`}
        aria-invalid={invalid}
        title={
          invalid
            ? 'Use a date like 2025-06-01, a date-time, or a relative form like 7d, 24h'
            : 'A date (2025-06-01) or relative (7d, 24h)'
        }
        placeholder={label === 'From' ? '2025-06-01 or 7d' : 'today'}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
    </label>
  )
}
