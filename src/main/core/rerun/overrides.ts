/**
 * Overrides as the user gives them: parameter changes (set, change, remove), and the parsing the
 * CLI shares with the settings page (`--param temperature=0`, `--map gpt-4o=gpt-4o-mini`).
 */
import type { Json } from '../../../shared/model'

/** Parameter names the user may type in another spelling. */
const PARAM_NAMES: Record<string, string> = {
  maxTokens: 'max_tokens',
  max_output_tokens: 'max_tokens',
  max_completion_tokens: 'max_tokens',
  topP: 'top_p',
  topK: 'top_k',
  stop_sequences: 'stop',
  responseFormat: 'response_format',
}

/** Recorded parameters with the overrides applied: a value sets or changes, null removes. */
export function applyParamOverrides(
  recorded: Record<string, Json>,
  overrides: Record<string, Json> | undefined,
): Record<string, Json> {
  const out = { ...recorded }
  for (const [k, v] of Object.entries(overrides ?? {})) {
    const name = PARAM_NAMES[k] ?? k
    if (v === null) delete out[name]
    else out[name] = name === 'stop' && typeof v === 'string' ? [v] : v
  }
  return out
}

/** Reads `name=value`; the value is JSON when it parses (0, true, {"type":"json_object"}), else text; `name=` removes. */
export function parseParam(text: string): [string, Json] {
  const eq = text.indexOf('=')
  if (eq <= 0)
    throw new Error(`--param ${text}: expected name=value (e.g. temperature=0; name= removes it)`)
  const name = text.slice(0, eq).trim()
  const raw = text.slice(eq + 1)
  if (raw === '') return [name, null]
  try {
    return [name, JSON.parse(raw) as Json]
  } catch {
    return [name, raw]
  }
}

/** Reads `from=to` model mappings. */
export function parseModelMap(items: string[]): Record<string, string> {
  const map: Record<string, string> = {}
  for (const item of items) {
    const eq = item.indexOf('=')
    if (eq <= 0 || eq === item.length - 1)
      throw new Error(`--map ${item}: expected original=new (e.g. gpt-4o=gpt-4o-mini)`)
    map[item.slice(0, eq).trim()] = item.slice(eq + 1).trim()
  }
  return map
}
