/**
 * Jaeger writes int64 tag values as bare JSON numbers (`{"type":"int64","value":1234…}`), and
 * `JSON.parse` rounds any beyond 2^53. Before a Jaeger document is parsed, such literals in a
 * `"value":` position are quoted, so the importer receives the exact digits as a string (its
 * `int64` handling keeps strings beyond 2^53 as they are and turns the rest into numbers).
 * Other files, and Jaeger files without such numbers, are returned unchanged.
 */

/** A `"value":` key (not inside a string: no backslash before it) and 16+ digits, then the end of the value. */
const BIG_VALUE = /(?<!\\)("value"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g

/** The text with unquoted integers beyond 2^53 in Jaeger tag `value`s quoted. */
export function quoteJaegerInt64(text: string): string {
  if (!text.includes('"spanID"') || !text.includes('"int64"')) return text
  return text.replace(BIG_VALUE, (all: string, key: string, digits: string) =>
    Number.isSafeInteger(Number(digits)) ? all : `${key}"${digits}"`,
  )
}
