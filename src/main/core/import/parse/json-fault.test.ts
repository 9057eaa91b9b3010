import { describe, expect, it } from 'vitest'
import { findJsonFault, nestingDepth } from './json-fault'

describe('findJsonFault', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const t of ['{}', '[1,2.5e3,-0,true,false,null,"a\\u00e9\\n"]', ' {"a":{"b":[{}]}} \n'])
      expect(findJsonFault(t)).toBeNull()
  })

  it('names line, column and the problem, never the text', () => {
    const f = findJsonFault('root:x:0:0:root:/root:/bin/bash')!
    expect(f).toMatchObject({ line: 1, column: 1, truncated: false })
    expect(f.problem).toBe('expected a value, found a letter')
    const g = findJsonFault('{\n  "a": 1,\n  "b" 2\n}')!
    expect(g).toMatchObject({ line: 3, column: 7 })
    expect(g.problem).toMatch(/expected ":"/)
    expect(findJsonFault('{"a": [1, 2')!.truncated).toBe(true)
  })

  it('reports 100k-deep nesting instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(findJsonFault(deep)!.problem).toMatch(/nest deeper than 2000 levels/)
    expect(nestingDepth(deep).depth).toBe(100_000)
  })
})
