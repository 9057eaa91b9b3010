/**
 * The corpus check behind `tracedeck corpus`: imports every file a `manifest.json` lists through
 * the real pipeline into a throw-away library and compares what tracedeck found with the facts
 * the manifest states (see the corpus README for their definitions). Facts the manifest leaves
 * out (or sets to null where null means "not applicable") are not checked.
 *
 * How tracedeck's model maps to the manifest's definitions:
 * - spans/roots/orphans: normalised spans; a root is a top-level span that is not a repaired
 *   orphan. Chrome async slices (`chrome.async`) are imported as spans but the manifest counts
 *   only X and B/E slices, so they are left out of Chrome's counts, as are the process, thread
 *   and async track spans the importer adds (`tracedeck.track`); a slice directly on a track is
 *   a root.
 * - errors: spans whose status is error or retry (the source marked them failed).
 * - llmSpans: spans with a model, stated token counts, or LLM message attributes
 *   (`llm.input_messages.*`, `gen_ai.prompt.N.*`, `gen_ai.input.messages`, `ai.prompt.messages`…).
 * - input/outputTokensNoRollup: the traces' totals (which skip roll-ups); null means no span
 *   states tokens. totalCost: the sum of stated (not estimated) span costs, roll-ups included.
 * - durations: µs in tracedeck, ms with 3 decimals in the manifest; a difference up to 1 µs
 *   (rounding of fractional inputs, and one Zipkin half whose server clock starts 1 µs before
 *   its client record) is accepted.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Handlers } from '../../main/core/library'
import type { Span, Trace } from '../../shared/model'
import { TRACK_ATTRIBUTE } from '../../shared/model'

/** One manifest entry (only the fields the check reads). */
export interface ManifestEntry {
  file: string
  format?: string
  traces?: number
  spans?: number
  roots?: number
  orphans?: number
  errors?: number
  llmSpans?: number
  inputTokensNoRollup?: number | null
  outputTokensNoRollup?: number | null
  totalCost?: number | null
  sessionId?: string | null
  traceDurationMs?: number | null
  longestSpan?: { name: string; durationMs: number } | null
  firstErrorSpan?: string | null
}

export interface FileResult {
  file: string
  ok: boolean
  format: string | null
  spans: number
  problems: string[]
}

const MESSAGE_KEY =
  /^(llm\.(input|output)_messages\.|gen_ai\.(prompt|completion)\.\d|gen_ai\.(input|output)\.messages$|ai\.prompt\.messages$)/

/** Reads manifest.json in `dir`. */
export function readManifest(dir: string): ManifestEntry[] {
  const text = readFileSync(join(dir, 'manifest.json'), 'utf8')
  const value = JSON.parse(text) as unknown
  const list = Array.isArray(value) ? value : (value as { files?: unknown }).files
  if (!Array.isArray(list))
    throw new Error(`${join(dir, 'manifest.json')} is not a list of file entries`)
  return list as ManifestEntry[]
}

interface Loaded {
  trace: Trace
  spans: Span[]
}

async function load(handlers: Handlers, id: string): Promise<Loaded> {
  const { trace } = await handlers.getTrace({ id })
  const spans: Span[] = []
  for (let i = 0; i < trace.spanCount; i++)
    spans.push(await handlers.getSpan({ traceId: id, index: i }))
  return { trace, spans }
}

const isLlm = (s: Span): boolean =>
  !!s.model ||
  s.inputTokens != null ||
  s.outputTokens != null ||
  Object.keys(s.attributes).some((k) => MESSAGE_KEY.test(k))

const closeMs = (a: number, b: number): boolean => Math.abs(a - b) <= 0.0011
const closeCost = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 + 1e-9 * Math.abs(b)

/** Compares the imported traces with one manifest entry; returns the problems found. */
export function compareFacts(
  entry: ManifestEntry,
  format: string | null,
  loaded: Loaded[],
): string[] {
  const problems: string[] = []
  const check = (
    field: string,
    expected: unknown,
    actual: unknown,
    same = Object.is(expected, actual),
  ): void => {
    if (!same)
      problems.push(`${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
  const isTrack = (s: Span | undefined): boolean => s?.attributes[TRACK_ATTRIBUTE] !== undefined
  const counted = (s: Span): boolean =>
    !isTrack(s) && !(format === 'chrome' && s.attributes['chrome.async'] === true)
  // A root: top-level, or directly on a track (the track is structure the source never had).
  const isRoot = (s: Span, all: Span[]): boolean =>
    s.parentIndex === -1 || isTrack(all[s.parentIndex])
  const roots = loaded.flatMap((l) =>
    l.spans.filter((s) => counted(s) && isRoot(s, l.spans) && !s.flags?.includes('orphan')),
  )
  const spans = loaded.flatMap((l) => l.spans).filter(counted)
  const failed = spans.filter((s) => s.status !== 'ok')
  if (entry.traces !== undefined) check('traces', entry.traces, loaded.length)
  if (entry.spans !== undefined) check('spans', entry.spans, spans.length)
  if (entry.roots !== undefined) check('roots', entry.roots, roots.length)
  if (entry.orphans !== undefined)
    check('orphans', entry.orphans, spans.filter((s) => s.flags?.includes('orphan')).length)
  if (entry.errors !== undefined) check('errors', entry.errors, failed.length)
  if (entry.llmSpans !== undefined) check('llmSpans', entry.llmSpans, spans.filter(isLlm).length)
  for (const [field, key] of [
    ['inputTokensNoRollup', 'inputTokens'],
    ['outputTokensNoRollup', 'outputTokens'],
  ] as const) {
    const expected = entry[field]
    if (expected === undefined) continue
    const stated = spans.some((s) => s[key] != null)
    const total = loaded.reduce((a, l) => a + l.trace[key], 0)
    check(field, expected, stated ? total : null)
  }
  if (entry.totalCost !== undefined) {
    const costs = spans
      .filter((s) => s.cost != null && !s.costEstimated)
      .map((s) => s.cost as number)
    const got = costs.length ? costs.reduce((a, b) => a + b, 0) : null
    check(
      'totalCost',
      entry.totalCost,
      got,
      entry.totalCost === null ? got === null : got !== null && closeCost(got, entry.totalCost),
    )
  }
  if (entry.sessionId !== undefined)
    check('sessionId', entry.sessionId, loaded.map((l) => l.trace.sessionId).find((x) => x) ?? null)
  if (entry.traceDurationMs != null && loaded.length === 1) {
    const got = loaded[0].trace.duration / 1000
    check('traceDurationMs', entry.traceDurationMs, got, closeMs(got, entry.traceDurationMs))
  }
  if (entry.longestSpan) {
    const max = Math.max(...spans.map((s) => s.duration))
    const names = spans.filter((s) => s.duration === max).map((s) => s.name)
    const want = entry.longestSpan
    const ok = closeMs(max / 1000, want.durationMs) && names.includes(want.name)
    check('longestSpan', want, { name: names[0], durationMs: max / 1000 }, ok)
  }
  if (entry.firstErrorSpan !== undefined) {
    const min = Math.min(...failed.map((s) => s.start))
    const names = failed.filter((s) => s.start === min).map((s) => s.name)
    const ok =
      entry.firstErrorSpan === null ? failed.length === 0 : names.includes(entry.firstErrorSpan)
    check('firstErrorSpan', entry.firstErrorSpan, names[0] ?? null, ok)
  }
  return problems
}

/** Imports one manifest file into the library behind `handlers` and compares it. */
export async function checkFile(
  handlers: Handlers,
  dir: string,
  entry: ManifestEntry,
  jobNo: number,
): Promise<FileResult> {
  const [report] = await handlers.importFiles({
    paths: [join(dir, entry.file)],
    jobId: `corpus-${jobNo}`,
  })
  if (!report || report.error) {
    return {
      file: entry.file,
      ok: false,
      format: report?.format ?? null,
      spans: 0,
      problems: [report?.error ?? 'no import report'],
    }
  }
  const loaded: Loaded[] = []
  for (const t of report.traces) loaded.push(await load(handlers, t.id))
  const problems = compareFacts(entry, report.format, loaded)
  const spans = loaded.reduce((a, l) => a + l.spans.length, 0)
  return { file: entry.file, ok: problems.length === 0, format: report.format, spans, problems }
}
