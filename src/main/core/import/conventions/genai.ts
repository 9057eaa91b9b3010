/**
 * OTel GenAI semantic conventions, 1.37+ (`gen_ai.operation.name`, `gen_ai.provider.name`,
 * `gen_ai.input.messages` / `output.messages` / `system_instructions`, `gen_ai.usage.*`,
 * `gen_ai.conversation.id`, `gen_ai.tool.*`). Model and token keys are shared with older GenAI.
 */
import type { SpanEvent } from '../../../../shared/model'
import { first, flattenAttributes, num, str, type Attrs } from './attrs'
import { kindFromGenAiOperation } from './kind'
import { systemMessages, toPayload, withSystem } from './messages'
import type { LlmFields } from './types'

/** The 1.37+ event that may carry the messages instead of span attributes. */
const DETAILS_EVENT = 'gen_ai.client.inference.operation.details'

export function readGenAi(a: Attrs, events: readonly SpanEvent[]): LlmFields {
  const f: LlmFields = {}
  const op = str(a, 'gen_ai.operation.name')
  if (op) {
    f.kindHint = op
    f.kind = kindFromGenAiOperation(op)
  }
  f.provider = str(a, 'gen_ai.provider.name')
  f.model = first(a, ['gen_ai.response.model', 'gen_ai.request.model'], str)
  f.inputTokens = num(a, 'gen_ai.usage.input_tokens')
  f.outputTokens = num(a, 'gen_ai.usage.output_tokens')
  f.sessionId = str(a, 'gen_ai.conversation.id')

  const details = events.find((e) => e.name === DETAILS_EVENT)
  const src = details?.attributes ? { ...flattenAttributes(details.attributes), ...a } : a
  const input = src['gen_ai.input.messages']
  const system = systemMessages(src['gen_ai.system_instructions'])
  if (input !== undefined && input !== null) f.input = withSystem(toPayload(input), system)
  else if (system.length) f.input = withSystem(undefined, system)
  const output = src['gen_ai.output.messages']
  if (output !== undefined && output !== null) f.output = toPayload(output)

  // Tool execution spans: arguments in, result out. Producers that predate the
  // gen_ai.tool.call.* keys put them in `input`/`output` (OpenInference's GenAI bridge) or
  // `tool_arguments`/`tool_response` (Pydantic Logfire).
  const isTool = op === 'execute_tool'
  const args =
    a['gen_ai.tool.call.arguments'] ?? (isTool ? (a['input'] ?? a['tool_arguments']) : undefined)
  if (f.input === undefined && args !== undefined && args !== null) f.input = toPayload(args)
  const result =
    a['gen_ai.tool.call.result'] ?? (isTool ? (a['output'] ?? a['tool_response']) : undefined)
  if (f.output === undefined && result !== undefined && result !== null)
    f.output = toPayload(result)
  if (!f.kind && str(a, 'gen_ai.tool.name') && (args !== undefined || result !== undefined))
    f.kind = 'tool'
  return f
}
