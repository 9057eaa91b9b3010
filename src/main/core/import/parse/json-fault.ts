/**
 * Where and why a text is not valid JSON, told without quoting the text (audit findings 7 and
 * 12: V8's own message quotes the first characters of the file, which for a file that is not a
 * trace at all — /etc/passwd — leaks its content, and says nothing of line or column). An
 * iterative scanner, so 100k-deep nesting is reported rather than overflowing the stack.
 */

export interface JsonFault {
  /** Offset of the first character that cannot be JSON (text.length when it ends early). */
  offset: number
  line: number
  column: number
  /** What is wrong, e.g. "expected a value, found a letter". */
  problem: string
  /** The text ends before the value does (a truncated file). */
  truncated: boolean
}

/** Deepest nesting tracedeck reads; real exports stay far below. */
export const MAX_NESTING = 2000

/** Line and column (from 1) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let k = 0; k < end; k++)
    if (text.charCodeAt(k) === 10) {
      line++
      lineStart = k + 1
    }
  return { line, column: offset - lineStart + 1 }
}

/** A character described by its kind, never by itself. */
export function kindOf(c: string): string {
  if (c === '') return 'the end of the file'
  if (/[A-Za-z]/.test(c)) return 'a letter'
  if (/[0-9]/.test(c)) return 'a digit'
  if (c === '"' || c === "'") return 'a quote'
  if (/[{}[\],:]/.test(c)) return `"${c}"` // JSON's own punctuation, not content
  const code = c.charCodeAt(0)
  if (code < 0x20 || code === 0x7f) return 'a control character'
  return 'a symbol'
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERAL = /true|false|null/y

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close'

/** The first fault in `text` as one JSON value, or null when it is valid JSON. */
export function findJsonFault(text: string, maxNesting = MAX_NESTING): JsonFault | null {
  const stack: string[] = []
  let expect = 'value' as Expect // (also set in afterValue: no narrowing)
  let done = false
  let i = 0
  const n = text.length
  const fault = (at: number, problem: string): JsonFault => ({
    offset: at,
    ...positionOf(text, at),
    problem,
    truncated: at >= n,
  })
  const afterValue = () => {
    if (stack.length === 0) done = true
    else expect = 'comma-or-close'
  }
  while (i < n) {
    const c = text[i]
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') {
      i++
      continue
    }
    if (done) return fault(i, `expected the end of the file after the JSON value, found ${kindOf(c)}`)
    if (expect === 'colon') {
      if (c !== ':') return fault(i, `expected ":" after an object key, found ${kindOf(c)}`)
      expect = 'value'
      i++
      continue
    }
    if (expect === 'comma-or-close') {
      const close = stack[stack.length - 1] === '{' ? '}' : ']'
      if (c === ',') expect = close === '}' ? 'key' : 'value'
      else if (c === close) {
        stack.pop()
        afterValue()
      } else return fault(i, `expected "," or "${close}", found ${kindOf(c)}`)
      i++
      continue
    }
    if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') {
        stack.pop()
        afterValue()
        i++
        continue
      }
      if (c !== '"') return fault(i, `expected an object key in double quotes, found ${kindOf(c)}`)
    } else if ((c === ']' && expect === 'value-or-close')) {
      stack.pop()
      afterValue()
      i++
      continue
    }
    // A value (or a key, which is a string).
    if (c === '"') {
      let k = i + 1
      for (;;) {
        if (k >= n) return fault(n, 'the text ends inside a string')
        const d = text.charCodeAt(k)
        if (d === 0x22) break
        if (d < 0x20) return fault(k, 'a string holds a raw control character (a line break?)')
        if (d === 0x5c) {
          const e = text[k + 1]
          if (e === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(k + 2, k + 6)))
              return fault(k, 'a \\u escape needs four hex digits')
            k += 6
            continue
          }
          if (e === undefined) return fault(n, 'the text ends inside a string')
          if (!'"\\/bfnrt'.includes(e)) return fault(k, 'a string holds an invalid escape')
          k += 2
          continue
        }
        k++
      }
      i = k + 1
      if (expect === 'key' || expect === 'key-or-close') expect = 'colon'
      else afterValue()
      continue
    }
    if (c === '{' || c === '[') {
      if (stack.length >= maxNesting)
        return fault(i, `values nest deeper than ${maxNesting} levels`)
      stack.push(c)
      expect = c === '{' ? 'key-or-close' : 'value-or-close'
      i++
      continue
    }
    NUMBER.lastIndex = i
    LITERAL.lastIndex = i
    const m = NUMBER.exec(text) ?? LITERAL.exec(text)
    if (!m) return fault(i, `expected a value, found ${kindOf(c)}`)
    i += m[0].length
    afterValue()
  }
  if (done) return null
  return fault(n, stack.length ? 'the text ends before the JSON does (the file looks truncated)' : 'there is no JSON value')
}

/** "line 3, column 14: expected ..." for a fault. */
export const faultText = (f: JsonFault): string => `line ${f.line}, column ${f.column}: ${f.problem}`

/** The deepest nesting of brackets outside strings in a (possibly invalid) JSON text. */
export function nestingDepth(text: string): { depth: number; line: number; column: number } {
  let depth = 0
  let max = 0
  let at = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth
        at = i
      }
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return { depth: max, ...positionOf(text, at) }
}
