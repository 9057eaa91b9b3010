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

export { parseModelMap, parseParam } from '../../../shared/rerun'
