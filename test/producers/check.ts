/**
 * The checker: imports a producer's file into a fresh library through the real pipeline (whole
 * file, and streamed), then compares what tracedeck shows with what the producer did: the facts
 * recorded on the producer side (traces, spans, parent links, errors, session, tags) and the
 * model calls the fake server answered (LLM spans, tokens, models, the messages of every call).
 * Returns every difference as one readable line; no difference means the import is faithful.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChatMessage, ImportReport, Span, Trace } from '../../src/shared/model'
import { openDatabase } from '../../src/main/core/store/connection'
import { importFile } from '../../src/main/core/import/pipeline'
import { readSpan, readTraceDetail } from '../../src/main/core/store/trace-queries'
import { parsePriceTable } from '../../src/main/core/pricing/price-table'
import type { ModelCall } from '../fixtures/fake-model-server'

export interface ProducerFacts {
  traces: {
    traceId: string
    marker: string
    sessionId?: string
    tags?: string[]
    scores?: string[]
  }[]
  spans: { traceId: string; id: string; parentId: string | null; name: string; error: boolean }[]
  files: string[]
}

export interface Imported {
  report: ImportReport
  traces: { trace: Trace; spans: Span[] }[]
}

const prices = parsePriceTable('{"models":{}}', 'none')

/** Imports one file into a new library; `streamed` forces the streamed path. */
export async function importForCheck(path: string, streamed: boolean): Promise<Imported> {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-producers-'))
  const dbPath = join(dir, 'library.db')
  const db = openDatabase(dbPath)
  try {
    const report = await importFile(db, {
      path,
      prices,
      dbPath,
      ...(streamed ? { streamThreshold: 0 } : {}),
    })
    if (report.error) throw new Error(report.error)
    const traces = report.traces.map((r) => {
      const detail = readTraceDetail(db, r.id)!
      const spans: Span[] = []
      for (let i = 0; i < detail.trace.spanCount; i++) spans.push(readSpan(db, r.id, i)!)
      return { trace: detail.trace, spans }
    })
    return { report, traces }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const textOf = (m: ChatMessage): string =>
  m.text ??
  (m.parts ?? [])
    .map((p) => (p.type === 'text' || p.type === 'tool_result' ? (p.text ?? '') : ''))
    .join('')

const sorted = <T>(xs: T[]): T[] => [...xs].sort()

/** JSON text compared by value: a tool result the file holds as an object reads back pretty-printed. */
function canonical(text: string): string {
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : text
  } catch {
    return text
  }
}

/**
 * What a producer itself does not write down, so no importer can show it (each use says why).
 * Everything else the fake server answered must be in the import.
 */
export interface CheckOptions {
  /** The producer writes no span for a call the server refused. */
  failedCallsUnrecorded?: boolean
  /**
   * The producer does not write the usage the server streamed (none, or its own estimate):
   * the tokens of a streamed call's span are not compared (the rest of the trace's are).
   */
  streamedUsageUnchecked?: boolean
}

/** Every difference between the import and the producer's facts and model calls. */
export function compare(
  facts: ProducerFacts,
  calls: ModelCall[],
  got: Imported,
  opts: CheckOptions = {},
): string[] {
  const out: string[] = []
  const bySource = new Map(got.traces.map((t) => [t.trace.sourceTraceId, t]))
  const producerTraces = new Set(facts.spans.map((s) => s.traceId))
  if (got.traces.length !== producerTraces.size)
    out.push(`traces: ${got.traces.length} imported, ${producerTraces.size} produced`)
  for (const ft of facts.traces) {
    const t = bySource.get(ft.traceId)
    const where = `trace ${ft.marker}`
    if (!t) {
      out.push(`${where}: not imported (source id ${ft.traceId})`)
      continue
    }
    const spans = facts.spans.filter((s) => s.traceId === ft.traceId)
    if (t.spans.length !== spans.length)
      out.push(`${where}: ${t.spans.length} spans, produced ${spans.length}`)
    const links = (xs: { id: string; parentId: string | null }[]) =>
      sorted(xs.map((s) => `${s.id}<${s.parentId ?? ''}`))
    const gotLinks = links(t.spans)
    const wantLinks = links(spans)
    const missing = wantLinks.filter((l) => !gotLinks.includes(l))
    if (missing.length)
      out.push(`${where}: parent links differ, e.g. ${missing.slice(0, 3).join(', ')}`)
    const gotErr = sorted(t.spans.filter((s) => s.status !== 'ok').map((s) => s.id))
    const wantErr = sorted(spans.filter((s) => s.error).map((s) => s.id))
    if (gotErr.join() !== wantErr.join())
      out.push(`${where}: error spans ${gotErr.length}, produced ${wantErr.length}`)

    const mine = calls.filter(
      (c) => c.marker === ft.marker && !(opts.failedCallsUnrecorded && c.status !== 200),
    )
    const llm = t.spans
      .filter((s) => s.kind === 'llm')
      .sort((a, b) => a.start - b.start || a.index - b.index)
    if (llm.length !== mine.length)
      out.push(`${where}: ${llm.length} LLM spans, ${mine.length} model calls`)
    let wantIn = 0
    let wantOut = 0
    mine.forEach((c, i) => {
      if (opts.streamedUsageUnchecked && c.stream) {
        // Whatever the producer wrote for this call counts as expected.
        wantIn += llm[i]?.inputTokens ?? 0
        wantOut += llm[i]?.outputTokens ?? 0
      } else if (c.usage) {
        wantIn += c.usage.input
        wantOut += c.usage.output
      }
    })
    if (t.trace.inputTokens !== wantIn || t.trace.outputTokens !== wantOut)
      out.push(
        `${where}: tokens ${t.trace.inputTokens}/${t.trace.outputTokens}, served ${wantIn}/${wantOut}`,
      )
    const wantModels = sorted([...new Set(mine.map((c) => c.model))])
    const gotModels = sorted(t.trace.models)
    if (!wantModels.every((m) => gotModels.some((g) => g === m || g.startsWith(`${m}-`))))
      out.push(`${where}: models [${gotModels}], called [${wantModels}]`)
    if ((ft.sessionId ?? undefined) !== t.trace.sessionId)
      out.push(
        `${where}: session ${t.trace.sessionId ?? '(none)'}, set ${ft.sessionId ?? '(none)'}`,
      )
    for (const tag of ft.tags ?? [])
      if (!t.trace.tags.includes(tag))
        out.push(`${where}: tag ${tag} missing (tags [${t.trace.tags}])`)

    llm.forEach((s, i) => {
      const c = mine[i]
      if (!c) return
      const at = `${where} LLM call ${i + 1}`
      const want = c.input.map((m) => canonical(m.text)).filter((x) => x !== '')
      const have = (s.input?.messages ?? [])
        .map((m) => canonical(textOf(m)))
        .filter((x) => x !== '')
      if (want.join('\u0001') !== have.join('\u0001'))
        out.push(
          `${at}: input messages [${have.map((x) => JSON.stringify(x.slice(0, 40)))}], sent [${want.map((x) => JSON.stringify(x.slice(0, 40)))}]`,
        )
      if (c.output?.text !== undefined) {
        const said = (s.output?.messages ?? []).map(textOf).join('')
        if (said !== c.output.text)
          out.push(
            `${at}: output ${JSON.stringify(said)}, answered ${JSON.stringify(c.output.text)}`,
          )
      } else if (c.output?.toolCalls) {
        const names = (s.output?.messages ?? []).flatMap((m) =>
          (m.toolCalls ?? []).map((x) => x.name),
        )
        if (names.join() !== c.output.toolCalls.join())
          out.push(`${at}: tool calls [${names}], answered [${c.output.toolCalls}]`)
      }
    })
  }
  const noisy = got.report.repairs.filter((r) => r.kind !== 'missing-end')
  if (noisy.length)
    out.push(
      `repairs on a consistent file: ${noisy.length} (${[...new Set(noisy.map((r) => r.kind))]}), e.g. ${noisy[0].message}`,
    )
  return out
}
