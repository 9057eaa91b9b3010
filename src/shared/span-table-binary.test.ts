import { describe, expect, it } from 'vitest'
import type { SpanTable } from './api'
import {
  SpanTableFormatError,
  decodeSpanTable,
  encodeSpanTable,
  spanTableFromBinary,
} from './span-table-binary'

const table: SpanTable = {
  traceId: 'trace-ünïcode',
  count: 3,
  origin: 1_750_000_000_123_456,
  start: [0, 20, 1_500_000.5],
  duration: [4_200_000, 1_480_000, 0],
  depth: [0, 1, 1],
  parentIndex: [-1, 0, 0],
  kind: [4, 0, 1],
  status: [0, 2, 1],
  name: [0, 1, 1],
  names: ['agent run', 'chat gpt-4o'],
  inputTokens: [null, 412, 0],
  outputTokens: [null, 38, null],
  cost: [null, 0.1 + 0.2, 1e-9],
  model: [-1, 0, 0],
  models: ['gpt-4o'],
}

describe('span table binary form', () => {
  it('round-trips every column exactly, null kept apart from 0', () => {
    expect(spanTableFromBinary(encodeSpanTable(table))).toEqual(table)
  })

  it('gives typed-array views, NaN where nothing was stated', () => {
    const b = decodeSpanTable(encodeSpanTable(table))
    expect(b.start).toBeInstanceOf(Float64Array)
    expect(b.parentIndex).toBeInstanceOf(Int32Array)
    expect(b.kind).toBeInstanceOf(Uint8Array)
    expect(Array.from(b.parentIndex)).toEqual([-1, 0, 0])
    expect(Number.isNaN(b.inputTokens[0])).toBe(true)
    expect(b.inputTokens[2]).toBe(0)
  })

  it('keeps integer columns exact at every width (1, 2 and 4 bytes per span)', () => {
    const n = 70_000
    const big: SpanTable = {
      ...table,
      count: n,
      start: Array.from({ length: n }, (_, i) => i * 1.5),
      duration: Array.from({ length: n }, () => 3),
      depth: Array.from({ length: n }, (_, i) => Math.min(i, 300)),
      parentIndex: Array.from({ length: n }, (_, i) => i - 1),
      kind: Array.from({ length: n }, (_, i) => i % 10),
      status: Array.from({ length: n }, (_, i) => i % 3),
      name: Array.from({ length: n }, (_, i) => i % 1000),
      names: Array.from({ length: 1000 }, (_, i) => `span ${i}`),
      inputTokens: Array.from({ length: n }, (_, i) => (i % 7 ? null : i)),
      outputTokens: Array.from({ length: n }, () => null),
      cost: Array.from({ length: n }, (_, i) => (i === n - 1 ? 2.5 : null)),
      model: Array.from({ length: n }, () => -1),
      models: [],
    }
    const bytes = encodeSpanTable(big)
    expect(spanTableFromBinary(bytes)).toEqual(big)
    // Whole microseconds below 2^32 are stored in 4 bytes and read back exactly.
    const whole = { ...big, start: big.start.map((_, i) => i * 2 + 0xffff0000 - n * 2) }
    const wholeBytes = encodeSpanTable(whole)
    expect(spanTableFromBinary(wholeBytes)).toEqual(whole)
    expect(wholeBytes.byteLength).toBe(bytes.byteLength - n * 4)
    // Smaller than 8 bytes per value per column: the compact widths and sparse columns apply.
    expect(bytes.byteLength).toBeLessThan(n * 8 * 4)
  })

  it('reads bytes that do not start on an 8-byte boundary (a Node Buffer slice)', () => {
    const bytes = encodeSpanTable(table)
    const shifted = new Uint8Array(bytes.byteLength + 3)
    shifted.set(bytes, 3)
    expect(spanTableFromBinary(shifted.subarray(3))).toEqual(table)
  })

  it('an empty trace', () => {
    const empty = {
      ...table,
      count: 0,
      start: [],
      duration: [],
      depth: [],
      parentIndex: [],
      kind: [],
      status: [],
      name: [],
      inputTokens: [],
      outputTokens: [],
      cost: [],
      model: [],
      names: [],
      models: [],
    }
    expect(spanTableFromBinary(encodeSpanTable(empty))).toEqual(empty)
  })

  it('refuses truncated, foreign and JSON bytes', () => {
    const bytes = encodeSpanTable(table)
    expect(() => decodeSpanTable(bytes.subarray(0, bytes.byteLength - 1))).toThrow(
      SpanTableFormatError,
    )
    expect(() => decodeSpanTable(new TextEncoder().encode(JSON.stringify(table)))).toThrow(
      /not binary/,
    )
    const other = bytes.slice()
    other[4] = 99
    expect(() => decodeSpanTable(other)).toThrow(/version 99/)
  })
})
