import type { ReactNode } from 'react'
import { KIND_LABELS } from '../styles/kinds'
import type { SpanKind } from '../../../shared/model'
import { describeStatus } from '../../../shared/status'
import './badge.css'

export type Tone = 'neutral' | 'accent' | 'ok' | 'warning' | 'error' | 'retry'

/** A small rounded label. */
export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: Tone
  children: ReactNode
  title?: string
}) {
  return (
    <span className={`td-badge td-badge--${tone}`} title={title}>
      {children}
    </span>
  )
}

/** A span kind, coloured with its kind token (the same colour as its timeline bar). */
export function KindBadge({ kind }: { kind: SpanKind | string }) {
  const known = kind in KIND_LABELS
  return (
    <span
      className="td-badge td-badge--kind"
      style={{ ['--kind' as string]: `var(--kind-${known ? kind : 'span'})` }}
      title={`Kind: ${kind}`}
    >
      <span className="td-badge__dot" aria-hidden />
      {known ? KIND_LABELS[kind as SpanKind] : kind}
    </span>
  )
}

/** A span, trace or session status as a coloured badge with a symbol (colour is never the only cue). */
export function StatusBadge({ status }: { status: string }) {
  const { word, tone, symbol, hint } = describeStatus(status)
  return (
    <span className={`td-badge td-badge--${tone}`} title={hint}>
      {symbol && <span aria-hidden>{symbol}</span>}
      {word}
    </span>
  )
}
