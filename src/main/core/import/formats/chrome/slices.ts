/**
 * Turns Chrome Trace Event records into slices: `X` complete events, `B`/`E` pairs matched per
 * (pid, tid) with a stack after a stable sort on `ts` (the Trace Event Format's rule), and async
 * `b`/`e` (nestable) and legacy `S`/`F` pairs matched per (pid, cat, id). Then it derives the
 * tree: there are no span ids, so a slice's parent is the innermost slice on the same thread
 * that encloses it in time; async slices nest only inside each other.
 */
import type { Json } from '../../../../../shared/model'
import { isObj, num, str, type Obj } from '../common/values'

export interface Slice {
  /** Stable id derived from the file position of the opening event. */
  id: string
  name: string
  pid: string
  tid: string
  cat?: string
  start: number
  /** null when an opening event was never closed. */
  end: number | null
  args: Obj
  /** `X`, `B` (a B/E pair), or `b` / `S` (async). */
  phase: 'X' | 'B' | 'b' | 'S'
  asyncId?: string
  parentId?: string
  steps: { name: string; time: number; args: Obj }[]
}

export interface SliceResult {
  slices: Slice[]
  /** Instant events (i/I/n) kept as span events on their innermost enclosing slice. */
  instants: { sliceId: string; name: string; time: number; args: Obj }[]
  unmatchedEnds: number
  unclosed: number
  /** Async begins (b/S) never closed; dropped. */
  unclosedAsync: number
  /** Instant events outside every slice of their thread (shown as marks on the thread's track). */
  looseInstants: LooseInstant[]
  /** Each unmatched begin or end, described (the first UNMATCHED_DETAILS of them). */
  unmatched: Unmatched[]
}

/** An instant event with no enclosing slice: `scope` is the event's `s` (t thread, p process, g global). */
export interface LooseInstant {
  pid: string
  tid: string
  scope: 't' | 'p' | 'g'
  name: string
  time: number
  args: Obj
}

/** An unmatched begin or end event: the span it left open (a B kept with no end), if any. */
export interface Unmatched {
  message: string
  spanId?: string
}

/** Unmatched events described one by one; past this many only the counts are reported. */
export const UNMATCHED_DETAILS = 200

interface Rec {
  ev: Obj
  pos: number
  ts: number
}

const micros = (v: number): number => Math.round(v)

/** Builds slices from the event list (records without a usable `ph`/`ts` are skipped). */
export function buildSlices(events: unknown[]): SliceResult {
  const perThread = new Map<string, Rec[]>()
  const asyncRecs: Rec[] = []
  const instants: Rec[] = []
  const slices: Slice[] = []
  events.forEach((ev, pos) => {
    if (!isObj(ev)) return
    const ph = typeof ev.ph === 'string' ? ev.ph : ''
    const ts = num(ev.ts)
    if (ts === undefined) return
    if (ph === 'X') slices.push(complete(ev, pos, ts))
    else if (ph === 'B' || ph === 'E') push(perThread, threadKey(ev), { ev, pos, ts })
    else if ('beSTF'.includes(ph) && ph.length === 1) asyncRecs.push({ ev, pos, ts })
    else if (ph === 'i' || ph === 'I' || ph === 'n') instants.push({ ev, pos, ts })
  })
  let unmatchedEnds = 0
  let unclosed = 0
  const unmatched: Unmatched[] = []
  const note = (u: Unmatched): void => {
    if (unmatched.length < UNMATCHED_DETAILS) unmatched.push(u)
  }
  for (const recs of perThread.values()) {
    const r = matchBeginEnd(recs, note)
    slices.push(...r.slices)
    unmatchedEnds += r.unmatchedEnds
    unclosed += r.unclosed
  }
  const a = matchAsync(asyncRecs, note)
  unmatchedEnds += a.unmatchedEnds
  const placed = nest(slices, instants)
  slices.push(...a.slices)
  return {
    slices,
    instants: placed.instants,
    unmatchedEnds,
    unclosed,
    unclosedAsync: a.unclosed,
    looseInstants: placed.loose,
    unmatched,
  }
}

/** "E event "name" at 12 µs (pid 1, tid 2)" — names an event for a repair message. */
function describe(ev: Obj, ts: number): string {
  const where =
    ev.id !== undefined ? `id ${String(ev.id)}` : `pid ${String(ev.pid)}, tid ${String(ev.tid)}`
  return `${String(ev.ph)} event "${str(ev.name) ?? ''}" at ${ts} µs (${where})`
}

function threadKey(ev: Obj): string {
  return `${str(ev.pid) ?? ''}\u0000${str(ev.tid) ?? ''}`
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k)
  if (list) list.push(v)
  else m.set(k, [v])
}

function base(ev: Obj, pos: number, ts: number, phase: Slice['phase']): Slice {
  return {
    id: `e${pos}`,
    name: str(ev.name) ?? '(unnamed)',
    pid: str(ev.pid) ?? '',
    tid: str(ev.tid) ?? '',
    cat: str(ev.cat),
    start: micros(ts),
    end: null,
    args: isObj(ev.args) ? ev.args : {},
    phase,
    steps: [],
  }
}

function complete(ev: Obj, pos: number, ts: number): Slice {
  const s = base(ev, pos, ts, 'X')
  // An X event without `dur` is a zero-length slice (Trace Event Format).
  const dur = num(ev.dur)
  s.end = micros(ts + (dur !== undefined && dur > 0 ? dur : 0))
  return s
}

/** Stable sort on ts, then a stack: each E closes the innermost open B on its thread. */
function matchBeginEnd(
  recs: Rec[],
  note: (u: Unmatched) => void,
): { slices: Slice[]; unmatchedEnds: number; unclosed: number } {
  const sorted = [...recs].sort((x, y) => x.ts - y.ts || x.pos - y.pos)
  const stack: Slice[] = []
  const slices: Slice[] = []
  let unmatchedEnds = 0
  for (const { ev, pos, ts } of sorted) {
    if (ev.ph === 'B') {
      const s = base(ev, pos, ts, 'B')
      stack.push(s)
      slices.push(s)
      continue
    }
    const open = stack.pop()
    if (!open) {
      unmatchedEnds++
      note({ message: `${describe(ev, ts)} has no matching begin; skipped` })
      continue
    }
    open.end = Math.max(open.start, micros(ts))
    if (isObj(ev.args)) open.args = { ...open.args, ...ev.args }
  }
  for (const open of stack)
    note({ message: `B event "${open.name}" was never closed; kept with no end`, spanId: open.id })
  return { slices, unmatchedEnds, unclosed: stack.length }
}

/**
 * Async operations are identified by category + id (+ name for the legacy S/T/F kind). A plain
 * `id` or `id2.global` is shared across processes (a request can start in one process and finish
 * in another); only `id2.local` is process-scoped.
 */
function asyncKey(ev: Obj, legacy: boolean): string | undefined {
  const id2 = isObj(ev.id2) ? ev.id2 : undefined
  const id = str(ev.id) ?? str(id2?.local) ?? str(id2?.global)
  if (id === undefined) return undefined
  const scope = id2 && id2.local !== undefined ? (str(ev.pid) ?? '') : ''
  const name = legacy ? (str(ev.name) ?? '') : ''
  return [scope, str(ev.cat) ?? '', str(ev.scope) ?? '', name, id].join('\u0000')
}

/**
 * Async slices: nestable `b`/`e` nest per key with a stack; legacy `S`/`T`/`F` pair up per key
 * with `T` steps kept as events. Begins never closed are state markers with no end: dropped
 * and counted, rather than shown as spans running to the end of time.
 */
function matchAsync(
  recs: Rec[],
  note: (u: Unmatched) => void,
): { slices: Slice[]; unmatchedEnds: number; unclosed: number } {
  const sorted = [...recs].sort((x, y) => x.ts - y.ts || x.pos - y.pos)
  const stacks = new Map<string, Slice[]>()
  const slices: Slice[] = []
  let unmatchedEnds = 0
  for (const { ev, pos, ts } of sorted) {
    const legacy = ev.ph === 'S' || ev.ph === 'T' || ev.ph === 'F'
    const key = asyncKey(ev, legacy)
    if (key === undefined) continue
    const stack = stacks.get(key) ?? []
    stacks.set(key, stack)
    if (ev.ph === 'b' || ev.ph === 'S') {
      const s = base(ev, pos, ts, ev.ph === 'b' ? 'b' : 'S')
      s.asyncId = str(ev.id) ?? str(isObj(ev.id2) ? (ev.id2.local ?? ev.id2.global) : undefined)
      const outer = stack[stack.length - 1]
      if (outer && ev.ph === 'b') s.parentId = outer.id
      stack.push(s)
      slices.push(s)
    } else if (ev.ph === 'T') {
      const open = stack[stack.length - 1]
      const args = isObj(ev.args) ? ev.args : {}
      if (open)
        open.steps.push({ name: str(args.step) ?? str(ev.name) ?? 'step', time: micros(ts), args })
    } else {
      const open = stack.pop()
      if (!open) {
        unmatchedEnds++
        note({ message: `${describe(ev, ts)} has no matching begin; skipped` })
        continue
      }
      open.end = Math.max(open.start, micros(ts))
      if (isObj(ev.args)) open.args = { ...open.args, ...ev.args }
    }
  }
  for (const s of slices) {
    if (s.end === null)
      note({
        message: `${s.phase} event "${s.name}" at ${s.start} µs (id ${s.asyncId ?? '?'}) was never closed; skipped`,
      })
  }
  const closed = slices.filter((s) => s.end !== null)
  const ids = new Set(closed.map((s) => s.id))
  for (const s of closed) if (s.parentId && !ids.has(s.parentId)) delete s.parentId
  return { slices: closed, unmatchedEnds, unclosed: slices.length - closed.length }
}

/**
 * Parent = innermost enclosing slice on the same thread. Sorting by start, then longer first,
 * then file order makes a stack sweep enough. Instants attach to the innermost open slice.
 */
function nest(
  slices: Slice[],
  instantRecs: Rec[],
): { instants: SliceResult['instants']; loose: LooseInstant[] } {
  const byThread = new Map<string, Slice[]>()
  for (const s of slices) push(byThread, `${s.pid}\u0000${s.tid}`, s)
  const instByThread = new Map<string, Rec[]>()
  for (const r of instantRecs) push(instByThread, threadKey(r.ev), r)
  const instants: SliceResult['instants'] = []
  const loose: LooseInstant[] = []
  const toLoose = (r: Rec): void => {
    const scope = r.ev.s === 'p' || r.ev.s === 'g' ? r.ev.s : 't'
    loose.push({
      pid: str(r.ev.pid) ?? '',
      tid: str(r.ev.tid) ?? '',
      scope,
      name: str(r.ev.name) ?? 'instant',
      time: micros(r.ts),
      args: isObj(r.ev.args) ? r.ev.args : {},
    })
  }
  const order = new Map(slices.map((s, i) => [s, i]))
  for (const [key, list] of byThread) {
    const endOf = (s: Slice): number => s.end ?? Number.MAX_SAFE_INTEGER
    list.sort((x, y) => x.start - y.start || endOf(y) - endOf(x) || order.get(x)! - order.get(y)!)
    const stack: Slice[] = []
    for (const s of list) {
      while (stack.length && !(endOf(s) <= endOf(stack[stack.length - 1]))) stack.pop()
      if (stack.length) s.parentId = stack[stack.length - 1].id
      stack.push(s)
    }
    const recs = instByThread.get(key) ?? []
    instByThread.delete(key)
    for (const r of recs) {
      const t = micros(r.ts)
      const host = r.ev.s === 'p' || r.ev.s === 'g' ? undefined : innermost(list, t)
      if (!host) {
        toLoose(r)
        continue
      }
      instants.push({
        sliceId: host.id,
        name: str(r.ev.name) ?? 'instant',
        time: t,
        args: isObj(r.ev.args) ? r.ev.args : {},
      })
    }
  }
  for (const recs of instByThread.values()) for (const r of recs) toLoose(r)
  return { instants, loose }
}

/** The latest-starting slice (sorted list) whose interval contains t — the innermost one. */
function innermost(sorted: Slice[], t: number): Slice | undefined {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid].start <= t) lo = mid + 1
    else hi = mid
  }
  for (let i = lo - 1; i >= 0 && lo - i <= 64; i--) {
    const s = sorted[i]
    if (s.start <= t && t <= (s.end ?? Number.MAX_SAFE_INTEGER)) return s
  }
  return undefined
}

/** Arguments as span attributes (`args.*`), kept as given. */
export function argsAttributes(args: Obj): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const [k, v] of Object.entries(args)) out[`args.${k}`] = v as Json
  return out
}
