/**
 * The import pipeline for one file: read it from disk (hashing as it goes, reporting progress),
 * recognise a file imported before by its content hash, parse (formats.md §0 order), detect the
 * format by content, convert with that importer, merge traces split across documents, normalise,
 * and write everything in ONE transaction — a failed or cancelled import leaves the library
 * exactly as it was. Content problems never throw: they come back as `report.error`.
 */
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import type { ImportReport, RawTrace, Repair } from '../../../shared/model'
import type { Db } from '../store/connection'
import { TraceWriter } from '../store/trace-writer'
import type { PriceTable } from '../pricing/price-table'
import { ImportError, type ImportContext, type Importer } from './importer'
import { IMPORTERS, detectFormat, expectedFormats } from './registry'
import { parseDocument, sniffBinary } from './parse/parse-document'
import { normaliseTraces } from './normalise/normalise'
import { ImportCancelled, describeFsError, hashFile, readChunks } from './file-source'

export type ImportPhase = 'reading' | 'committing'

export interface ImportFileOptions {
  path: string
  /** Name shown in the report; defaults to the file's base name. */
  name?: string
  prices: PriceTable
  importers?: readonly Importer[]
  /** Read chunk size in bytes (tests use tiny ones). */
  chunkSize?: number
  onProgress?(bytesDone: number, bytesTotal: number, phase: ImportPhase): void
  isCancelled?(): boolean
}

/** Repairs listed in one file report at most (every trace's full list is in its own report). */
const REPORT_REPAIR_LIMIT = 1000

interface CachedFile {
  id: number
  report: ImportReport
  intact: boolean
}

function findCached(db: Db, hash: string): CachedFile | undefined {
  const row = db.prepare('SELECT id, report FROM files WHERE hash = ?').get(hash) as { id: number; report: string } | undefined
  if (!row) return undefined
  const report = JSON.parse(row.report) as ImportReport
  const count = db.prepare('SELECT count(*) FROM traces WHERE file_id = ?').pluck().get(row.id) as number
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

function decodeUtf8(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf)
  } catch (err) {
    throw new ImportError(`it is not UTF-8 text (${(err as Error).message})`)
  }
}

/** Converts parsed top-level values with the detected importer. */
function convertValues(values: unknown[], importers: readonly Importer[], ctx: ImportContext) {
  const first = safeDetect(values[0], importers, ctx)
  if (!first) {
    throw new ImportError(`it is not a trace format tracedeck recognises. Expected one of: ${expectedFormats(importers)}`)
  }
  const raws: RawTrace[] = []
  values.forEach((value, i) => {
    if (i > 0 && !first.importer.detect(value)) {
      ctx.warn(`value ${i + 1} is not ${first.importer.label}; it was skipped`)
      return
    }
    for (const t of first.importer.convert(value, ctx)) raws.push(t)
  })
  return { importer: first.importer, why: first.why, raws }
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

function failure(file: string, err: unknown, format: string | null = null): ImportReport {
  const message =
    err instanceof ImportCancelled
      ? 'Import cancelled'
      : err instanceof ImportError
        ? `Cannot import ${file}: ${err.message}`
        : `Cannot import ${file}: ${(err as Error)?.message ?? String(err)}`
  return { file, format, traces: [], repairs: [], warnings: [], error: message }
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
  const progress = (done: number) => opts.onProgress?.(done, size, 'reading')
  const readOpts = { chunkSize: opts.chunkSize, isCancelled: opts.isCancelled }

  try {
    // Only a file whose size matches one already imported can be a re-import: hash it first
    // and answer from the library without parsing.
    const sameSize = db.prepare('SELECT 1 FROM files WHERE size = ? LIMIT 1').get(size)
    if (sameSize) {
      const hash = await hashFile(opts.path, readOpts)
      const cached = findCached(db, hash)
      if (cached?.intact) {
        progress(size)
        return { ...cached.report, file, cached: true }
      }
    }

    const chunks: Buffer[] = []
    const hash = await readChunks(opts.path, (c) => chunks.push(c), { ...readOpts, onChunk: progress })
    const buf = Buffer.concat(chunks)
    chunks.length = 0
    const binary = sniffBinary(buf.subarray(0, 8192))
    if (binary) throw new ImportError(`it ${binary}`)
    const warnings: string[] = []
    const ctx: ImportContext = { file, warn: (m) => warnings.push(m) }
    const parsed = parseDocument(decodeUtf8(buf))
    warnings.push(...parsed.warnings)
    const { importer, why, raws } = convertValues(parsed.values, importers, ctx)
    if (opts.isCancelled?.()) throw new ImportCancelled()
    const traces = normaliseTraces(raws, { format: importer.format, file, fileHash: hash, prices: opts.prices })
    if (traces.length === 0) throw new ImportError(`it is ${importer.label} but holds no spans`)

    const repairs: Repair[] = []
    for (const t of traces) {
      for (const r of t.report.repairs) if (repairs.length < REPORT_REPAIR_LIMIT) repairs.push(r)
      for (const w of t.report.warnings) warnings.push(`${t.trace.name}: ${w}`)
    }
    const report: ImportReport = {
      file,
      format: importer.format,
      detectedBy: why,
      traces: traces.map((t) => ({ id: t.trace.id, name: t.trace.name, spanCount: t.trace.spanCount })),
      repairs,
      warnings,
    }
    opts.onProgress?.(size, size, 'committing')
    const writer = new TraceWriter(db)
    db.transaction(() => {
      const stale = findCached(db, hash)
      if (stale) dropFile(db, stale.id)
      const fileId = writer.insertFile({
        hash,
        name: file,
        path: opts.path,
        size,
        format: importer.format,
        detectedBy: why,
        report,
      })
      for (const t of traces) {
        if (opts.isCancelled?.()) throw new ImportCancelled()
        writer.insertNormalised(fileId, t)
      }
    })()
    return report
  } catch (err) {
    return failure(file, err)
  }
}
