/**
 * OTLP JSON fixtures written by the real OpenTelemetry JS SDK (BasicTracerProvider + the OTLP
 * JSON serializer), so CLI tests import what a real exporter produces.
 */
import { context, trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'

export interface AgentRunOptions {
  /** Number of traces (agent runs) in the request. */
  runs?: number
  /** Tool calls per run; the first one fails and is retried. */
  tools?: number
  startMs?: number
}

/**
 * An OTLP request with `runs` agent runs: each an `invoke_agent` root, a GenAI chat span with
 * messages and tokens, tool calls (the first fails, then is retried), and a closing chat span.
 */
export async function agentRunsOtlp({ runs = 2, tools = 2, startMs = Date.UTC(2025, 0, 15, 9, 30) }: AgentRunOptions = {}): Promise<string> {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'fixture-agent' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const tracer = provider.getTracer('cli-test')
  let t = startMs
  const child = (parent: Span, name: string, ms: number, attributes: Record<string, string | number>, failed = false) => {
    const span = tracer.startSpan(name, { startTime: t, attributes, kind: SpanKind.INTERNAL }, trace.setSpan(context.active(), parent))
    if (failed) {
      span.recordException({ name: 'ToolError', message: `${name} failed: upstream 503` }, t + ms)
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${name} failed: upstream 503` })
    }
    t += ms
    span.end(t)
    t += 5
  }
  for (let run = 0; run < runs; run++) {
    const root = tracer.startSpan(`invoke_agent run-${run + 1}`, {
      startTime: t,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': `run-${run + 1}`, 'gen_ai.conversation.id': 'conv-cli' },
    })
    t += 3
    const chat = (outputText: string) =>
      child(root, 'chat gpt-4o-mini', 420, {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 300 + run,
        'gen_ai.usage.output_tokens': 40,
        'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `Question ${run + 1}` }] }]),
        'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: outputText }] }]),
      })
    chat('Let me look that up.')
    for (let i = 0; i < tools; i++) {
      const attrs = { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': `tool_${i}`, 'gen_ai.tool.call.arguments': JSON.stringify({ q: i }) }
      if (i === 0) child(root, `execute_tool tool_${i}`, 80, attrs, true)
      child(root, `execute_tool tool_${i}`, 90, attrs)
    }
    chat(`Answer ${run + 1}`)
    root.end(t)
    t += 1000
  }
  await provider.forceFlush()
  const spans = exporter.getFinishedSpans()
  await provider.shutdown()
  return new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans))
}

/** An OTLP request with no spans at all, as the SDK serialises an empty batch. */
export function emptyOtlp(): string {
  return new TextDecoder().decode(JsonTraceSerializer.serializeRequest([]))
}
