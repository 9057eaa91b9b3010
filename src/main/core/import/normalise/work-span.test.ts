import { describe, expect, it } from 'vitest'
import { operationTarget } from './work-span'
import type { RawSpan } from '../../../../shared/model'

const raw = (attributes: RawSpan['attributes'], extra: Partial<RawSpan> = {}): RawSpan => ({
  id: 's',
  parentId: null,
  name: 'op',
  start: 1,
  end: 2,
  attributes,
  ...extra,
})

describe('operationTarget', () => {
  it('names the target attributes in one fixed order, whatever order the span states them in', () => {
    const a = operationTarget(raw({ 'url.full': 'https://x/a', 'http.method': 'GET', other: 1 }))
    const b = operationTarget(raw({ other: 1, 'http.method': 'GET', 'url.full': 'https://x/a' }))
    expect(a).toBe(b)
    expect(a.split('\u0000').map((p) => p.split('=')[0])).toEqual(['http.method', 'url.full'])
  })

  it('tells different targets apart and ignores empty ones and attributes that are not targets', () => {
    const get = operationTarget(raw({ 'http.method': 'GET', 'http.route': '/a' }))
    expect(operationTarget(raw({ 'http.method': 'GET', 'http.route': '/b' }))).not.toBe(get)
    expect(operationTarget(raw({ 'http.method': 'GET', 'http.route': '/a', 'args.x': 5 }))).toBe(
      get,
    )
    expect(operationTarget(raw({ 'http.route': '', 'db.statement': null, 'args.x': 5 }))).toBe('')
    expect(operationTarget(raw(undefined))).toBe('')
  })

  it('adds the model and, for LLM and tool calls, the input', () => {
    const llm = (text: string) =>
      operationTarget(raw({}, { kind: 'llm', model: 'gpt-4o', input: { value: text } }))
    const [model, input] = llm('hi').split('\u0000')
    expect(model).toBe('model=gpt-4o')
    expect(input).toMatch(/^input=[0-9a-f]{8}$/)
    expect(llm('hi')).not.toBe(llm('bye'))
  })
})
