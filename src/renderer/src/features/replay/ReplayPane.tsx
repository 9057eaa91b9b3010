/**
 * ReplayPane: a complete replay of one trace, driven by a replay store the caller owns.
 *
 * TraceView renders one; the comparison view renders two side by side. Everything the pane shows
 * comes from `store` (create it with `useReplayStore(traceId)` or `createReplayStore`), so the
 * owner can drive a pane from outside: `store.getState().goTo(i)`, `.play()`, `.pause()`,
 * `.setSpeed(x)`, and read `current`, `playing`, `cols` (typed columns) with `useStore` or
 * `store.subscribe`. Props choose which parts appear:
 *
 *   store      the pane's ReplayStore (required)
 *   header     trace header with status and totals (default true)
 *   controls   transport, speed and landmark buttons (default true; hide for lockstep controls)
 *   search     the search box (default true)
 *   tree       the execution tree column (default true)
 *   sidebar    the context sidebar (default true)
 *   keyboard   bind the shortcuts on the window (default true; pass false when two panes share
 *              a window and the owner binds its own)
 *   label      accessible name of the pane region (default "Replay")
 *   storageKey prefix under which split sizes are remembered (default "replay")
 *   timelineRef  imperative zoom handle of the timeline (zoomIn, zoomOut, fit)
 *   headerActions  extra buttons in the trace header, before Summary (e.g. "Compare with…")
 *   marks      span indices the owner marks (e.g. divergences), drawn on the timeline, the
 *              minimap and the tree in their own colour, apart from search matches
 *   markLabel  what a mark means, read out with each marked tree row (default "marked")
 *   gapSlot    shown in the detail area instead of the current span's detail while set (e.g.
 *              the empty slot of a comparison pane that has no span for the current pair)
 */
import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from 'react'
import { useStore } from 'zustand'
import { toSortedIndices } from '../../../../shared/replay'
import { EmptyState } from '../../components/EmptyState'
import { SplitPane } from '../../components/SplitPane'
import { getHost } from '../../host'
import { createReplayStore, forgetReplayCache, type ReplayStore } from '../../stores/replay-store'
import { SpanDetail, prefetchSpan } from '../detail'
import { SearchBar } from '../search/SearchBar'
import { ContextSidebar } from '../sidebar/ContextSidebar'
import { SpanTree } from '../span-tree/SpanTree'
import { Timeline, type TimelineHandle } from '../timeline/Timeline'
import { ReplayControls } from './ReplayControls'
import { SummaryReport } from './SummaryReport'
import { TraceHeader } from './TraceHeader'
import { useReplayKeys } from './use-replay-keys'
import './replay.css'

export interface ReplayPaneProps {
  store: ReplayStore
  header?: boolean
  controls?: boolean
  search?: boolean
  tree?: boolean
  sidebar?: boolean
  keyboard?: boolean
  label?: string
  storageKey?: string
  timelineRef?: Ref<TimelineHandle>
  headerActions?: ReactNode
  marks?: ArrayLike<number>
  markLabel?: string
  gapSlot?: ReactNode
}

const NO_MARKS = new Int32Array(0)

/**
 * The timeline's first share of the body height: room for every row of a short trace (minimap,
 * axis, 20 px rows), so the step detail gets the rest; at most 42 %, never under 140 px.
 */
export function timelineShare(rows: number, bodyHeight: number): number {
  if (bodyHeight <= 0) return 0.42
  const need = 44 + 24 + rows * 20 + 20
  return Math.min(0.42, Math.max(140 / bodyHeight, need / bodyHeight))
}

/** A replay store for one pane, loading `traceId` (at `step`, 0-based) and disposed on unmount. */
export function useReplayStore(traceId: string, step?: number): ReplayStore {
  const [store] = useState(() => createReplayStore(() => getHost().api))
  useEffect(() => {
    void store.getState().load(traceId, step)
    // `step` is where to start; later step changes go through goTo, not a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, traceId])
  useEffect(() => () => store.getState().dispose(), [store])
  useEffect(() => getHost().on('libraryChanged', forgetReplayCache), [])
  // A live trace grows (and is committed) while it is open: re-read it, keeping the user's place.
  useEffect(
    () =>
      getHost().on('liveTraces', ({ grew, committed }) => {
        if (grew.includes(traceId) || committed.includes(traceId)) void store.getState().refresh()
      }),
    [store, traceId],
  )
  return store
}

export function ReplayPane({
  store,
  header = true,
  controls = true,
  search = true,
  tree = true,
  sidebar = true,
  keyboard = true,
  label = 'Replay',
  storageKey = 'replay',
  timelineRef,
  headerActions,
  marks,
  markLabel = 'marked',
  gapSlot,
}: ReplayPaneProps) {
  const phase = useStore(store, (s) => s.phase)
  const error = useStore(store, (s) => s.error)
  const traceId = useStore(store, (s) => s.traceId)
  const count = useStore(store, (s) => s.cols?.count ?? 0)
  const finished = useStore(store, (s) => s.finished)
  const marked = useMemo(
    () => (marks && marks.length ? toSortedIndices(marks, count) : NO_MARKS),
    [marks, count],
  )
  const ownTimeline = useRef<TimelineHandle>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  // The body's height, measured once before the first paint of the panes (for timelineShare).
  const [bodyHeight, setBodyHeight] = useState(0)
  useLayoutEffect(() => {
    const h = bodyRef.current?.clientHeight ?? 0
    if (!bodyHeight && h > 0) setBodyHeight(h)
  }, [bodyHeight, phase, count])
  const searchInput = useRef<HTMLInputElement>(null)
  useReplayKeys(store, keyboard, ownTimeline, searchInput)

  useImperativeHandle(
    timelineRef,
    () => ({
      zoomIn: () => ownTimeline.current?.zoomIn(),
      zoomOut: () => ownTimeline.current?.zoomOut(),
      fit: () => ownTimeline.current?.fit(),
    }),
    [],
  )

  if (phase === 'error') {
    return (
      <section className="td-replay td-replay--message" aria-label={label}>
        <EmptyState tone="error" icon="error" title="This trace could not be opened">
          {error}
        </EmptyState>
      </section>
    )
  }
  if (phase !== 'ready' || !traceId) {
    return (
      <section className="td-replay td-replay--message" aria-label={label} aria-busy="true">
        <p className="td-replay__loading">Loading trace…</p>
      </section>
    )
  }
  if (count === 0) {
    return (
      <section className="td-replay td-replay--message" aria-label={label}>
        {header && <TraceHeader store={store} actions={headerActions} />}
        <EmptyState icon="info" title="This trace has no spans">
          There is nothing to replay.
        </EmptyState>
      </section>
    )
  }

  const detail = (
    <CurrentStepDetail store={store} traceId={traceId} count={count} gapSlot={gapSlot} />
  )
  const detailAndSide = sidebar ? (
    <SplitPane
      direction="row"
      initial={0.7}
      min={220}
      storageKey={`${storageKey}.detail-side`}
      label="Resize context sidebar"
      first={detail}
      second={<ContextSidebar store={store} />}
    />
  ) : (
    detail
  )
  const right = (
    <SplitPane
      direction="column"
      initial={timelineShare(count, bodyHeight)}
      min={140}
      storageKey={`${storageKey}.timeline-detail`}
      label="Resize timeline"
      first={<Timeline store={store} handleRef={ownTimeline} marks={marked} />}
      second={<div className="td-replay__detail">{detailAndSide}</div>}
    />
  )
  return (
    <section className="td-replay" aria-label={label}>
      {header && <TraceHeader store={store} actions={headerActions} />}
      {(controls || search) && (
        <div className="td-replay__bar">
          {controls && <ReplayControls store={store} />}
          {search && <SearchBar store={store} inputRef={searchInput} />}
        </div>
      )}
      <div className="td-replay__body" ref={bodyRef}>
        {!bodyHeight ? null : tree ? (
          <SplitPane
            direction="row"
            initial={0.3}
            min={240}
            storageKey={`${storageKey}.tree`}
            label="Resize execution tree"
            first={<SpanTree store={store} marks={marked} markLabel={markLabel} />}
            second={right}
          />
        ) : (
          right
        )}
      </div>
      {finished && <SummaryReport store={store} />}
    </section>
  )
}

/**
 * The current step's detail (or the owner's gap slot). The one part of the pane that follows
 * `current`, so a replay step re-renders this and not the whole pane (header, timeline, tree).
 */
function CurrentStepDetail({
  store,
  traceId,
  count,
  gapSlot,
}: {
  store: ReplayStore
  traceId: string
  count: number
  gapSlot?: ReactNode
}) {
  const current = useStore(store, (s) => s.current)
  // Given to the step detail so it does not fetch the trace again for "Started".
  const traceStart = useStore(store, (s) => s.detail?.trace.start)
  // Warm the next step's payload so Next (and playing) shows it without a round trip.
  useEffect(() => {
    if (current + 1 < count) prefetchSpan(traceId, current + 1)
  }, [traceId, current, count])
  if (gapSlot != null && gapSlot !== false) return <div className="td-replay__gap">{gapSlot}</div>
  return <SpanDetail traceId={traceId} index={current} traceStart={traceStart} />
}
