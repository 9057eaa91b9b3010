/**
 * The import pipeline for one file: read it from disk (hashing as it goes, reporting progress),
 * recognise a file imported before by its content hash, parse (formats.md §0 order; big files
 * stream through the unit splitter), detect the format by content, convert with that importer,
 * merge traces split across documents, normalise, and write everything in ONE transaction — a
 * failed or cancelled import leaves the library exactly as it was. Content problems never throw:
 * they come back as `report.error`.
 */
import { statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ImportReport, RawTrace, Repair, ReportCounts } from '../../../shared/model'
import { addCounts, reportCounts } from '../../../shared/import-report'
import type { Db } from '../store/connection'
import { TraceWriter } from '../store/trace-writer'
import { writeTransaction } from '../store/write-lock'
import { spanColumnsOf, spanTableFromColumns, storedSpanTable } from '../store/span-table'
import type { TraceDetail } from '../../../shared/api'
import type { PriceTable } from '../pricing/price-table'
import { ImportError, type ImportContext, type Importer } from './importer'
import { IMPORTERS, detectFormat, expectedFormats } from './registry'
import { parseDocument, sniffBinary } from './parse/parse-document'
import { nestingDepth } from './parse/json-fault'
import { bomEncoding, decodeText } from './parse/text-encoding'
import { ApiError } from '../../../shared/api'
import { normaliseTraces } from './normalise/normalise'
import { hasUsableTime } from './normalise/work-span'
import { storageMessage } from '../store/storage'
import { ImportCancelled, describeFsError, hashFile, readChunks } from './file-source'
import { boundedWarnings, type PreparedImport } from './prepared'
import { prepareStreamed } from './stream-import'
import { otlpImporter } from './formats/otlp'
import { mayBeOtlpProtobuf, protobufProblem, sniffOtlpProtobuf } from './formats/otlp/protobuf'

export type ImportPhase = 'reading' | 'waiting' | 'committing'

export interface ImportFileOptions {
  path: string
  /** Name shown in the report; defaults to the file's base name. */
  name?: string
  prices: PriceTable
  /** The library file (staging for streamed imports goes beside it); ':memory:' in tests. */
  dbPath?: string
  importers?: readonly Importer[]
  /** Read chunk size in bytes (tests use tiny ones). */
  chunkSize?: number
  /** Files larger than this many bytes are streamed rather than parsed whole. */
  streamThreshold?: number
  /** Head bytes the streamed path detects the format on first (tests use small ones). */
  headBytes?: number
  onProgress?(bytesDone: number, bytesTotal: number, phase: ImportPhase): void
  isCancelled?(): boolean
  /**
   * Show first, commit second: called once a file holding a single trace is parsed and
   * normalised, before the library commit starts, with what opening it needs (its detail and
   * its span table in binary form). The commit may still fail or be cancelled.
   */
  onPreview?(preview: ImportPreview): void
}

/** A parsed trace not yet in the library (see ImportFileOptions.onPreview). */
export interface ImportPreview {
  detail: TraceDetail
  /** The span table as shared/span-table-binary.ts encodes it (what getSpanColumns returns). */
  columns: Uint8Array
}

/** Files above this size stream (bounded memory) instead of being parsed as one string. */
export const DEFAULT_STREAM_THRESHOLD = 64 * 1024 * 1024

/** Repairs listed in one file report at most (every trace's full list is in its own report). */
const REPORT_REPAIR_LIMIT = 1000

interface CachedFile {
  id: number
  report: ImportReport
  intact: boolean
}

function findCached(db: Db, hash: string): CachedFile | undefined {
  const row = db.prepare('SELECT id, report FROM files WHERE hash = ?').get(hash) as
    { id: number; report: string } | undefined
  if (!row) return undefined
  const report = JSON.parse(row.report) as ImportReport
  const count = db
    .prepare('SELECT count(*) FROM traces WHERE file_id = ?')
    .pluck()
    .get(row.id) as number
  return { id: row.id, report, intact: count === report.traces.length }
}

/** Removes a file row whose traces were partly deleted, so its content can be imported afresh. */
function dropFile(db: Db, fileId: number): void {
  db.prepare(
    `DELETE FROM span_fts WHERE rowid IN
       (SELECT p.rowid FROM span_payloads p JOIN traces t ON t.id = p.trace_id WHERE t.file_id = ?)`,
  ).run(fileId)
  db.prepare('DELETE FROM files WHERE id = ?').run(fileId)
}


function safeDetect(value: unknown, importers: readonly Importer[], ctx: ImportContext) {
  try {
    return detectFormat(value, importers)
  } catch (err) {
    // A detector that throws is a bug in that importer; the file still gets a clear message.
    ctx.warn(`format detection failed: ${(err as Error).message}`)
    return null
  }
}

/** Converts parsed top-level values with the importer detected on the first one. */
export function convertValues(
  values: unknown[],
  importers: readonly Importer[],
  ctx: ImportContext,
) {
  const first = safeDetect(values[0], importers, ctx)
  if (!first) {
    throw new ImportError(
      `it is not a trace format tracedeck recognises. Expected one of: ${expectedFormats(importers)}`,
    )
  }
  const raws: RawTrace[] = []
  const combiner = first.importer.combine?.({ eager: false })
  const convert = (v: unknown) => {
    for (const t of first.importer.convert(v, ctx)) raws.push(t)
  }
  values.forEach((value, i) => {
    if (i > 0 && !first.importer.detect(value)) {
      ctx.warn(`value ${i + 1} is not ${first.importer.label}; it was skipped`)
      return
    }
    if (combiner) combiner.push(value, ctx).forEach(convert)
    else convert(value)
  })
  combiner?.end(ctx).forEach(convert)
  return { importer: first.importer, why: first.why, raws }
}

/** The whole-file path: one string, parsed per formats.md §0, everything in memory. */
async function prepareWhole(
  opts: ImportFileOptions,
  file: string,
  importers: readonly Importer[],
): Promise<PreparedImport> {
  const chunks: Buffer[] = []
  const hash = await readChunks(opts.path, (c) => chunks.push(c), {
    chunkSize: opts.chunkSize,
    isCancelled: opts.isCancelled,
    onChunk: (done) => opts.onProgress?.(done, Number.NaN, 'reading'),
  })
  const buf = Buffer.concat(chunks)
  chunks.length = 0
  // Binary OTLP (protobuf) is recognised by decoding it; it then goes the OTLP JSON way.
  const protobuf = importers.includes(otlpImporter) ? sniffOtlpProtobuf(buf) : null
  // UTF-16/32 text (by its byte-order mark) has NUL bytes but is not binary.
  const binary = protobuf || bomEncoding(buf) ? null : sniffBinary(buf.subarray(0, 8192))
  if (binary) throw new ImportError(protobufProblem(buf) ?? `it ${binary}`)
  const w = boundedWarnings()
  const importerRepairs: Repair[] = []
  const ctx: ImportContext = {
    file,
    warn: w.warn,
    repair(kind, message, spanId) {
      if (importerRepairs.length < REPORT_REPAIR_LIMIT)
        importerRepairs.push(spanId === undefined ? { kind, message } : { kind, message, spanId })
    },
  }
  let converted: ReturnType<typeof convertValues>
  let traces: ReturnType<typeof normaliseTraces>
  let text = ''
  try {
    if (protobuf) {
      const raws = protobuf.values.flatMap((v) => otlpImporter.convert(v, ctx))
      converted = { importer: otlpImporter, why: protobuf.why, raws }
    } else {
      text = decodeText(buf)
      const parsed = parseDocument(text)
      for (const m of parsed.warnings) w.warn(m)
      converted = convertValues(parsed.values, importers, ctx)
    }
    if (opts.isCancelled?.()) throw new ImportCancelled()
    traces = normaliseTraces(converted.raws, {
      format: converted.importer.format,
      file,
      fileHash: hash,
      prices: opts.prices,
    })
  } catch (err) {
    if (text && err instanceof RangeError && /call stack/i.test(err.message)) {
      const deep = nestingDepth(text)
      throw new ImportError(
        `its values nest ${deep.depth} levels deep (line ${deep.line}, column ${deep.column}), too deep to read`,
      )
    }
    throw err
  }
  const { importer, why, raws } = converted
  w.finish()
  return {
    hash,
    importer,
    why,
    warnings: w.warnings,
    warningCount: w.count(),
    repairs: importerRepairs,
    traces,
    timed: raws.some((r) => r.spans.some(hasUsableTime)),
    spanColumns: (i) => spanColumnsOf(traces[i].spans),
    commit(writer, fileId, check) {
      for (const t of traces) {
        check()
        writer.insertNormalised(fileId, t)
      }
    },
    dispose: () => undefined,
  }
}

/** Longest failure message kept (one line; a longer one is an echo of content, not an account). */
const MAX_MESSAGE = 400

/** What went wrong, for a person: ImportErrors as they are, anything else as an unreadable shape. */
function describeFailure(err: unknown): string {
  if (err instanceof ImportError || err instanceof ApiError) return err.message
  if (err instanceof RangeError && /call stack/i.test(err.message))
    return 'its values nest too deeply to read'
  // An importer met a value of a type it did not expect (null where an object should be, …).
  if (err instanceof TypeError || err instanceof RangeError)
    return `it could not be read as a trace: a value has an unexpected type or shape (${err.message})`
  return err instanceof Error ? err.message : String(err) // storage and file system: as they say
}

function failure(file: string, err: unknown): ImportReport {
  let message =
    err instanceof ImportCancelled
      ? 'Import cancelled'
      : `Cannot import ${file}: ${describeFailure(err).replace(/\s*[\r\n]+\s*/g, ' ')}`
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE - 1)}…`
  return { file, format: null, traces: [], repairs: [], warnings: [], error: message }
}

async function startsLikeProtobuf(path: string): Promise<boolean> {
  const fh = await open(path, 'r')
  try {
    const head = Buffer.alloc(8)
    const { bytesRead } = await fh.read(head, 0, head.length, 0)
    return mayBeOtlpProtobuf(head.subarray(0, bytesRead))
  } finally {
    await fh.close()
  }
}

/** Imports one file into the library; never throws for bad content (see `report.error`). */
export async function importFile(db: Db, opts: ImportFileOptions): Promise<ImportReport> {
  const file = opts.name ?? basename(opts.path)
  const importers = opts.importers ?? IMPORTERS
  let size: number
  try {
    const st = statSync(opts.path)
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' })
    size = st.size
  } catch (err) {
    return failure(file, describeFsError(err))
  }
  if (size === 0) return failure(file, new ImportError('the file is empty'))
  const onProgress = (done: number, phase: ImportPhase = 'reading') =>
    opts.onProgress?.(done, size, phase)
  const check = () => {
    if (opts.isCancelled?.()) throw new ImportCancelled()
  }

  let prepared: PreparedImport | null = null
  try {
    // Only a file whose size matches one already imported can be a re-import: hash it first
    // and answer from the library without parsing.
    if (db.prepare('SELECT 1 FROM files WHERE size = ? LIMIT 1').get(size)) {
      const cached = findCached(
        db,
        await hashFile(opts.path, { chunkSize: opts.chunkSize, isCancelled: opts.isCancelled }),
      )
      if (cached?.intact) {
        onProgress(size)
        return { ...cached.report, file, cached: true }
      }
    }

    const progressOpts = { ...opts, onProgress: (done: number) => onProgress(done) }
    // Protobuf files are decoded whole (the streamed path reads JSON text only).
    if (
      size > (opts.streamThreshold ?? DEFAULT_STREAM_THRESHOLD) &&
      !(await startsLikeProtobuf(opts.path))
    ) {
      prepared = await prepareStreamed({
        path: opts.path,
        file,
        size,
        dbPath: opts.dbPath ?? ':memory:',
        prices: opts.prices,
        importers,
        chunkSize: opts.chunkSize,
        headBytes: opts.headBytes,
        isCancelled: opts.isCancelled,
        onChunk: (done) => onProgress(done),
      })
    }
    prepared ??= await prepareWhole(progressOpts, file, importers)
    check()
    if (prepared.traces.length === 0)
      throw new ImportError(`it is ${prepared.importer.label} but holds no spans`)
    // Some spans without times are repaired (placed by their neighbours); with none at all the
    // whole trace would be invented at 1970, so the file is refused instead.
    if (!prepared.timed)
      throw new ImportError(
        `it is ${prepared.importer.label} but no span has a usable start time (timestamps missing or unreadable)`,
      )

    const repairs: Repair[] = [...(prepared.repairs ?? [])]
    const warnings = [...prepared.warnings]
    // Counted once: the importer's own repairs and warnings, plus every trace's totals.
    let counts: ReportCounts = {
      repaired: repairs.length,
      kept: 0,
      warnings: prepared.warningCount ?? prepared.warnings.length,
    }
    for (const t of prepared.traces) {
      for (const r of t.report.repairs) if (repairs.length < REPORT_REPAIR_LIMIT) repairs.push(r)
      for (const w of t.report.warnings) warnings.push(`${t.trace.name}: ${w}`)
      counts = addCounts(counts, reportCounts(t.report))
    }
    const report: ImportReport = {
      file,
      format: prepared.importer.format,
      detectedBy: prepared.why,
      traces: prepared.traces.map((t) => ({
        id: t.trace.id,
        name: t.trace.name,
        spanCount: t.trace.spanCount,
      })),
      repairs,
      warnings,
      counts,
    }
    let previewed: { traceId: string; columns: Uint8Array } | undefined
    if (opts.onPreview && prepared.traces.length === 1) {
      const { trace, report: traceReport } = prepared.traces[0]
      const columns = storedSpanTable(
        spanTableFromColumns(trace.id, trace.start, prepared.spanColumns(0)),
      )
      previewed = { traceId: trace.id, columns }
      opts.onPreview({
        detail: {
          trace,
          report: {
            traceId: trace.id,
            repairs: traceReport.repairs,
            warnings: traceReport.warnings,
          },
        },
        columns,
      })
    }
    const ready = prepared
    writeTransaction(
      db,
      () => {
        onProgress(size, 'committing') // the write lock is ours now
        const writer = new TraceWriter(db)
        if (previewed) writer.reuseSpanTable(previewed.traceId, previewed.columns)
        const stale = findCached(db, ready.hash)
        if (stale) dropFile(db, stale.id)
        const fileId = writer.insertFile({
          hash: ready.hash,
          name: file,
          path: opts.path,
          size,
          format: ready.importer.format,
          detectedBy: ready.why,
          report,
        })
        ready.commit(writer, fileId, check, (done) => onProgress(done, 'committing'))
        writer.flush()
      },
      { onWait: () => onProgress(0, 'waiting') },
    )
    return report
  } catch (err) {
    // A full disk or a read-only library (finding 10): one plain line naming the path.
    const storage = storageMessage(err, opts.dbPath ?? ':memory:')
    return failure(file, storage ? new ImportError(storage) : err)
  } finally {
    prepared?.dispose()
  }
}
