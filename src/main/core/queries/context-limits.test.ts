import { describe, expect, it } from 'vitest'
import { contextLimitOf } from './context-limits'

describe('contextLimitOf', () => {
  it('reads the window of a model as traces name it', () => {
    expect(contextLimitOf('gpt-4o')).toBe(128_000)
    expect(contextLimitOf('gpt-4o-2024-08-06')).toBe(128_000)
    expect(contextLimitOf('openai/gpt-4o-mini')).toBe(128_000)
    expect(contextLimitOf('gpt-4-0613')).toBe(8_192)
    expect(contextLimitOf('GPT-4.1-mini')).toBe(1_047_576)
    expect(contextLimitOf('claude-3-5-sonnet-20241022')).toBe(200_000)
    expect(contextLimitOf('anthropic.claude-3-haiku-20240307-v1:0')).toBe(200_000)
    expect(contextLimitOf('llama3.1:8b')).toBe(128_000)
  })

  it('knows nothing about unknown or partial names', () => {
    expect(contextLimitOf('my-finetune')).toBeNull()
    expect(contextLimitOf('gpt-4x')).toBeNull()
    expect(contextLimitOf(undefined)).toBeNull()
  })
})
