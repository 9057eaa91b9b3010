/**
 * The text encoding of a trace file (audit finding 6): UTF-8 (with or without a BOM), and
 * UTF-16 or UTF-32 when a byte-order mark says so — Windows tools (PowerShell's `>`, Notepad's
 * "Unicode") write those, and their NUL bytes are not a sign of a binary file.
 */
import { ImportError } from '../importer'

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be'

/** The encoding a byte-order mark at the start announces, or null (no BOM, or UTF-8's). */
export function bomEncoding(head: Uint8Array): Exclude<TextEncoding, 'utf-8'> | null {
  const [a, b, c, d] = head
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf-32le'
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be'
  if (a === 0xff && b === 0xfe) return 'utf-16le'
  if (a === 0xfe && b === 0xff) return 'utf-16be'
  return null
}

function decodeUtf32(buf: Uint8Array, littleEndian: boolean): string {
  if (buf.length % 4 !== 0)
    throw new ImportError(`it is UTF-32 text whose length (${buf.length} bytes) is not a multiple of 4 (cut short?)`)
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const parts: string[] = []
  let codes: number[] = []
  for (let i = 4; i < buf.length; i += 4) {
    const cp = view.getUint32(i, littleEndian)
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      throw new ImportError(`it is not valid UTF-32 text (byte ${i} holds no character)`)
    codes.push(cp)
    if (codes.length === 8192) {
      parts.push(String.fromCodePoint(...codes))
      codes = []
    }
  }
  parts.push(String.fromCodePoint(...codes))
  return parts.join('')
}

/**
 * Decodes a whole file's bytes: UTF-16/32 by their BOM (which is dropped), else UTF-8 (strict:
 * invalid bytes are an ImportError that says where).
 */
export function decodeText(buf: Uint8Array): string {
  const enc = bomEncoding(buf)
  try {
    if (enc === 'utf-32le' || enc === 'utf-32be') return decodeUtf32(buf, enc === 'utf-32le')
    if (enc) return new TextDecoder(enc, { fatal: true }).decode(buf.subarray(2))
    return new TextDecoder('utf-8', { fatal: true }).decode(buf)
  } catch (err) {
    if (err instanceof ImportError) throw err
    throw new ImportError(`it is not valid ${(enc ?? 'utf-8').toUpperCase()} text`)
  }
}
