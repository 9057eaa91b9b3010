/**
 * The importer interface. One module per format under `formats/`, each exporting one `Importer`;
 * `registry.ts` lists them in detection order (first match wins, content checks only — the file
 * name is never needed). Importers are pure: parsed JSON in, raw traces out. The pipeline
 * (`pipeline.ts`) owns reading, streaming, merging of traces split across documents, the
 * normaliser and the store.
 */
import type { RawTrace, RepairKind } from '../../../shared/model'

export type FormatId =
  | 'otlp'
  | 'otel-python'
  | 'jaeger'
  | 'zipkin'
  | 'langfuse'
  | 'langsmith'
  | 'openai-agents'
  | 'chrome'
  | 'phoenix'
  | 'atif'
  | 'mlflow'
  | 'seed-steps'
  | 'seed-sessions'
  | 'tracedeck'

export interface ImportContext {
  /** File name (for messages only; never for detection). */
  file: string
  /** Warnings the importer wants in the import report (unknown fields, skipped records…). */
  warn(message: string): void
  /**
   * Records a repair the importer itself made (unmatched begin/end events dropped, duplicate
   * records merged…) in the report's `repairs`. Optional: contexts that do not collect repairs
   * (the streamed path) leave it out, so importers call `ctx.repair?.(…)`.
   */
  repair?(kind: RepairKind, message: string, spanId?: string): void
}

export interface Importer {
  format: FormatId
  /** Human-readable name, e.g. "OTLP JSON". */
  label: string
  /**
   * Cheap content check on one parsed top-level value (a whole document, one JSON Lines line, or
   * one of several concatenated objects). Returns why it matched (for the import report), or null.
   */
  detect(value: unknown): string | null
  /**
   * Converts one parsed top-level value to raw traces. Spans of one trace may arrive in several
   * values (JSON Lines); the pipeline merges traces with the same `sourceTraceId`.
   * Throws `ImportError` with a clear message when the value is malformed.
   */
  convert(value: unknown, ctx: ImportContext): RawTrace[]
  /**
   * Optional, for formats whose records of one span may be split across top-level values
   * (LangSmith ingest: a run's `post` and its `patch` in different JSON Lines lines). The
   * pipeline passes every value through one combiner before converting: `push` returns the
   * values ready now, `end` the rest. `eager` (the streamed path) asks the combiner to let go
   * of records it believes complete as soon as it can, so memory stays bounded.
   */
  combine?(opts: { eager: boolean }): Combiner
  /**
   * Optional streaming plan for huge single documents: the path (object keys, '*' for array
   * elements) of repeated units that can be converted independently. The pipeline parses each
   * unit on its own (bounded memory) and passes the enclosing objects' other members that were
   * seen before the unit, outermost first, as `context`.
   */
  stream?: {
    /** The unit path, or a function of the head's probe when it depends on the container shape. */
    path: (string | '*')[] | ((head: unknown) => (string | '*')[])
  } & (
    | {
        convertUnit(
          unit: unknown,
          context: Record<string, unknown>[],
          ctx: ImportContext,
        ): RawTrace[]
        collect?: undefined
      }
    | {
        convertUnit?: undefined
        /**
         * For formats whose spans come from units taken together (Chrome pairs begin and end
         * events anywhere in the file): a fresh collector per file is given every unit, and
         * yields the traces at the end (fragments of one trace may share a `sourceTraceId`).
         */
        collect(): UnitCollector
      }
  )
}

/** Gathers a streamed file's units (see `Importer.stream.collect`). */
export interface UnitCollector {
  unit(unit: unknown, context: Record<string, unknown>[], ctx: ImportContext): void
  end(ctx: ImportContext): Iterable<RawTrace>
}

/** Gathers split records across a file's top-level values (see `Importer.combine`). */
export interface Combiner {
  push(value: unknown, ctx: ImportContext): unknown[]
  end(ctx: ImportContext): unknown[]
}

/** A failure to import a file, with a message meant for the user (the pipeline adds the file name). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportError'
  }
}
