/**
 * Carrying an API error code inside an Error's message. Electron's contextBridge copies only
 * the message of an Error thrown across it (`.code` is lost), so the preload writes
 * "[code] message" and the renderer's bridge splits it back into a code and the user's text.
 */

/** "[not-found] No trace with id x". */
export function encodeErrorCode(code: string, message: string): string {
  return `[${code}] ${message}`
}

// contextBridge may prefix the text with the error's name ("Error: "), so allow one.
const ENCODED = /^(?:[A-Za-z]*Error: )?\[([a-z][a-z0-9-]{0,39})\] ([\s\S]*)$/

/** Splits an encoded message; a message without a code comes back as is, with code null. */
export function decodeErrorCode(message: string): { code: string | null; message: string } {
  const match = ENCODED.exec(message)
  return match ? { code: match[1], message: match[2] } : { code: null, message }
}
