// A separate process that exports traces with the real OpenTelemetry JS SDK: a
// BasicTracerProvider, the batch span processor and the OTLP/HTTP exporter (JSON or protobuf),
// configured the way an app is, through OTEL_EXPORTER_OTLP_ENDPOINT. Each trace is an agent run
// whose spans end (and so are exported) across many small batches, interleaved with the other
// traces', the root last. Prints one JSON line: the traces it sent.
//
//   node export-child.mjs <http-json|http-proto> <traces> <children> [gzip|-] [pause ms]
import { setTimeout as sleep } from 'node:timers/promises'
import { context, diag, DiagLogLevel, trace } from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto'

const [protocol, tracesArg, childrenArg, compression, pauseArg] = process.argv.slice(2)
const pause = Number(pauseArg ?? 15)
const traces = Number(tracesArg)
const children = Number(childrenArg)
diag.setLogger({ error: (m) => console.error('diag error:', m), warn: (m) => console.error('diag warn:', m), info: (m) => console.error('diag info:', m), debug() {}, verbose() {} }, DiagLogLevel.INFO)

const Exporter = protocol === 'http-proto' ? ProtoExporter : JsonExporter
const exporter = new Exporter(compression === 'gzip' ? { compression: 'gzip' } : {})
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'live-agent' }),
  spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 5, scheduledDelayMillis: 10, maxQueueSize: 100_000 })],
})
const tracer = provider.getTracer('live-test', '1.0.0')

const runs = []
for (let t = 0; t < traces; t++) {
  const root = tracer.startSpan(`agent run ${t}`, {
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Live', 'gen_ai.conversation.id': 'conv-live' },
  })
  runs.push({ root, ctx: trace.setSpan(context.active(), root), traceId: root.spanContext().traceId, name: `agent run ${t}` })
}
for (let c = 0; c < children; c++) {
  for (const run of runs) {
    const span = tracer.startSpan(`chat step ${c}`, {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 100 + c,
        'gen_ai.usage.output_tokens': 10,
      },
    }, run.ctx)
    span.end()
  }
  if (c % 3 === 2) await sleep(pause) // let the processor send what has ended so far
}
for (const run of runs) run.root.end()
await provider.forceFlush()
await provider.shutdown()
process.stdout.write(JSON.stringify({ traces: runs.map((r) => ({ traceId: r.traceId, name: r.name, spans: children + 1 })) }) + '\n')
