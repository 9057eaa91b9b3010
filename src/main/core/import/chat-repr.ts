/**
 * Python `repr` of a message object, as some frameworks log their prompts (Agno writes
 * `role='user' content='Hi' name=None tool_call_id=None tool_calls=None …`). Only the role and
 * the text content are read; the string stays available as the payload's value.
 */
import type { ChatMessage } from '../../../shared/model'

const START = /^role=(['"])([A-Za-z_]+)\1\s/

/** A message from a `role='…' content='…'` repr string, or undefined for any other string. */
export function parseReprMessage(s: string): ChatMessage | undefined {
  const m = START.exec(s)
  if (!m) return undefined
  const role = m[2]
  const at = s.indexOf(' content=', m[0].length - 1)
  if (at < 0) return { role }
  const literal = readPythonString(s, at + ' content='.length)
  return literal === undefined ? { role } : { role, text: literal }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' }

/** Reads a Python string literal starting at `i` (`'…'` or `"…"` with backslash escapes). */
function readPythonString(s: string, i: number): string | undefined {
  const q = s[i]
  if (q !== "'" && q !== '"') return undefined // content=None or a non-string value
  let out = ''
  for (let k = i + 1; k < s.length; k++) {
    const c = s[k]
    if (c === q) return out
    if (c !== '\\') {
      out += c
      continue
    }
    const e = s[++k]
    if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const code = parseInt(s.slice(k + 1, k + 1 + len), 16)
      if (Number.isFinite(code)) out += String.fromCodePoint(code)
      k += len
    } else out += ESCAPES[e] ?? '\\' + e
  }
  return undefined // unterminated: not a repr we understand
}
