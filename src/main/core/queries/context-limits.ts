/**
 * Context windows (input + output tokens a model accepts) of widely used models, from the
 * providers' published model pages. Used to draw the limit line on a session's token chart;
 * an unknown model simply has no line. Keys are matched as name prefixes, longest first.
 */
const CONTEXT_LIMITS: Record<string, number> = {
  // OpenAI
  'gpt-3.5-turbo': 16_385,
  'gpt-4': 8_192,
  'gpt-4-32k': 32_768,
  'gpt-4-turbo': 128_000,
  'gpt-4-1106': 128_000,
  'gpt-4-0125': 128_000,
  'gpt-4o': 128_000,
  'gpt-4o-mini': 128_000,
  'chatgpt-4o': 128_000,
  'gpt-4.1': 1_047_576,
  'gpt-4.5': 128_000,
  'gpt-5': 400_000,
  o1: 200_000,
  'o1-preview': 128_000,
  'o1-mini': 128_000,
  o3: 200_000,
  'o3-mini': 200_000,
  'o4-mini': 200_000,
  // Anthropic
  'claude-2': 100_000,
  'claude-2.1': 200_000,
  'claude-3': 200_000,
  'claude-instant': 100_000,
  'claude-sonnet-4': 200_000,
  'claude-opus-4': 200_000,
  'claude-haiku-4': 200_000,
  // Google
  'gemini-1.0-pro': 32_760,
  'gemini-1.5-pro': 2_097_152,
  'gemini-1.5-flash': 1_048_576,
  'gemini-2.0-flash': 1_048_576,
  'gemini-2.5-pro': 1_048_576,
  'gemini-2.5-flash': 1_048_576,
  // Open models (their common serving defaults)
  'llama-3.1': 128_000,
  'llama-3.2': 128_000,
  'llama-3.3': 128_000,
  'llama3.1': 128_000,
  'llama3.2': 128_000,
  'llama3.3': 128_000,
  'llama-3': 8_192,
  llama3: 8_192,
  'mistral-large': 128_000,
  'mistral-small': 32_000,
  'mixtral-8x7b': 32_768,
  'command-r': 128_000,
  'deepseek-chat': 64_000,
  'deepseek-reasoner': 64_000,
  'qwen2.5': 32_768,
}

const KEYS = Object.keys(CONTEXT_LIMITS).sort((a, b) => b.length - a.length)

/**
 * The context window of a model name as traces write it (`gpt-4o-2024-08-06`,
 * `openai/gpt-4o`, `anthropic.claude-3-5-sonnet-20240620-v1:0`), or null when unknown.
 * A prefix only matches at a name boundary, so `gpt-4` never claims `gpt-4o`.
 */
export function contextLimitOf(model: string | null | undefined): number | null {
  if (!model) return null
  let name = model.trim().toLowerCase()
  name = name.slice(name.lastIndexOf('/') + 1)
  // Bedrock-style vendor prefixes: "anthropic.claude-…", "meta.llama3-…".
  const dot = /^(anthropic|meta|mistral|cohere|amazon|google)\./.exec(name)
  if (dot) name = name.slice(dot[0].length)
  for (const key of KEYS) {
    if (!name.startsWith(key)) continue
    const next = name.charAt(key.length)
    if (next === '' || next === '-' || next === ':' || next === '@' || next === '_')
      return CONTEXT_LIMITS[key]
  }
  return null
}
