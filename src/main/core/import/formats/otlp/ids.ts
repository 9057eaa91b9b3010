/**
 * OTLP trace and span ids to lowercase hex. The OTLP JSON mapping writes hex; protobuf's generic
 * `MessageToJson` writes the bytes as base64 (`W47/95gDgQPSabYzgT/GDA==`). Hex ids are 16 or 32
 * characters, base64 ones 12 or 24 (11 or 22 unpadded), so the two never collide.
 */

const HEX = /^[0-9a-fA-F]+$/
const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/
/** Lengths of 8- and 16-byte ids in base64, padded or not. */
const B64_LENGTHS = new Set([11, 12, 22, 24])

/** A normalised id, or undefined when the id is absent, empty or all zeros (no parent). */
export function normaliseId(v: unknown): string | undefined {
  if (typeof v !== 'string') return typeof v === 'number' && v > 0 ? v.toString(16) : undefined
  let s = v.trim()
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2)
  if (s === '') return undefined
  const b64Length = B64_LENGTHS.has(s.length)
  let hex: string
  if (HEX.test(s) && !b64Length) {
    hex = s.toLowerCase()
  } else if (b64Length && B64.test(s)) {
    hex = base64ToHex(s)
  } else {
    hex = s.toLowerCase() // free-form id: keep it, lowercased, so references still match
  }
  return /^0+$/.test(hex) ? undefined : hex
}

function base64ToHex(s: string): string {
  const std = s.replace(/-/g, '+').replace(/_/g, '/')
  return Buffer.from(std, 'base64').toString('hex')
}
