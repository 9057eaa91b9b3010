/** Display names for the format ids importers report; unknown ids are shown as given. */
const LABELS: Record<string, string> = {
  otlp: 'OTLP JSON',
  'otlp-json': 'OTLP JSON',
  'otel-python': 'OTel Python JSON',
  jaeger: 'Jaeger',
  zipkin: 'Zipkin v2',
  langfuse: 'Langfuse',
  langsmith: 'LangSmith',
  'openai-agents': 'OpenAI Agents',
  oaiagents: 'OpenAI Agents',
  chrome: 'Chrome Trace Events',
  phoenix: 'Phoenix',
  atif: 'ATIF',
  mlflow: 'MLflow',
  tracedeck: 'tracedeck export',
  'seed-steps': 'Trace steps document',
  'seed-sessions': 'Session traces',
}

/** "otlp-json" → "OTLP JSON". */
export function formatLabel(id: string): string {
  return LABELS[id] ?? LABELS[id.toLowerCase()] ?? id
}
