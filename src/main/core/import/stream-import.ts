/**
 * The streamed parse path, for files too big to hold as one string: the head decides the layout
 * (a sequence of documents, or one document whose format is detected on a closed-off probe of
 * its head), then the file streams through the unit splitter. Each unit is JSON.parsed and
 * converted on its own; only the compact structural fields of spans stay in memory (for step
 * ordering), and payload rows wait in a spool on disk until every span's place is known.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import type { RawTrace } from '../../../shared/model'
import { payloadRow } from '../store/trace-writer'
import type { PriceTable } from '../pricing/price-table'
import { ImportError, type ImportContext, type Importer } from './importer'
import {
  copyMeta,
  mergeMeta,
  planWork,
  type TraceMeta,
  type TracePlan,
} from './normalise/normalise'
import { hasUsableTime, toWorkSpan, type WorkSpan } from './normalise/work-span'
import { looksMultiDocument, probeHead } from './parse/probe'
import { readSkeleton } from './parse/skeleton'
import { sniffBinary } from './parse/parse-document'
import { bomEncoding } from './parse/text-encoding'
import { UnitSplitter, type PathStep } from './parse/unit-splitter'
import { detectFormat, expectedFormats } from './registry'
import { readChunks, type ReadOptions } from './file-source'
import { boundedWarnings, type PreparedImport } from './prepared'
import { PackedSpans, stringInterner } from './stream-import-packed'
import { PayloadSpool, spoolPath } from './stream-import-spool'

export interface StreamOptions extends ReadOptions {
  path: string
  file: string
  size: number
  dbPath: string
  prices: PriceTable
  importers: readonly Importer[]
  /** Bytes of the head to detect on first (tests use small heads). */
  headBytes?: number
}

const HEAD_SIZES = [1 << 20, 16 << 20]

/** Above this, a file cannot be held as one string (V8 stops at ~512 MB): it must stream. */
export const WHOLE_FILE_LIMIT = 480 * 1024 * 1024

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = readSync(fd, buf, 0, bytes, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

interface Plan {
  importer: Importer
  why: string
  path: PathStep[]
  convert(value: unknown, context: Record<string, unknown>[], ctx: ImportContext): RawTrace[]
  /** Converts what the importer's combiner (or collector) still holds at the end of the file. */
  end?(ctx: ImportContext): Iterable<RawTrace>
}

/** The plan of an importer's `stream` for a file whose head probes as `head`. */
function streamPlan(importer: Importer, why: string, head: unknown): Plan | null {
  const stream = importer.stream
  if (!stream) return null
  const path = typeof stream.path === 'function' ? stream.path(head) : stream.path
  if (stream.collect) {
    const c = stream.collect()
    return {
      importer,
      why,
      path,
      convert(value, context, ctx) {
        c.unit(value, context, ctx)
        return []
      },
      end: (ctx) => c.end(ctx),
    }
  }
  return { importer, why, path, convert: stream.convertUnit }
}

function firstDocument(head: Buffer): unknown {
  let first: string | undefined
  const s = new UnitSplitter([], {
    unit: (t) => {
      first ??= t
    },
  })
  s.push(head)
  return first === undefined ? undefined : JSON.parse(first)
}

/** Chooses the importer and the unit path from the file's head; null when the file needs a whole parse. */
export function planStream(
  path: string,
  size: number,
  importers: readonly Importer[],
  headBytes?: number,
): Plan | null {
  const sizes = headBytes ? [headBytes, ...HEAD_SIZES] : HEAD_SIZES
  for (const bytes of sizes) {
    const head = readHead(path, Math.min(bytes, size))
    if (bytes === sizes[0]) {
      const utf = bomEncoding(head)
      if (utf)
        throw new ImportError(
          `it is ${utf.toUpperCase()} text, which tracedeck reads only in files small enough to read whole (64 MB); convert it to UTF-8 first (e.g. iconv -f ${utf.toUpperCase()} -t UTF-8)`,
        )
      const binary = sniffBinary(head.subarray(0, 8192))
      if (binary) throw new ImportError(`it ${binary}`)
    }
    if (looksMultiDocument(head)) {
      const det = detectFormat(firstDocument(head), importers)
      if (!det) break
      // Records split across documents (LangSmith posts and patches) are put together first.
      const combiner = det.importer.combine?.({ eager: true })
      const convertAll = (values: unknown[], ctx: ImportContext) =>
        values.flatMap((v) => det.importer.convert(v, ctx))
      return {
        importer: det.importer,
        why: `${det.why} (one document per line or object)`,
        path: [],
        convert(value, _context, ctx) {
          if (!det.importer.detect(value)) {
            ctx.warn(`a document in the file is not ${det.importer.label}; it was skipped`)
            return []
          }
          return combiner
            ? convertAll(combiner.push(value, ctx), ctx)
            : det.importer.convert(value, ctx)
        },
        end: combiner ? (ctx) => convertAll(combiner.end(ctx), ctx) : undefined,
      }
    }
    const probe = probeHead(head)
    if (probe && 'error' in probe) throw new ImportError(`it is not valid JSON (${probe.error})`)
    const det = probe === null ? null : detectFormat(probe.value, importers)
    if (det) {
      const streamed = streamPlan(det.importer, det.why, probe!.value)
      if (!streamed) {
        if (size <= WHOLE_FILE_LIMIT) return null
        throw new ImportError(
          `it is ${det.importer.label} of ${Math.round(size / 2 ** 20)} MB; that format can only be read whole, and files over ${WHOLE_FILE_LIMIT / 2 ** 20} MB cannot be`,
        )
      }
      return streamed
    }
    if (head.length >= size) break
  }
  // The head ended inside a big field (a huge trace-level input before the spans): detect on
  // the file's skeleton, its structure with long strings cut, wherever that field sits.
  const skeleton = size > sizes[sizes.length - 1] ? probeHead(readSkeleton(path)) : null
  const det = skeleton && 'value' in skeleton ? detectFormat(skeleton.value, importers) : null
  const streamed =
    det && skeleton && 'value' in skeleton
      ? streamPlan(det.importer, det.why, skeleton.value)
      : null
  if (streamed) return streamed
  // Small enough to parse whole: the whole parse gives the definitive answer.
  if (size <= WHOLE_FILE_LIMIT && (det || skeleton)) return null
  throw new ImportError(
    `it is not a trace format tracedeck recognises. Expected one of: ${expectedFormats(importers)}`,
  )
}

/** A trace's plan as the commit needs it: its spans packed (see stream-import-packed.ts). */
interface PackedPlan extends Omit<TracePlan, 'spans'> {
  spans: PackedSpans
}

/** Accumulates streamed trace fragments: merged metadata and structural spans per trace. */
class Accumulator {
  private readonly traces = new Map<string, { meta: TraceMeta; work: WorkSpan[] }>()
  private readonly intern = stringInterner()
  /** Spans seen so far; a span's arrival number is its position in this count. */
  seq = 0
  /** Some span seen so far has a usable time. */
  timed = false

  add(raws: RawTrace[]): void {
    const intern = this.intern
    for (const raw of raws) {
      let t = this.traces.get(raw.sourceTraceId)
      if (!t) {
        t = { meta: copyMeta(raw), work: [] }
        this.traces.set(raw.sourceTraceId, t)
      } else {
        mergeMeta(t.meta, raw)
      }
      for (const s of raw.spans) {
        if (!this.timed && hasUsableTime(s)) this.timed = true
        const w = toWorkSpan(s, this.seq++)
        // One copy of each repeated string, not one per span, while the file streams by.
        w.name = intern(w.name)
        w.kind = intern(w.kind)
        if (w.service !== undefined) w.service = intern(w.service)
        if (w.model !== undefined) w.model = intern(w.model)
        if (w.provider !== undefined) w.provider = intern(w.provider)
        t.work.push(w)
        if (t.meta.sessionId === undefined && s.sessionId) t.meta.sessionId = s.sessionId
        if (t.meta.userId === undefined && s.userId) t.meta.userId = s.userId
      }
    }
  }

  plans(ctx: Parameters<typeof planWork>[2]): PackedPlan[] {
    const out: PackedPlan[] = []
    for (const t of this.traces.values()) {
      if (t.work.length) {
        const { spans, ...plan } = planWork(t.meta, t.work, ctx)
        out.push({ ...plan, spans: new PackedSpans(spans, this.intern) })
      }
      t.work = [] // the plan holds what is needed from here on
    }
    return out
  }
}

function parseUnit(text: string, offset: number): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new ImportError(
      `invalid JSON in the value starting at byte ${offset}: ${(err as Error).message}`,
    )
  }
}

/**
 * Streams a file through the chosen plan once: each unit is parsed and converted, its spans'
 * structure kept in memory (to compute step order) and their payload rows appended to a spool
 * on disk (see stream-import-spool.ts). The commit — inside the import transaction — writes each
 * span with its payloads, read back from the spool, straight to its place. Returns null when the
 * format needs a whole parse.
 */
export async function prepareStreamed(opts: StreamOptions): Promise<PreparedImport | null> {
  const plan = planStream(opts.path, opts.size, opts.importers, opts.headBytes)
  if (!plan) return null
  const spool = new PayloadSpool(spoolPath(opts.dbPath))
  try {
    const prepared = await spoolAndPlan(plan, spool, opts)
    if (!prepared) spool.dispose()
    return prepared
  } catch (err) {
    spool.dispose()
    throw err
  }
}

async function spoolAndPlan(
  plan: Plan,
  spool: PayloadSpool,
  opts: StreamOptions,
): Promise<PreparedImport | null> {
  const w = boundedWarnings()
  const ctx: ImportContext = { file: opts.file, warn: w.warn }
  const acc = new Accumulator()
  const splitter = new UnitSplitter(plan.path, {
    unit: (text, context, offset) => {
      const raws = plan.convert(parseUnit(text, offset), context, ctx)
      acc.add(raws)
      for (const raw of raws) for (const s of raw.spans) spool.put(payloadRow(s))
    },
  })
  const hash = await readChunks(opts.path, (chunk) => splitter.push(chunk), opts)
  // As in a whole-file parse (formats.md §0 step 3): an array, or Chrome's {"traceEvents": [,
  // cut short of its closing bracket is read up to its last whole value.
  const closers = splitter.end({
    unclosed: (c) => c === ']' || (plan.importer.format === 'chrome' && c === ']}'),
  })
  if (closers) w.warn(`the closing "${closers}" was missing`)
  if (plan.end) {
    // One fragment at a time: a collector's raw spans never all exist at once.
    for (const raw of plan.end(ctx)) {
      acc.add([raw])
      for (const s of raw.spans) spool.put(payloadRow(s))
    }
  }
  spool.finish()
  if (splitter.units === 0) {
    // The document's layout is not the one the importer streams (a wrapper object, say): a file
    // that fits in one string is parsed whole instead.
    if (opts.size <= WHOLE_FILE_LIMIT) return null
    const where = plan.path.length ? ` at ${plan.path.join('.')}` : ''
    throw new ImportError(`it looks like ${plan.importer.label} but holds no spans${where}`)
  }
  const total = acc.seq
  const plans = acc.plans({
    format: plan.importer.format,
    file: opts.file,
    fileHash: hash,
    prices: opts.prices,
  })
  w.finish()
  // Where each arriving span goes: its trace and step (-1: merged into another record).
  const traceOf = new Int32Array(total).fill(-1)
  const stepOf = new Int32Array(total)
  plans.forEach((p, t) => {
    for (let i = 0; i < p.src.length; i++) {
      traceOf[p.src[i]] = t
      stepOf[p.src[i]] = i
    }
  })

  return {
    hash,
    importer: plan.importer,
    why: plan.why,
    warnings: w.warnings,
    warningCount: w.count(),
    traces: plans.map((p) => ({ trace: p.trace, report: p.report })),
    timed: acc.timed,
    spanColumns: (i) => plans[i].spans.columns(),
    commit(writer, fileId, check, progress) {
      for (const p of plans) {
        writer.insertTrace(fileId, p.trace, p.report)
        writer.insertSpanTable(p.trace, () => p.spans.columns())
      }
      // Spool bytes read are reported as the share of the file they stand for.
      const scale = spool.bytes > 0 ? opts.size / spool.bytes : 0
      spool.replay(
        (row, k) => {
          const t = traceOf[k]
          if (t < 0) return
          const p = plans[t]
          writer.insertSpan(p.trace.id, p.spans.span(stepOf[k]), row)
        },
        (done) => {
          check()
          progress(Math.round(done * scale))
        },
      )
    },
    dispose: () => spool.dispose(),
  }
}
