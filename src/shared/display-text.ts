/**
 * Untrusted text (span names, payload excerpts) as it is drawn (audit finding 9): bidirectional
 * controls shown as visible marks instead of reordering what surrounds them ("40 ms" drawn as
 * "sm 04" after a right-to-left override), other control characters as their Unicode control
 * pictures, and the whole isolated (FSI … PDI) so right-to-left text stays inside its label.
 */

/** Embeddings, overrides, isolates and the implicit marks: U+061C, U+200E/F, U+202A–E, U+2066–9. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
// Tab, line feed and carriage return are left to the caller's layout.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

/** The text with bidi controls as ⟨U+202E⟩ and C0 controls as control pictures (␀, ␛, ␡). */
export function visibleControls(text: string): string {
  return text
    .replace(BIDI, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`)
    .replace(CONTROL, (c) => (c === '\u007f' ? '␡' : String.fromCharCode(0x2400 + c.charCodeAt(0))))
}

/** Visible controls, isolated from the text around it: for canvas labels and plain strings. */
export function isolatedText(text: string): string {
  return `\u2068${visibleControls(text)}\u2069`
}
