/**
 * Every importer, in detection order: the first whose `detect` matches a file's first top-level
 * value wins (formats.md §0). Each format owner adds one line here.
 */
import type { Importer } from './importer'
import { tracedeckImporter } from './formats/tracedeck'
import { otlpImporter } from './formats/otlp'
import {
  openaiAgentsImporter,
  openaiAgentsItemImporter,
  openaiAgentsItemsImporter,
  openaiAgentsTraceImporter,
} from './formats/openai-agents'
import {
  jaegerArrayImporter,
  jaegerImporter,
  jaegerSpansImporter,
  jaegerTraceImporter,
} from './formats/jaeger'
import { chromeImporter } from './formats/chrome'
import { zipkinImporter } from './formats/zipkin'
import {
  langfuseArrayImporter,
  langfuseImporter,
  langfuseObservationsImporter,
} from './formats/langfuse'
import { langsmithImporter } from './formats/langsmith'
import { phoenixArrayImporter, phoenixImporter, phoenixSpanImporter } from './formats/phoenix'
import { otelPythonArrayImporter, otelPythonImporter } from './formats/otel-python'
import { mlflowImporter } from './formats/mlflow'
import { atifImporter } from './formats/atif'
import { seedStepsImporter } from './formats/seed-steps'
import { seedSessionsImporter } from './formats/seed-sessions'

/** Importers in detection order (first match wins). */
export const IMPORTERS: Importer[] = [
  tracedeckImporter,
  otlpImporter,
  // OpenAI Agents before Jaeger: both use a top-level `data` array.
  openaiAgentsImporter,
  openaiAgentsTraceImporter,
  openaiAgentsItemImporter,
  openaiAgentsItemsImporter,
  // One importer per container shape where the streaming unit path differs.
  jaegerImporter,
  jaegerTraceImporter,
  jaegerArrayImporter,
  jaegerSpansImporter,
  chromeImporter,
  zipkinImporter,
  langfuseImporter,
  langfuseArrayImporter,
  langfuseObservationsImporter,
  langsmithImporter,
  phoenixImporter,
  phoenixSpanImporter,
  phoenixArrayImporter,
  otelPythonImporter,
  otelPythonArrayImporter,
  mlflowImporter,
  atifImporter,
  // The two seed shapes have no marker field of their own: checked last.
  seedStepsImporter,
  seedSessionsImporter,
]

/** The first importer whose content check matches, with why. */
export function detectFormat(
  value: unknown,
  importers: readonly Importer[] = IMPORTERS,
): { importer: Importer; why: string } | null {
  for (const importer of importers) {
    const why = importer.detect(value)
    if (why) return { importer, why }
  }
  return null
}

/** "OTLP JSON, Jaeger UI JSON, …" — what an unrecognised file was expected to be. */
export function expectedFormats(importers: readonly Importer[] = IMPORTERS): string {
  // Several importers share a label (one per container shape of a format).
  return [...new Set(importers.map((i) => i.label))].join(', ')
}
