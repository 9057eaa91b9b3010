/**
 * User preferences, kept in localStorage for the app's lifetime across runs. Plain values only;
 * features read them with selectors (e.g. `usePrefs((p) => p.pacingMinMs)`).
 */
import { create } from 'zustand'
import { persist } from 'zustand/middleware'

export type PayloadView = 'conversation' | 'json' | 'raw'

export interface Prefs {
  /** Replay pacing clamp: delay = step duration / speed, kept within [min, max] ms. */
  pacingMinMs: number
  pacingMaxMs: number
  /** Replay speed multiplier (0.1 to 10). */
  speed: number
  /** Payloads larger than this many characters are shown truncated until "Show all". */
  payloadGateChars: number
  /** The payload tab the detail panel opens on when the payload allows it. */
  preferredPayloadView: PayloadView
  /** Render chat text as (sanitised) markdown instead of plain text. */
  renderMarkdown: boolean
}

export const DEFAULT_PREFS: Prefs = {
  pacingMinMs: 80,
  pacingMaxMs: 550,
  speed: 1,
  payloadGateChars: 100_000,
  preferredPayloadView: 'conversation',
  renderMarkdown: false,
}

interface PrefsState extends Prefs {
  setPrefs(patch: Partial<Prefs>): void
  resetPrefs(): void
}

/** Preferences store (persisted). */
export const usePrefs = create<PrefsState>()(
  persist(
    (set) => ({
      ...DEFAULT_PREFS,
      setPrefs: (patch) => set(sanitise(patch)),
      resetPrefs: () => set(DEFAULT_PREFS),
    }),
    {
      name: 'tracedeck.prefs',
      version: 1,
      // Stored values are user-editable: keep only known, sane ones.
      merge: (stored, current) => ({ ...current, ...sanitise((stored ?? {}) as Partial<Prefs>) }),
    },
  ),
)

function sanitise(patch: Partial<Prefs>): Partial<Prefs> {
  const out: Partial<Prefs> = {}
  const num = (v: unknown, lo: number, hi: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : undefined
  const set = <K extends keyof Prefs>(key: K, value: Prefs[K] | undefined) => {
    if (value !== undefined) out[key] = value
  }
  set('pacingMinMs', num(patch.pacingMinMs, 0, 10_000))
  set('pacingMaxMs', num(patch.pacingMaxMs, 0, 60_000))
  set('speed', num(patch.speed, 0.1, 10))
  set('payloadGateChars', num(patch.payloadGateChars, 1_000, 50_000_000))
  if (
    patch.preferredPayloadView &&
    ['conversation', 'json', 'raw'].includes(patch.preferredPayloadView)
  ) {
    set('preferredPayloadView', patch.preferredPayloadView)
  }
  if (typeof patch.renderMarkdown === 'boolean') set('renderMarkdown', patch.renderMarkdown)
  return out
}
