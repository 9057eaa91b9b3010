/**
 * Parsing a whole file's text into top-level JSON values, in the order formats.md §0 fixes:
 * one JSON document, then JSON Lines, then an array whose closing `]` is missing, then
 * concatenated (pretty-printed) objects. Failures become an ImportError saying what is wrong.
 */
import { ImportError } from '../importer'
import { quoteJaegerInt64 } from '../formats/jaeger/int64'
import { faultText, findJsonFault } from './json-fault'

export type ParseMode = 'json' | 'jsonl' | 'unclosed-array' | 'concatenated'

export interface ParsedDocument {
  mode: ParseMode
  values: unknown[]
  /** Problems tolerated while parsing (e.g. a truncated last line). */
  warnings: string[]
}

/** Byte-level checks before decoding: binary and compressed files get their own message. */
export function sniffBinary(head: Uint8Array): string | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    return 'is gzip-compressed; decompress it first (e.g. gunzip) and import the JSON inside'
  }
  if (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    head[2] === 0x03 &&
    head[3] === 0x04
  ) {
    return 'is a zip archive; extract it and import the JSON files inside'
  }
  if (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x41 &&
    head[2] === 0x52 &&
    head[3] === 0x31
  ) {
    return 'is a Parquet file; tracedeck imports JSON exports'
  }
  let control = 0
  const n = Math.min(head.length, 8192)
  for (let i = 0; i < n; i++) {
    const b = head[i]
    if (b === 0) return 'is a binary file (it contains NUL bytes), not a JSON trace export'
    if (b < 9 || (b > 13 && b < 32)) control++
  }
  if (n > 0 && control / n > 0.05) return 'is a binary file, not a JSON trace export'
  return null
}

function describeJsonError(_err: unknown, text: string): string {
  // V8's message quotes the start of the text: never shown (the file may not be a trace at all).
  const fault = findJsonFault(text)
  if (!fault || fault.truncated) {
    return 'the JSON ends in the middle of a value (the file looks truncated)'
  }
  return `it is not valid JSON (${faultText(fault)})`
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, error }
  }
}

function parseLines(text: string): ParsedDocument | null {
  const lines = text.split('\n')
  const values: unknown[] = []
  const warnings: string[] = []
  let bad = -1
  let nonEmpty = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    nonEmpty++
    const r = tryParse(line)
    if (r.ok) {
      if (bad >= 0) return null // a bad line in the middle: not JSON Lines
      values.push(r.value)
    } else if (bad >= 0) return null
    else bad = i
  }
  if (values.length === 0 || nonEmpty < 2) return null
  if (bad >= 0)
    warnings.push(`line ${bad + 1} is incomplete (the file looks truncated); it was skipped`)
  return { mode: 'jsonl', values, warnings }
}

function parseUnclosedArray(text: string): ParsedDocument | null {
  const body = text.replace(/[\s,]+$/, '')
  // Chrome writes the event list incrementally: a trace cut short lacks its closing bracket,
  // in the array form and in the `{"traceEvents": [` object form alike.
  const close = text.startsWith('[') ? ']' : /^\{\s*"traceEvents"\s*:\s*\[/.test(text) ? ']}' : ''
  if (!close) return null
  const r = tryParse(`${body}${close}`)
  return r.ok
    ? {
        mode: 'unclosed-array',
        values: [r.value],
        warnings: [`the closing "${close}" was missing`],
      }
    : null
}

/** Splits text holding several top-level JSON values written one after another. */
export function splitConcatenated(text: string): string[] | null {
  const parts: string[] = []
  let depth = 0
  let inString = false
  let start = -1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) start = i
      depth++
    } else if (c === 0x7d || c === 0x5d) {
      depth--
      if (depth < 0) return null
      if (depth === 0) parts.push(text.slice(start, i + 1))
    } else if (depth === 0 && c > 0x20) return null // text between values
  }
  return depth === 0 && parts.length >= 2 ? parts : null
}

/**
 * Last resort for captured console output: top-level JSON values with other text between them
 * (`opentelemetry-instrument` with console exporters writes the program's own output and log
 * lines between the exporters' JSON). Text outside values is skipped and counted; a value that
 * does not parse makes it fail. Null when there is no such value or no text between them.
 */
function parseLoose(text: string): ParsedDocument | null {
  const values: unknown[] = []
  let skipped = 0
  let depth = 0
  let inString = false
  let start = -1
  let textStart = 0
  const skipText = (from: number, to: number): void => {
    for (const line of text.slice(from, to).split('\n')) if (line.trim()) skipped++
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
      continue
    }
    if (depth === 0) {
      // Outside a value only an opening brace or bracket at the start of a line begins one.
      const lineStart = i === 0 || text.charCodeAt(i - 1) === 0x0a
      if ((c === 0x7b || c === 0x5b) && lineStart) {
        skipText(textStart, i)
        start = i
        depth = 1
      }
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) depth++
    else if (c === 0x7d || c === 0x5d) {
      depth--
      if (depth === 0) {
        const r = tryParse(text.slice(start, i + 1))
        if (!r.ok) return null // a broken value is an error, not text to skip
        values.push(r.value)
        textStart = i + 1
      }
    }
  }
  if (depth !== 0) return null // a value cut off at the end: not this shape
  skipText(textStart, text.length)
  if (values.length === 0 || skipped === 0) return null
  return {
    mode: 'concatenated',
    values,
    warnings: [`${skipped} line(s) of text between the JSON values were skipped`],
  }
}

/** Metric and log exports printed by the same console exporters: not traces, set aside. */
function isOtherSignal(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const keys = ['resource_metrics', 'resourceMetrics', 'resource_logs', 'resourceLogs']
  return keys.some((k) => k in v) && !('resourceSpans' in v) && !('resource_spans' in v)
}

/** Drops metric/log documents from several top-level values when trace values remain. */
function withoutOtherSignals(doc: ParsedDocument): ParsedDocument {
  if (doc.values.length < 2) return doc
  const kept = doc.values.filter((v) => !isOtherSignal(v))
  if (kept.length === doc.values.length || kept.length === 0) return doc
  const dropped = doc.values.length - kept.length
  return {
    ...doc,
    values: kept,
    warnings: [...doc.warnings, `${dropped} metrics or logs document(s) were skipped`],
  }
}

/** Parses a file's text; throws ImportError (without the file name) when it is not JSON. */
export function parseDocument(text: string): ParsedDocument {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const trimmed = quoteJaegerInt64(text.trim())
  if (!trimmed) throw new ImportError('the file is empty')
  const whole = tryParse(trimmed)
  if (whole.ok) return { mode: 'json', values: [whole.value], warnings: [] }
  const lines = parseLines(trimmed)
  if (lines) return withoutOtherSignals(lines)
  const unclosed = parseUnclosedArray(trimmed)
  if (unclosed) return unclosed
  const parts = splitConcatenated(trimmed)
  if (parts) {
    const values: unknown[] = []
    for (const p of parts) {
      const r = tryParse(p)
      if (!r.ok) break
      values.push(r.value)
    }
    if (values.length === parts.length)
      return withoutOtherSignals({ mode: 'concatenated', values, warnings: [] })
  }
  const loose = parseLoose(trimmed)
  if (loose) return withoutOtherSignals(loose)
  throw new ImportError(explainFailure(trimmed, whole.error))
}

/** The clearest account of why no parse worked: the bad line of JSON Lines, else the JSON error. */
function explainFailure(text: string, wholeError: unknown): string {
  const lines = text.split('\n')
  if (lines.length > 1 && tryParse(lines[0]).ok) {
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i].trim()
      if (!line) continue
      if (tryParse(line).ok) continue
      const fault = findJsonFault(line)
      return `line ${i + 1} is not valid JSON (${fault ? `column ${fault.column}: ${fault.problem}` : 'a value is cut short'})`
    }
  }
  return describeJsonError(wholeError, text)
}
