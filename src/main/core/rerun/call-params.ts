/**
 * The parameters and tool definitions of a recorded LLM call, read from whichever convention
 * recorded them, under one set of names (OpenAI Chat Completions' request names: temperature,
 * max_tokens, top_p, top_k, stop, seed, frequency_penalty, presence_penalty, response_format,
 * tool_choice). The provider adapters translate them for their API.
 */
import type { Json, Span } from '../../../shared/model'
import type { ToolDef } from '../../../shared/rerun'
import { flattenAttributes, indexed, type Attrs } from '../import/conventions'
import { decodeJsonDeep } from '../import/decode'

type Obj = Record<string, Json>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The request keys tracedeck carries over, and their aliases in the conventions. */
const ALIASES: Record<string, string> = {
  temperature: 'temperature',
  max_tokens: 'max_tokens',
  maxTokens: 'max_tokens',
  maxOutputTokens: 'max_tokens',
  max_output_tokens: 'max_tokens',
  max_completion_tokens: 'max_tokens',
  top_p: 'top_p',
  topP: 'top_p',
  top_k: 'top_k',
  topK: 'top_k',
  stop: 'stop',
  stop_sequences: 'stop',
  stopSequences: 'stop',
  seed: 'seed',
  frequency_penalty: 'frequency_penalty',
  frequencyPenalty: 'frequency_penalty',
  presence_penalty: 'presence_penalty',
  presencePenalty: 'presence_penalty',
  response_format: 'response_format',
  responseFormat: 'response_format',
  tool_choice: 'tool_choice',
  toolChoice: 'tool_choice',
  n: 'n',
  'choice.count': 'n',
}

/** Which convention the span's request was recorded in, from its attribute keys. */
export function conventionOf(span: Span): string {
  const keys = Object.keys(span.attributes)
  const has = (p: string) => keys.some((k) => k.startsWith(p))
  if (has('ai.')) return 'Vercel AI SDK'
  if (has('llm.input_messages') || has('llm.invocation_parameters') || has('openinference.'))
    return 'OpenInference'
  if (has('traceloop.') || has('gen_ai.prompt.') || has('llm.request.')) return 'Traceloop'
  if (has('gen_ai.input.messages') || has('gen_ai.operation.name')) return 'OTel GenAI'
  if (has('gen_ai.')) return 'OTel GenAI (older)'
  if (has('langfuse.')) return 'Langfuse'
  if (has('langsmith.')) return 'LangSmith'
  if (has('openai_agents.')) return 'OpenAI Agents'
  if (has('mlflow.')) return 'MLflow'
  return 'recorded messages'
}

function put(out: Obj, key: string, v: Json | undefined): void {
  const name = ALIASES[key]
  if (!name || v === undefined || v === null || name in out) return
  if (name === 'stop' && typeof v === 'string') out.stop = [v]
  else out[name] = v
}

function putAll(out: Obj, o: unknown): void {
  const d = decodeJsonDeep(o).value
  if (isObj(d)) for (const [k, v] of Object.entries(d)) put(out, k, v)
}

/** The request parameters the span recorded, under their OpenAI names. */
export function recordedParams(span: Span): Obj {
  const a = flattenAttributes(span.attributes)
  const out: Obj = {}
  // OTel GenAI (old and new) and Traceloop.
  for (const [k, v] of Object.entries(a)) {
    if (k.startsWith('gen_ai.request.') && k !== 'gen_ai.request.model')
      put(out, k.slice('gen_ai.request.'.length), v)
  }
  if (a['gen_ai.output.type'] === 'json') put(out, 'response_format', { type: 'json_object' })
  for (const k of ['gen_ai.openai.request.response_format', 'gen_ai.openai.request.seed'])
    if (a[k] !== undefined) put(out, k.split('.').pop()!, normaliseFormat(a[k]))
  for (const k of ['llm.top_p', 'llm.frequency_penalty', 'llm.presence_penalty'])
    if (a[k] !== undefined) put(out, k.slice(4), a[k])
  // OpenInference.
  putAll(out, a['llm.invocation_parameters'])
  // Vercel AI SDK.
  for (const [k, v] of Object.entries(a))
    if (k.startsWith('ai.settings.')) put(out, k.slice('ai.settings.'.length), v)
  if (a['ai.prompt.toolChoice'] !== undefined)
    put(out, 'tool_choice', vercelToolChoice(a['ai.prompt.toolChoice']))
  // Langfuse, LangSmith, OpenAI Agents.
  putAll(out, span.attributes['langfuse.modelParameters'])
  for (const [k, v] of Object.entries(a))
    if (k.startsWith('invocation_params.')) put(out, k.slice('invocation_params.'.length), v)
  putAll(out, span.attributes['openai_agents.model_config'])
  // A recorded request body (Langfuse, LangSmith and MLflow inputs are often the call's kwargs).
  const body = span.input?.value
  if (isObj(body) && Array.isArray(body.messages))
    for (const [k, v] of Object.entries(body)) put(out, k, v)
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && k !== 'stop') out[k] = Number(v)
  }
  if (out.response_format !== undefined) out.response_format = normaliseFormat(out.response_format)
  return out
}

function normaliseFormat(v: Json): Json {
  if (typeof v === 'string') return v === 'text' ? { type: 'text' } : { type: v }
  return decodeJsonDeep(v).value as Json
}

function vercelToolChoice(v: Json): Json {
  const d = decodeJsonDeep(v).value
  if (isObj(d) && d.type === 'tool' && typeof d.toolName === 'string')
    return { type: 'function', function: { name: d.toolName } }
  if (isObj(d) && typeof d.type === 'string') return d.type
  return d as Json
}

/** A tool definition in any of the shapes producers record, or undefined. */
function toolFrom(v: unknown): ToolDef | undefined {
  const d = decodeJsonDeep(v).value
  if (!isObj(d)) return undefined
  const fn = isObj(d.function) ? d.function : d
  if (typeof fn.name !== 'string' || fn.name === '') return undefined
  const tool: ToolDef = { name: fn.name }
  if (typeof fn.description === 'string') tool.description = fn.description
  const schema = fn.parameters ?? fn.inputSchema ?? fn.input_schema ?? fn.json_schema
  if (schema !== undefined) tool.parameters = decodeJsonDeep(schema).value as Json
  return tool
}

function toolList(v: unknown): ToolDef[] {
  const d = decodeJsonDeep(v).value
  return Array.isArray(d) ? d.map(toolFrom).filter((t): t is ToolDef => !!t) : []
}

/** The tools the call offered the model, as recorded. */
export function recordedTools(span: Span): ToolDef[] {
  const a: Attrs = flattenAttributes(span.attributes)
  const lists: ToolDef[][] = [
    toolList(a['gen_ai.tool.definitions']),
    toolList(a['ai.prompt.tools']),
    indexed(a, 'llm.tools')
      .map((g) => toolFrom(g['tool.json_schema']))
      .filter((t): t is ToolDef => !!t),
    indexed(a, 'llm.request.functions')
      .map((g) => toolFrom({ name: g.name, description: g.description, parameters: g.parameters }))
      .filter((t): t is ToolDef => !!t),
    toolList(span.attributes['invocation_params.tools']),
    toolList(span.attributes['openai_agents.tools']),
  ]
  const body = span.input?.value
  if (isObj(body)) lists.push(toolList(body.tools ?? body.functions))
  return lists.find((l) => l.length > 0) ?? []
}

/** A recorded prompt template and its variables (OpenInference, Langfuse), when there is one. */
export interface RecordedTemplate {
  name?: string
  version?: string
  template?: string
  variables: Record<string, string>
}

export function recordedTemplate(span: Span): RecordedTemplate | undefined {
  const a = flattenAttributes(span.attributes)
  const template = a['llm.prompt_template.template']
  const vars = decodeJsonDeep(
    a['llm.prompt_template.variables'] ?? span.attributes['langfuse.promptVariables'],
  ).value
  const name = span.attributes['langfuse.promptName'] ?? a['llm.prompt_template.name']
  const version = span.attributes['langfuse.promptVersion'] ?? a['llm.prompt_template.version']
  if (template === undefined && name === undefined) return undefined
  const variables: Record<string, string> = {}
  if (isObj(vars))
    for (const [k, v] of Object.entries(vars))
      variables[k] = typeof v === 'string' ? v : JSON.stringify(v)
  else {
    // Flattened variables: llm.prompt_template.variables.<name>.
    for (const [k, v] of Object.entries(a))
      if (k.startsWith('llm.prompt_template.variables.'))
        variables[k.slice('llm.prompt_template.variables.'.length)] =
          typeof v === 'string' ? v : JSON.stringify(v)
  }
  const out: RecordedTemplate = { variables }
  if (typeof template === 'string') out.template = template
  if (name !== undefined && name !== null) out.name = String(name)
  if (version !== undefined && version !== null) out.version = String(version)
  return out
}

/** Fills `{{name}}`, `{{ name }}` and `{name}` placeholders with the variables. */
export function renderTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(
    /\{\{\s*([\w.-]+)\s*\}\}|\{([\w.-]+)\}/g,
    (whole, a?: string, b?: string) => {
      const key = (a ?? b)!
      return Object.hasOwn(variables, key) ? variables[key] : whole
    },
  )
}
