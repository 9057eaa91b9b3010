/**
 * A second opinion on chat extraction: Langfuse's own ChatML extraction for real traces
 * (../shared/corpus/lf, outside the repo). Where both extract a conversation, the roles must
 * agree (tracedeck names Gemini's `model` role `assistant`, and Langfuse sometimes emits entries
 * without a role). Where Langfuse wraps plain JSON (a weather API result, search hits) as a
 * message, tracedeck deliberately shows JSON instead: those values must hold no message-shaped
 * entries, so no real conversation is missed.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toChatMessages } from '../../src/main/core/import/chat'

const DIR = resolve(__dirname, '../../../shared/corpus/lf')
const present = existsSync(DIR)
if (!present) console.warn(`[lf-chat] SKIPPED: no Langfuse corpus at ${DIR} (it lives outside the repository)`)

type Side = { success: boolean; data?: { role?: string }[] }
type Observation = { id: string; input?: unknown; output?: unknown }

const role = (r: string | undefined) => (r === 'model' ? 'assistant' : r)

/** True when a value (decoded) has items or a wrapper that look like chat messages. */
function looksLikeChat(v: unknown): boolean {
  const d = typeof v === 'string' ? safeParse(v) : v
  const items = Array.isArray(d) ? d : d && typeof d === 'object' ? [d, ...(Array.isArray((d as { messages?: unknown }).messages) ? (d as { messages: unknown[] }).messages : [])] : []
  return items.some((x) => x && typeof x === 'object' && typeof (x as { role?: unknown }).role === 'string')
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return s // plain text: not chat-shaped, which is what the caller checks
  }
}

describe.skipIf(!present)('chat extraction agrees with Langfuse on real traces', () => {
  const files = present ? readdirSync(DIR).filter((f) => f.endsWith('.chatml.json')) : []
  for (const f of files) {
    it(f.replace('.chatml.json', ''), () => {
      const expected = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Record<string, Record<'input' | 'output', Side>>
      const trace = JSON.parse(readFileSync(join(DIR, f.replace('.chatml.', '.trace.')), 'utf8')) as { observations?: Observation[] }
      const obs = new Map((trace.observations ?? []).map((o) => [o.id, o]))
      let compared = 0
      let theirConversations = 0
      for (const [id, sides] of Object.entries(expected)) {
        const o = obs.get(id)
        expect(o, `observation ${id}`).toBeDefined()
        for (const side of ['input', 'output'] as const) {
          const theirs = sides[side]
          const ours = toChatMessages(o![side])
          if (!theirs?.success || !theirs.data) continue
          theirConversations++
          if (!ours) {
            expect(looksLikeChat(o![side]), `${id} ${side} holds messages we did not read`).toBe(false)
            continue
          }
          const theirRoles = theirs.data.map((m) => role(m.role))
          if (theirRoles.some((r) => r === undefined)) continue // Langfuse produced role-less entries
          expect(ours.map((m) => m.role), `${id} ${side}`).toEqual(theirRoles)
          compared++
        }
      }
      // Every file where Langfuse found a conversation is actually compared, not skipped wholesale.
      if (theirConversations > 0) expect(compared).toBeGreaterThan(0)
    })
  }
})
