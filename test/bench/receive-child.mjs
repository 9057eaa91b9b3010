// The load generator of bench:receive: a separate process with the real OpenTelemetry JS SDK,
// the batch span processor (default batch size 512) and the OTLP/HTTP exporter (JSON or
// protobuf), creating agent-shaped traces as fast as it can: a root and `spans - 1` children,
// each child an LLM call with GenAI attributes. Prints {"spans": N} when everything is flushed.
//
//   OTEL_EXPORTER_OTLP_ENDPOINT=… node receive-child.mjs <http-json|http-proto> <traces> <spans per trace>
import { context, trace } from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto'

const [protocol, tracesArg, spansArg] = process.argv.slice(2)
const traces = Number(tracesArg)
const perTrace = Number(spansArg)
const Exporter = protocol === 'http-proto' ? ProtoExporter : JsonExporter
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'bench-agent' }),
  spanProcessors: [new BatchSpanProcessor(new Exporter({ timeoutMillis: 60_000 }), { maxQueueSize: 1_000_000, scheduledDelayMillis: 50 })],
})
const tracer = provider.getTracer('bench', '1.0.0')
let spans = 0
for (let t = 0; t < traces; t++) {
  const root = tracer.startSpan(`agent run ${t % 20}`, { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.conversation.id': `conv-${t % 50}` } })
  const ctx = trace.setSpan(context.active(), root)
  for (let c = 1; c < perTrace; c++) {
    const s = tracer.startSpan(`chat gpt-4o-mini`, {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 200 + c,
        'gen_ai.usage.output_tokens': 20,
        'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `question ${c} of run ${t}` }] }]),
      },
    }, ctx)
    s.end()
    spans++
  }
  root.end()
  spans++
  // Yield now and then so the processor's timer can send batches while spans are made.
  if (t % 20 === 19) await new Promise((r) => setImmediate(r))
}
await provider.forceFlush()
await provider.shutdown()
process.stdout.write(JSON.stringify({ spans }) + '\n')
