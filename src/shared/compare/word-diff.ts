/**
 * Word-level text diff of two span payloads (a thin wrapper over jsdiff). Payloads become text
 * first: a chat becomes one "role: text" block per message, other values pretty-printed JSON.
 * Huge payloads are cut to a bound before diffing and the cut is reported, never hidden.
 */
import { diffWordsWithSpace } from 'diff'
import type { Payload } from '../model'

export interface DiffPart {
  text: string
  /** 'add': only in B; 'del': only in A; 'same': in both. */
  op: 'add' | 'del' | 'same'
}

export interface WordDiff {
  parts: DiffPart[]
  /** True when nothing differs. */
  equal: boolean
  /** True when either text was cut to `maxChars` before diffing. */
  truncated: boolean
  /** True when the diff was too costly and the texts are shown as a whole replacement. */
  coarse: boolean
}

/** Readable text of a payload ('' when there is none). */
export function payloadText(payload: Payload | undefined | null): string {
  if (!payload) return ''
  if (payload.messages?.length) {
    return payload.messages
      .map((m) => {
        const lines: string[] = []
        const text =
          m.text ??
          m.parts
            ?.map((p) => p.text ?? (p.data === undefined ? '' : JSON.stringify(p.data)))
            .join('\n')
        lines.push(`${m.role}${m.name ? ` (${m.name})` : ''}: ${text ?? ''}`)
        for (const call of m.toolCalls ?? []) {
          const args =
            typeof call.arguments === 'string'
              ? call.arguments
              : JSON.stringify(call.arguments ?? {})
          lines.push(`  → ${call.name}(${args})`)
        }
        return lines.join('\n')
      })
      .join('\n\n')
  }
  const v = payload.value
  if (typeof v === 'string') return v
  return JSON.stringify(v, null, 2) ?? ''
}

/** Word diff of two texts, each cut to `maxChars` first (default 20 000). */
export function wordDiff(
  a: string,
  b: string,
  options: { maxChars?: number; timeoutMs?: number } = {},
): WordDiff {
  const max = options.maxChars ?? 20_000
  const truncated = a.length > max || b.length > max
  const ta = a.slice(0, max)
  const tb = b.slice(0, max)
  if (ta === tb)
    return {
      parts: ta ? [{ text: ta, op: 'same' }] : [],
      equal: !truncated || a === b,
      truncated,
      coarse: false,
    }
  const changes = diffWordsWithSpace(ta, tb, { timeout: options.timeoutMs ?? 300 })
  if (!changes) {
    const parts: DiffPart[] = []
    if (ta) parts.push({ text: ta, op: 'del' })
    if (tb) parts.push({ text: tb, op: 'add' })
    return { parts, equal: false, truncated, coarse: true }
  }
  const parts = changes.map((c): DiffPart => ({
    text: c.value,
    op: c.added ? 'add' : c.removed ? 'del' : 'same',
  }))
  return { parts, equal: false, truncated, coarse: false }
}
