/**
 * The skeleton of a big JSON file (audit finding 4): its structure from the start, with every
 * long string cut to a few hundred bytes, up to a budget. Detection then sees the keys that come
 * after a huge field (a Langfuse trace whose 50 MB `input` precedes `observations`), wherever
 * that field sits; the head alone would end inside it.
 */
import { closeSync, openSync, readSync } from 'node:fs'

/** Bytes of a string value kept in the skeleton. */
const KEEP_STRING = 256
const CHUNK = 4 << 20

/** Reads `path` from the start and returns its skeleton, at most `budget` bytes of it. */
export function readSkeleton(path: string, budget = 1 << 20): Buffer {
  const out = Buffer.alloc(budget)
  let used = 0
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(CHUNK)
    let inString = false
    let escape = false
    let kept = 0
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null)
      if (n <= 0) break
      for (let i = 0; i < n && used < budget; i++) {
        const b = buf[i]
        if (!inString) {
          if (b === 0x22) {
            inString = true
            kept = 0
          }
          out[used++] = b
          continue
        }
        if (escape) {
          escape = false
          if (kept < KEEP_STRING) out[used++] = b
          continue
        }
        if (b === 0x22) {
          inString = false
          out[used++] = b
          continue
        }
        if (b === 0x5c) {
          escape = true
          // An escape is kept whole or not at all, so a cut never leaves a lone backslash.
          if (kept + 2 > KEEP_STRING) {
            kept = KEEP_STRING
            continue
          }
          out[used++] = b
          kept += 2
          continue
        }
        // Whole UTF-8 sequences only: a lead byte past the limit stops the copy for good.
        if (kept >= KEEP_STRING || (kept >= KEEP_STRING - 4 && b >= 0xc0)) {
          kept = KEEP_STRING
          continue
        }
        if (b < 0x80 || b >= 0xc0 || kept > 0) {
          out[used++] = b
          if (b < 0x80 || b >= 0xc0) kept++
        }
      }
      if (used >= budget) break
    }
  } finally {
    closeSync(fd)
  }
  return out.subarray(0, used)
}
