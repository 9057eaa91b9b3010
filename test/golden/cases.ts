/** Every generated fixture of the golden suite: name (golden file), expected format, the file text. */
import type { FormatId } from '../../src/main/core/import/importer'
import { atifTrajectory } from './fixtures/atif'
import { chromeObject, chromeUnclosed } from './fixtures/chrome'
import { jaegerBare, jaegerUi } from './fixtures/jaeger'
import { langfuseApi, langfuseArray, langfuseUi } from './fixtures/langfuse'
import { langsmithBatch, langsmithRuns, langsmithTree } from './fixtures/langsmith'
import { mlflowTrace } from './fixtures/mlflow'
import { agentsIngest, agentsJsonl } from './fixtures/openai-agents'
import { monocleArray, otelPythonArray, otelPythonConsole } from './fixtures/otel-python'
import { phoenixNested, phoenixPage } from './fixtures/phoenix'
import { sessionTraces, stepsDocument } from './fixtures/seeds'
import { zipkinFlat, zipkinNested } from './fixtures/zipkin'

export interface GoldenCase {
  name: string
  format: FormatId
  text: () => string
  /** What the scenario keeps in this rendering (formats without ids, errors or tokens lose them). */
  carries: { tree: boolean; errors: boolean; tokens: boolean; session: boolean }
  /**
   * Why the streamed import may differ in detail from the whole-file one (then only the
   * structure is compared): set where streaming splits records the importer merges when whole.
   */
  streamedDiffers?: string
}

const all = { tree: true, errors: true, tokens: true, session: true }

export const CASES: GoldenCase[] = [
  {
    name: 'otel-python-array',
    format: 'otel-python',
    text: otelPythonArray,
    carries: { ...all, session: false },
  },
  {
    name: 'otel-python-console',
    format: 'otel-python',
    text: otelPythonConsole,
    carries: { ...all, session: false },
  },
  {
    name: 'otel-python-monocle',
    format: 'otel-python',
    text: monocleArray,
    carries: { ...all, session: false },
  },
  { name: 'jaeger-ui', format: 'jaeger', text: jaegerUi, carries: all },
  { name: 'jaeger-bare', format: 'jaeger', text: jaegerBare, carries: all },
  {
    name: 'zipkin-flat',
    format: 'zipkin',
    text: zipkinFlat,
    carries: all,
    streamedDiffers:
      'streamed span by span, the shared server half reaches the normaliser as a duplicate id and is merged there (flagged), without the server.start/end events the importer adds when it sees both halves',
  },
  { name: 'zipkin-nested', format: 'zipkin', text: zipkinNested, carries: all },
  { name: 'langfuse-ui', format: 'langfuse', text: langfuseUi, carries: all },
  { name: 'langfuse-api', format: 'langfuse', text: langfuseApi, carries: all },
  { name: 'langfuse-array', format: 'langfuse', text: langfuseArray, carries: all },
  { name: 'langsmith-runs', format: 'langsmith', text: langsmithRuns, carries: all },
  { name: 'langsmith-tree', format: 'langsmith', text: langsmithTree, carries: all },
  { name: 'langsmith-batch', format: 'langsmith', text: langsmithBatch, carries: all },
  { name: 'openai-agents-ingest', format: 'openai-agents', text: agentsIngest, carries: all },
  { name: 'openai-agents-jsonl', format: 'openai-agents', text: agentsJsonl, carries: all },
  {
    name: 'chrome-object',
    format: 'chrome',
    text: chromeObject,
    carries: { tree: true, errors: false, tokens: true, session: false },
  },
  {
    name: 'chrome-unclosed',
    format: 'chrome',
    text: chromeUnclosed,
    carries: { tree: true, errors: false, tokens: true, session: false },
  },
  { name: 'phoenix-page', format: 'phoenix', text: phoenixPage, carries: all },
  { name: 'phoenix-nested', format: 'phoenix', text: phoenixNested, carries: all },
  {
    name: 'atif',
    format: 'atif',
    text: atifTrajectory,
    carries: { tree: false, errors: false, tokens: true, session: true },
  },
  { name: 'mlflow', format: 'mlflow', text: mlflowTrace, carries: all },
  {
    name: 'seed-steps',
    format: 'seed-steps',
    text: stepsDocument,
    carries: { ...all, session: false },
  },
  { name: 'seed-sessions', format: 'seed-sessions', text: sessionTraces, carries: all },
]
