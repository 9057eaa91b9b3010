/**
 * Mutated OTLP requests (any node replaced by any JSON value) either import or fail with an
 * ImportError; the shared chat and convention readers never throw on any JSON.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ImportError } from '../importer'
import { otlpImporter } from './otlp'
import { toChatMessages, toPayload } from '../chat'
import { extractLlmFields } from '../conventions'
import { recordLlmRun } from '../../../../../test/fixtures/otlp-llm-run'

type Path = (string | number)[]

function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at)
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out))
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out)
  return out
}

function replaced(v: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<
    string | number,
    unknown
  >
  copy[path[0]] = replaced(copy[path[0]], path.slice(1), value)
  return copy
}

describe('robustness', () => {
  const { request } = recordLlmRun()
  const all = paths(request)

  it('a mutated request imports or fails with an ImportError', () => {
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (i, value) => {
        const mutant = replaced(request, all[i], value)
        try {
          const traces = otlpImporter.convert(mutant, { file: 'm.json', warn: () => undefined })
          expect(Array.isArray(traces)).toBe(true)
        } catch (err) {
          expect(err).toBeInstanceOf(ImportError)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('chat and convention readers accept any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        toChatMessages(v)
        toChatMessages(JSON.stringify(v))
        toPayload(v)
        if (v && typeof v === 'object' && !Array.isArray(v))
          extractLlmFields(v as Record<string, unknown>, [])
      }),
      { numRuns: 500 },
    )
  })

  it('convention readers accept any value under every convention key', () => {
    const keys = [
      'gen_ai.input.messages',
      'gen_ai.output.messages',
      'gen_ai.system_instructions',
      'gen_ai.prompt.0.content',
      'gen_ai.completion.0.tool_calls.0.arguments',
      'llm.input_messages.0.message.contents.0.message_content.text',
      'input.value',
      'output.value',
      'ai.prompt',
      'ai.response.toolCalls',
      'ai.toolCall.args',
      'traceloop.entity.input',
      'llm.token_count.prompt',
      'gen_ai.operation.name',
      'openinference.span.kind',
      'ai.operationId',
    ]
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (k, v) => {
        extractLlmFields({ [k]: v }, [
          { name: 'gen_ai.choice', time: 0, attributes: { message: v as never } },
        ])
      }),
      { numRuns: 500 },
    )
  })
})
