/**
 * Generates large OTLP JSON traces for the UI benchmark, streamed to disk so a 1M-span file
 * never sits in memory as one string. Shape: an agent root with turns; each turn holds an LLM
 * call and tool calls, now and then a tool that fails and is retried. Deterministic.
 */
import { closeSync, openSync, writeSync } from 'node:fs'

const T0_NS = 1749823200n * 1_000_000_000n

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0')

/** Writes an OTLP request with exactly `count` spans to `path`; returns the trace id (hex). */
export function writeOtlpTrace(path: string, count: number, name: string): string {
  const traceNo = count % 0xffff
  const traceId = `${hex(0xbe7c0000 + traceNo, 8)}${'0'.repeat(16)}${hex(count, 8)}`
  const fd = openSync(path, 'w')
  let buffer: string[] = []
  let size = 0
  const write = (s: string): void => {
    buffer.push(s)
    size += s.length
    if (size > 1 << 20) flush()
  }
  const flush = (): void => {
    writeSync(fd, buffer.join(''))
    buffer = []
    size = 0
  }
  let made = 0
  let first = true
  const span = (
    parent: number,
    label: string,
    attrs: string,
    startUs: number,
    durUs: number,
    error?: string,
  ): number => {
    const id = ++made
    const start = T0_NS + BigInt(Math.round(startUs)) * 1000n
    const end = start + BigInt(Math.round(durUs)) * 1000n
    const status = error ? `{"code":2,"message":${JSON.stringify(error)}}` : '{"code":0}'
    write(
      `${first ? '' : ','}{"traceId":"${traceId}","spanId":"${hex(id, 16)}","parentSpanId":"${parent ? hex(parent, 16) : ''}",` +
        `"name":${JSON.stringify(label)},"kind":1,"startTimeUnixNano":"${start}","endTimeUnixNano":"${end}",` +
        `"attributes":[${attrs}],"status":${status}}`,
    )
    first = false
    return id
  }
  const attr = (k: string, v: string | number): string =>
    typeof v === 'number'
      ? `{"key":"${k}","value":{"intValue":"${v}"}}`
      : `{"key":"${k}","value":{"stringValue":${JSON.stringify(v)}}}`

  write(
    '{"resourceSpans":[{"resource":{"attributes":[' +
      attr('service.name', 'bench-agent') +
      ']},"scopeSpans":[{"scope":{"name":"bench"},"spans":[',
  )
  // Lay the turns out first so the root's duration is known: 1 root + turns of 1 + k children.
  const turns: {
    start: number
    kids: { label: string; dur: number; llm: boolean; fail: boolean }[]
  }[] = []
  let t = 0
  let planned = 1
  for (let turn = 0; planned < count; turn++) {
    const left = count - planned - 1
    const n = Math.min(left, 2 + (turn % 4))
    const kids = []
    const start = t
    for (let k = 0; k < n; k++) {
      const dur = 5_000 + ((turn * 7919 + k * 104_729) % 90_000)
      const fail = turn % 97 === 5 && k === 1 && n > 2
      kids.push({
        label:
          k === 0
            ? 'chat gpt-4o'
            : `execute_tool tool_${fail || (turn % 97 === 5 && k === 2) ? 1 : k}`,
        dur,
        llm: k === 0,
        fail,
      })
      t += dur + 1000
    }
    turns.push({ start, kids })
    planned += 1 + n
  }
  const root = span(0, name, attr('gen_ai.operation.name', 'invoke_agent'), 0, t)
  for (const [turnNo, turn] of turns.entries()) {
    const end = turn.kids.reduce((acc, k) => acc + k.dur + 1000, turn.start)
    const turnId = span(
      root,
      `turn ${turnNo + 1}`,
      attr('gen_ai.operation.name', 'invoke_agent'),
      turn.start,
      Math.max(0, end - turn.start - 1000),
    )
    let at = turn.start
    for (const k of turn.kids) {
      const attrs = k.llm
        ? [
            attr('gen_ai.operation.name', 'chat'),
            attr('gen_ai.request.model', 'gpt-4o'),
            attr('gen_ai.usage.input_tokens', 100 + (turnNo % 50)),
            attr('gen_ai.usage.output_tokens', 20 + (turnNo % 30)),
          ].join(',')
        : attr('gen_ai.operation.name', 'execute_tool')
      span(turnId, k.label, attrs, at, k.dur, k.fail ? 'tool timed out' : undefined)
      at += k.dur + 1000
    }
  }
  write(']}]}]}')
  flush()
  closeSync(fd)
  if (made !== count) throw new Error(`generator made ${made} spans, expected ${count}`)
  return traceId
}
