/**
 * OTLP trace and span ids to lowercase hex. The OTLP JSON mapping writes hex; protobuf's generic
 * `MessageToJson` writes the bytes as base64 (`W47/95gDgQPSabYzgT/GDA==`). Hex ids are 16 or 32
 * characters, base64 ones 12 or 24 (11 or 22 unpadded), so the two never collide.
 */

const HEX = /^[0-9a-fA-F]+$/
const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/
/** Lengths of 8- and 16-byte ids in base64, padded or not. */
const B64_LENGTHS = new Set([11, 12, 22, 24])
/** Lengths of 8- and 16-byte ids in hex. */
const HEX_LENGTHS = new Set([16, 32])

/** A normalised id, or undefined when the id is absent, empty or all zeros (no parent). */
export function normaliseId(v: unknown): string | undefined {
  if (typeof v !== 'string') return typeof v === 'number' && v > 0 ? v.toString(16) : undefined
  const s = v.trim()
  if (s === '') return undefined
  // "0x…" is a hex prefix unless the whole string is a base64 id that merely starts with "0x"
  // (about one random base64 id in 4,000 does).
  const bare = /^0[xX][0-9a-fA-F]+$/.test(s) ? s.slice(2) : s
  const b64 = B64_LENGTHS.has(s.length) && B64.test(s)
  let hex: string
  if (b64 && (bare === s || !HEX_LENGTHS.has(bare.length))) {
    hex = base64ToHex(s)
  } else if (HEX.test(bare)) {
    hex = bare.toLowerCase()
  } else {
    hex = s.toLowerCase() // free-form id: keep it, lowercased, so references still match
  }
  return /^0+$/.test(hex) ? undefined : hex
}

function base64ToHex(s: string): string {
  const std = s.replace(/-/g, '+').replace(/_/g, '/')
  return Buffer.from(std, 'base64').toString('hex')
}
