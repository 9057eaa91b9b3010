import { describe, expect, it } from 'vitest'
import { parseDocument, sniffBinary, splitConcatenated } from './parse-document'

describe('parseDocument (formats.md §0 order)', () => {
  it('parses one JSON document first', () => {
    expect(parseDocument('\ufeff {"a":[1,2]} \n')).toEqual({
      mode: 'json',
      values: [{ a: [1, 2] }],
      warnings: [],
    })
  })

  it('then JSON Lines, tolerating a truncated last line with a warning', () => {
    expect(parseDocument('{"a":1}\n\n{"a":2}\n').values).toEqual([{ a: 1 }, { a: 2 }])
    const cut = parseDocument('{"a":1}\n{"a":2}\n{"a":')
    expect(cut).toMatchObject({ mode: 'jsonl', values: [{ a: 1 }, { a: 2 }] })
    expect(cut.warnings[0]).toMatch(/line 3 is incomplete/)
  })

  it('then an array missing its closing bracket (and a trailing comma)', () => {
    expect(parseDocument('[{"ph":"X"},\n{"ph":"B"},\n')).toMatchObject({
      mode: 'unclosed-array',
      values: [[{ ph: 'X' }, { ph: 'B' }]],
    })
  })

  it('and a {traceEvents:[ object cut short the same way', () => {
    const doc = parseDocument(
      '{\n  "traceEvents": [\n    {"ph": "B", "ts": 0},\n    {"ph": "E", "ts": 1},\n',
    )
    expect(doc).toMatchObject({
      mode: 'unclosed-array',
      values: [{ traceEvents: [{ ph: 'B' }, { ph: 'E' }] }],
    })
    expect(doc.warnings).toEqual(['the closing "]}" was missing'])
    // Other truncated objects are still reported as truncated.
    expect(() => parseDocument('{"resourceSpans": [{"a": 1},')).toThrow(/looks truncated/)
  })

  it('then concatenated pretty-printed objects', () => {
    const text = '{\n  "name": "a",\n  "s": "}{"\n}\n{\n  "name": "b"\n}\n'
    expect(parseDocument(text)).toMatchObject({
      mode: 'concatenated',
      values: [{ name: 'a', s: '}{' }, { name: 'b' }],
    })
    expect(splitConcatenated('{"a":"\\"}"} {"b":1}')).toEqual(['{"a":"\\"}"}', '{"b":1}'])
    expect(splitConcatenated('{"a":1} junk {"b":1}')).toBeNull()
  })

  it('then console output: JSON values with program output between them, metrics set aside', () => {
    const text = [
      '2026-04-10 11:16:01,246 - INFO - Creating SandboxClaim {claim}',
      "stdout='Hello World\\n' exit_code=0",
      '{\n    "resource_metrics": [{"scope_metrics": []}]\n}',
      '{\n    "name": "POST",\n    "context": {"span_id": "0x405d29c0e235c33e"}\n}',
      'done.',
    ].join('\n')
    const doc = parseDocument(text)
    expect(doc).toMatchObject({ mode: 'concatenated', values: [{ name: 'POST' }] })
    expect(doc.warnings).toEqual([
      '3 line(s) of text between the JSON values were skipped',
      '1 metrics or logs document(s) were skipped',
    ])
    // A broken value among them is still an error.
    expect(() => parseDocument('log line\n{"a": 1}\n{"b": }\n')).toThrow(/not valid JSON/)
  })

  it('says clearly what is wrong otherwise', () => {
    expect(() => parseDocument('  \n ')).toThrow('the file is empty')
    expect(() => parseDocument('{"a": [1, 2')).toThrow(/looks truncated/)
    expect(() => parseDocument('hello world')).toThrow(/not valid JSON/)
    expect(() => parseDocument('{"a":1}\n{"b":}\n{"c":3}')).toThrow(/^line 2 is not valid JSON/)
  })

  it('recognises binary and compressed files by their bytes', () => {
    expect(sniffBinary(new Uint8Array([0x1f, 0x8b, 8, 0]))).toMatch(/gzip/)
    expect(sniffBinary(new Uint8Array([0x50, 0x4b, 3, 4]))).toMatch(/zip archive/)
    expect(sniffBinary(new Uint8Array([0x7b, 0, 0x7d]))).toMatch(/binary/)
    expect(sniffBinary(new TextEncoder().encode('{"ok": "é"}\n'))).toBeNull()
  })
})
