/** Number formats shared by the replay views and the terminal replay. */
import { traceStatusWord, type TraceStatusWord } from '../status'

/** Duration from microseconds: "850µs", "180ms", "1.24s", "2m 05s". */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us) || us < 0) return '–'
  if (us < 1000) return `${Math.round(us)}µs`
  const ms = us / 1000
  if (ms < 10) return `${Number(ms.toFixed(1))}ms`
  if (ms < 1000) return `${Math.round(ms)}ms`
  const s = ms / 1000
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)}s`
  const m = Math.floor(s / 60)
  return `${m}m ${String(Math.round(s - m * 60)).padStart(2, '0')}s`
}

/** Latency in the seeds' style: "3,420.00 ms". */
export function formatLatencyMs(us: number): string {
  return `${(us / 1000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ms`
}

/** Token count with thousands separators, "–" when not stated. */
export function formatTokens(tokens: number | null | undefined): string {
  return tokens === null || tokens === undefined || Number.isNaN(tokens)
    ? '–'
    : Math.round(tokens).toLocaleString('en-US')
}

/** Cost in dollars, with enough digits for sub-cent LLM calls; "–" when not stated. */
export function formatCost(cost: number | null | undefined, estimated = false): string {
  if (cost === null || cost === undefined || Number.isNaN(cost)) return '–'
  const digits = cost === 0 ? 2 : cost < 0.01 ? 5 : cost < 1 ? 4 : 2
  return `${estimated ? '~' : ''}$${cost.toFixed(digits)}`
}

/** Trace status as every view shows it: OK / Recovered / Error (shared/status.ts). */
export function traceStatusLabel(status: 'ok' | 'warning' | 'error'): TraceStatusWord {
  return traceStatusWord(status)
}

/** Clips text to `max` characters with an ellipsis (seeds/003 clips step input/output to 200). */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`
}
