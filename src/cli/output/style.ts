/**
 * Terminal styling. Colour only on a TTY, never when NO_COLOR is set or output is piped, so
 * scripted use gets plain text.
 */
import type { WriteStream } from 'node:tty'
import { describeStatus } from '../../shared/status'

type Stream = NodeJS.WriteStream | WriteStream

/** Whether a stream should receive ANSI colours. */
export function useColour(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY)
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const
export type StyleName = keyof typeof CODES

/** A styler bound to a stream's colour support. */
export interface Styler {
  (name: StyleName, text: string): string
  enabled: boolean
}

export function styler(enabled: boolean): Styler {
  const apply = ((name: StyleName, text: string) => {
    if (!enabled || text === '') return text
    const [open, close] = CODES[name]
    return `\u001b[${open}m${text}\u001b[${close}m`
  }) as Styler
  apply.enabled = enabled
  return apply
}

/** Visible width of a string (ANSI escapes do not count; wide characters count as one). */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex -- matching ANSI escape sequences is the point here
  return Array.from(text.replace(/\u001b\[[0-9;]*m/g, '')).length
}

/** The style for a trace or span status. */
export function statusStyle(status: string): StyleName | null {
  if (status === 'error' || status === 'failed') return 'red'
  if (status === 'warning' || status === 'retry') return 'yellow'
  if (status === 'ok') return 'green'
  return null
}

/** A trace, span or session status in the one vocabulary (OK / Recovered / Retried / Error), coloured. */
export function statusWord(style: Styler, status: string): string {
  return style(statusStyle(status) ?? 'dim', describeStatus(status).word)
}
