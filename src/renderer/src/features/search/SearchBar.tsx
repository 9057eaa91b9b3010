/**
 * Search within the trace: names, `kind:` and `status:` filters locally, text inside inputs and
 * outputs through the host's full-text index. Matches are highlighted in the tree and on the
 * timeline; Enter / Shift+Enter (or n / N anywhere) go to the next / previous match.
 */
import { useEffect, useRef, useState, type RefObject } from 'react'
import { useStore } from 'zustand'
import { matchPosition } from '../../../../shared/replay'
import { Button } from '../../components/Button'
import type { ReplayStore } from '../../stores/replay-store'
import './search.css'
import { formatCount } from '../../lib/format'

const DEBOUNCE_MS = 180

export function SearchBar({
  store,
  inputRef,
}: {
  store: ReplayStore
  inputRef?: RefObject<HTMLInputElement | null>
}) {
  const matches = useStore(store, (s) => s.matches)
  const current = useStore(store, (s) => s.current)
  const searching = useStore(store, (s) => s.searching)
  const searchError = useStore(store, (s) => s.searchError)
  const storeQuery = useStore(store, (s) => s.query)
  const [text, setText] = useState(storeQuery)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const submit = (value: string, delay: number) => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      timer.current = null
      void store.getState().search(value)
    }, delay)
  }

  const position = matchPosition(matches, current)
  const hasQuery = text.trim().length > 0
  const status = !hasQuery
    ? ''
    : searching && !matches.length
      ? 'Searching…'
      : matches.length === 0
        ? 'No matches'
        : `${position >= 0 ? position + 1 : '–'} / ${formatCount(matches.length)}`

  return (
    <div className="td-search" role="search">
      <input
        ref={inputRef}
        className="td-search__input"
        type="search"
        aria-label="Search spans"
        placeholder="Search name or text · kind:llm · status:error"
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value)
          submit(e.target.value, DEBOUNCE_MS)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            if (timer.current) {
              // Pressed before the debounce fired: search now, then go to the first match.
              clearTimeout(timer.current)
              timer.current = null
              void store
                .getState()
                .search(text)
                .then(() => store.getState().nextMatch())
              return
            }
            if (e.shiftKey) store.getState().prevMatch()
            else store.getState().nextMatch()
          } else if (e.key === 'Escape') {
            setText('')
            submit('', 0)
            e.currentTarget.blur()
          }
          e.stopPropagation()
        }}
      />
      <span
        className="td-search__status"
        aria-live="polite"
        data-testid="search-status"
        title={searchError ?? undefined}
      >
        {status}
        {searchError && <span className="td-search__warn"> · names only</span>}
      </span>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Previous match"
        title="Previous match (Shift+N)"
        disabled={!matches.length}
        onClick={() => store.getState().prevMatch()}
      >
        ↑
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Next match"
        title="Next match (N)"
        disabled={!matches.length}
        onClick={() => store.getState().nextMatch()}
      >
        ↓
      </Button>
    </div>
  )
}
