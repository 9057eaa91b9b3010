/** Maps each convention's own span-kind vocabulary to tracedeck's `SpanKind`. */
import type { SpanKind } from '../../../../shared/model'

/** OTel GenAI `gen_ai.operation.name` (semconv 1.37+; older values included). */
export function kindFromGenAiOperation(op: string): SpanKind | undefined {
  switch (op.toLowerCase()) {
    case 'chat':
    case 'text_completion':
    case 'completion':
    case 'generate_content':
      return 'llm'
    case 'embeddings':
    case 'embedding':
      return 'embedding'
    case 'execute_tool':
      return 'tool'
    case 'invoke_agent':
    case 'create_agent':
      return 'agent'
    case 'retrieval':
    case 'retrieve':
      return 'retriever'
    default:
      return undefined
  }
}

/** Traceloop `traceloop.span.kind` (workflow, task, agent, tool). */
export function kindFromTraceloop(k: string): SpanKind | undefined {
  switch (k.toLowerCase()) {
    case 'workflow':
    case 'task':
      return 'chain'
    case 'agent':
      return 'agent'
    case 'tool':
      return 'tool'
    default:
      return undefined
  }
}

/** OpenLLMetry `llm.request.type` (chat, completion, embedding, rerank). */
export function kindFromLlmRequestType(t: string): SpanKind | undefined {
  switch (t.toLowerCase()) {
    case 'chat':
    case 'completion':
      return 'llm'
    case 'embedding':
      return 'embedding'
    case 'rerank':
      return 'retriever'
    default:
      return undefined
  }
}

/** OpenInference `openinference.span.kind`. */
export function kindFromOpenInference(k: string): SpanKind | undefined {
  switch (k.toUpperCase()) {
    case 'LLM':
      return 'llm'
    case 'CHAIN':
    case 'PROMPT':
    case 'EVALUATOR':
      return 'chain'
    case 'TOOL':
      return 'tool'
    case 'AGENT':
      return 'agent'
    case 'RETRIEVER':
    case 'RERANKER':
      return 'retriever'
    case 'EMBEDDING':
      return 'embedding'
    case 'GUARDRAIL':
      return 'guardrail'
    default:
      return undefined // UNKNOWN and anything new
  }
}

/**
 * Vercel AI SDK `ai.operationId`: the provider call (`*.doGenerate`, `*.doStream`) is the LLM
 * step; the enclosing `ai.generateText` etc. is a chain that repeats its children's usage.
 */
export function kindFromVercelOperation(op: string): SpanKind | undefined {
  if (op === 'ai.toolCall') return 'tool'
  if (/\.do(Generate|Stream)$/.test(op)) return 'llm'
  if (/^ai\.embed(Many)?(\.doEmbed)?$/.test(op)) return 'embedding'
  if (/^ai\.(generate|stream)(Text|Object)$/.test(op)) return 'chain'
  return undefined
}
