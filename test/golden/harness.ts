/**
 * The golden harness (after speedscope's): every generated fixture is checked three ways —
 * (a) its normalised dump against a reviewed golden file, (b) detection from content alone (a
 * file name with no extension, and the registry on the parsed value), and (c) export to
 * tracedeck format v1 and re-import giving the same normalised traces.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect } from 'vitest'
import type { ImportReport, Span, Trace } from '../../src/shared/model'
import { createLibrary, type Library } from '../../src/main/core/library-service'
import { exportFromLibrary } from '../../src/main/core/export/export-traces'
import { parseDocument } from '../../src/main/core/import/parse/parse-document'
import { detectFormat } from '../../src/main/core/import/registry'
import { importFile } from '../../src/main/core/import/pipeline'
import { openDatabase } from '../../src/main/core/store/connection'
import { readSpan, readTraceDetail } from '../../src/main/core/store/trace-queries'
import { loadPriceTable } from '../../src/main/core/pricing/price-table'

export interface Loaded {
  trace: Trace
  spans: Span[]
}

export interface Imported {
  report: ImportReport
  traces: Loaded[]
}

let n = 0

/** Writes `text` to a fresh file called `name` (default: no extension, so only content can tell). */
export function writeTemp(text: string, name = 'upload'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tracedeck-golden-')), name)
  writeFileSync(path, text)
  return path
}

/** A throw-away in-memory library running imports in-process through the real pipeline. */
export const openLibrary = (): Library => createLibrary({ dbPath: ':memory:', useWorker: false })

/** Imports a file's text and reads back every trace with all its spans. */
export async function importText(lib: Library, text: string, name = 'upload'): Promise<Imported> {
  const [report] = await lib.handlers.importFiles({
    paths: [writeTemp(text, name)],
    jobId: `golden-${n++}`,
  })
  const traces: Loaded[] = []
  for (const t of report.traces) {
    const { trace } = await lib.handlers.getTrace({ id: t.id })
    const spans: Span[] = []
    for (let i = 0; i < trace.spanCount; i++)
      spans.push(await lib.handlers.getSpan({ traceId: t.id, index: i }))
    traces.push({ trace, spans })
  }
  return { report, traces }
}

/**
 * Imports through the streamed path (as files over the stream threshold are), reading `chunkSize`
 * bytes at a time, and reads the traces back.
 */
export async function importStreamed(text: string, chunkSize: number): Promise<Imported> {
  const path = writeTemp(text)
  const dbPath = join(dirname(path), 'library.db')
  const db = openDatabase(dbPath)
  try {
    const report = await importFile(db, {
      path,
      dbPath,
      prices: loadPriceTable(),
      streamThreshold: 0,
      chunkSize,
    })
    const traces: Loaded[] = report.traces.map((t) => {
      const { trace } = readTraceDetail(db, t.id)!
      const spans = Array.from({ length: trace.spanCount }, (_, i) => readSpan(db, t.id, i)!)
      return { trace, spans }
    })
    return { report, traces }
  } finally {
    db.close()
  }
}

/** The format the registry picks for the first parsed value of `text`. */
export function detectText(text: string): string | null {
  const { values } = parseDocument(text)
  return detectFormat(values[0])?.importer.format ?? null
}

/** The normalised traces without what depends on the file (ids derived from its hash, name, format). */
export function dump(traces: Loaded[]): unknown {
  return traces.map(({ trace, spans }) => {
    const { id: _id, source: _source, ...rest } = trace
    return { ...rest, spans }
  })
}

/** Exports the imported traces as tracedeck v1, re-imports the export, and returns the result. */
export async function roundTrip(lib: Library, imported: Imported): Promise<Imported> {
  const doc = exportFromLibrary(
    lib.db,
    imported.report.traces.map((t) => t.id),
  )
  const other = openLibrary()
  try {
    return await importText(other, JSON.stringify(doc), 'export.json')
  } finally {
    other.close()
  }
}

/**
 * Compares `value` with the reviewed golden file (as parsed JSON, so reformatting the file does
 * not matter). `UPDATE_GOLDEN=1` rewrites it; a missing golden file is a failure otherwise.
 */
export function expectGolden(path: string, value: unknown): void {
  const plain = JSON.parse(JSON.stringify(value)) as unknown
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, JSON.stringify(plain, null, 2) + '\n')
    return
  }
  if (!existsSync(path))
    throw new Error(
      `No golden file ${path}; review the output and run with UPDATE_GOLDEN=1 to write it`,
    )
  expect(plain).toEqual(JSON.parse(readFileSync(path, 'utf8')))
}
