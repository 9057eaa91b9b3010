/**
 * Looking at the head of a file too big to parse whole: is it one document or a sequence of
 * documents (JSON Lines, concatenated objects)? And for one document, a small stand-in value to
 * run format detection on: the head cut after its last complete value, with the open brackets
 * closed — `{"resourceSpans":[{"resource":{…},"scopeSpans":[{"spans":[{…},{…}]}]}]}`.
 */
import { faultText, findJsonFault } from './json-fault'
import { UnitSplitter } from './unit-splitter'

/** True when the head holds one complete top-level value followed by the start of another. */
export function looksMultiDocument(head: Buffer): boolean {
  let count = 0
  const s = new UnitSplitter([], { unit: () => count++ })
  try {
    s.push(head)
  } catch (err) {
    // Not even the head splits cleanly: let the full parse report the problem in context.
    void err
    return false
  }
  if (count === 0) return false
  if (count >= 2) return true
  // One value and then something other than whitespace: a second value has started.
  return /\S/.test(head.toString('utf8', lastValueEnd(head)))
}

function lastValueEnd(head: Buffer): number {
  let end = 0
  let depth = 0
  let inString = false
  for (let i = 0; i < head.length; i++) {
    const c = head[i]
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
      if (!inString && depth === 0) return i + 1
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) depth++
    else if (c === 0x7d || c === 0x5d) {
      depth--
      if (depth === 0) return i + 1
    }
    end = i
  }
  return end
}

export type Probe = { value: unknown } | { error: string } | null

/**
 * A parseable stand-in for a document whose head is given: the head up to the last complete
 * value inside a container, closed with the brackets still open there. `error` when that text
 * is not valid JSON (the head itself is broken); null when the head has no usable cut point.
 */
export function probeHead(head: Buffer): Probe {
  const stack: number[] = [] // closing bracket per open container
  let inString = false
  let cut = -1
  let cutClosers = ''
  let closers = ''
  for (let i = 0; i < head.length; i++) {
    const c = head[i]
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b ? 0x7d : 0x5d)
      closers = String.fromCharCode(...stack.slice().reverse())
      if (c === 0x5b) {
        cut = i + 1 // an empty array is a valid cut
        cutClosers = closers
      }
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop()
      closers = String.fromCharCode(...stack.slice().reverse())
      if (stack.length === 0) return tryJson(head.toString('utf8', 0, i + 1))
      cut = i + 1
      cutClosers = closers
    } else if (c === 0x2c && stack.length > 0) {
      cut = i // just before the comma: every value before it is complete
      cutClosers = closers
    }
  }
  if (cut < 0) return null
  return tryJson(head.toString('utf8', 0, cut) + cutClosers)
}

function tryJson(text: string): Probe {
  try {
    return { value: JSON.parse(text) }
  } catch {
    // V8's message quotes the text; say where and what instead (never the content).
    const fault = findJsonFault(text)
    return { error: fault ? faultText(fault) : 'a value is cut short' }
  }
}
